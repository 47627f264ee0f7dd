import { CardFactory } from "botbuilder";
import { renderDddCard } from "../../cards/ddd-cards.js";
import { buildVoortgangReplies } from "../../services/ddd/voortgang.js";
import type { CommandHandler } from "../types.js";

/** `voortgang [school]`: the DDD card of your school or group; the region (or one school) for the projectteam. */
export const voortgangCommand: CommandHandler = {
  name: "voortgang",
  usage: "voortgang [school]",
  description: "De DDD-voortgang van je school of mentorgroep, met prognose tot 1 april (projectteam: de regio, of één school; mbo-intake: de aantallen op weg naar je instelling).",
  roles: ["decaan", "mentor", "projectteam", "beheerder", "mbo-intake"],
  async handle({ turn, actor, args, deps }) {
    const replies = await buildVoortgangReplies(deps, actor, args, deps.clock());
    for (const reply of replies) {
      await turn.sendActivity(typeof reply === "string" ? reply : { attachments: [CardFactory.adaptiveCard(renderDddCard(reply))] });
    }
  },
};
