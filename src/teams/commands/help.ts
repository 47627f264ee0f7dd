import { CardFactory } from "botbuilder";
import { buildHelpCardData, renderHelpCard } from "../../cards/help-card.js";
import { listCommandsFor } from "../../domain/commands.js";
import type { Actor } from "../../services/actor.js";
import type { CommandHandler } from "../types.js";

export function buildHelpActivity(actor: Actor, contact: string) {
  const card = renderHelpCard(buildHelpCardData(actor, listCommandsFor(actor.roles), contact));
  return { attachments: [CardFactory.adaptiveCard(card)] };
}

export const helpCommand: CommandHandler = {
  name: "help",
  async handle({ turn, actor, deps }) {
    await turn.sendActivity(buildHelpActivity(actor, deps.config.projectteamContact));
  },
};
