import { FIGURE_KEEPERS } from "../../domain/authorization.js";
import { buildRoundListCardData, renderRoundListCard } from "../../cards/meetmoment-cards.js";
import { renderRoundCardView } from "../../cards/meetmoment-round-card.js";
import { findRoundCardForActivity, listOpenRoundsFor, meetmomentDepsOf } from "../../services/meetmomenten/index.js";
import { toMeetmomentActor } from "../card-actions/meetmoment-actions.js";
import { sendCard } from "../case-support.js";
import type { CommandHandler } from "../types.js";

/**
 * `cijfers`: the open meetmomenten of the owner's activities (every open one for the
 * projectteam and beheerder). `cijfers <activiteit>`: that activity's form, found by id or
 * (part of) its name; an eigenaar only gets the forms of their own activities.
 */
export const cijfersCommand: CommandHandler = {
  name: "cijfers",
  usage: "cijfers [activiteit]",
  description: "Je openstaande meetmomenten, of het formulier van één activiteit (een eigenaar alleen van de eigen activiteiten).",
  roles: FIGURE_KEEPERS,
  async handle({ turn, actor, args, deps }) {
    const mdeps = meetmomentDepsOf(deps);
    const who = toMeetmomentActor(actor);
    const now = deps.clock();
    if (args === "") {
      const open = await listOpenRoundsFor(deps.db, mdeps, who, now);
      return sendCard(turn, renderRoundListCard(buildRoundListCardData(open.items, { scope: open.scope, ...(open.nextLine ? { nextLine: open.nextLine } : {}) })));
    }
    const answer = await findRoundCardForActivity(deps.db, mdeps, who, args, now);
    if ("round" in answer) return sendCard(turn, renderRoundCardView(answer.round), answer.text);
    await turn.sendActivity(answer.text);
  },
};
