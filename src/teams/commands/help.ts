import { EVERYONE } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildHelpCardData, renderHelpCard } from "../../cards/help-card.js";
import { listCommandsFor } from "../../domain/commands.js";
import type { Actor } from "../../services/actor.js";
import type { BotDeps, CommandHandler } from "../types.js";

export function buildHelpActivity(actor: Actor, deps: Pick<BotDeps, "authorization" | "commands" | "config">) {
  const card = renderHelpCard(buildHelpCardData(actor, listCommandsFor(deps.authorization, actor.roles, deps.commands), deps.config.projectteamContact, { naam: deps.config.region.naam, dddDeadline: deps.config.ddd.deadline }));
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

export const helpCommand: CommandHandler = {
  name: "help",
  usage: "help",
  description: "Laat zien wat Aanjager voor jou kan doen.",
  roles: EVERYONE,
  async handle({ turn, actor, deps }) {
    await turn.sendActivity(buildHelpActivity(actor, deps));
  },
};
