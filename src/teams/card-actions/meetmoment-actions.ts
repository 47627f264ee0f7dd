import { z } from "zod";
import { renderRoundCardView } from "../../cards/meetmoment-round-card.js";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { Actor } from "../../services/actor.js";
import { meetmomentDepsOf, performRoundAction, readFormInputs, type MeetmomentActor, type RoundActionKind } from "../../services/meetmomenten/index.js";
import type { BotDeps } from "../types.js";

/**
 * Shared by the meetmoment buttons. The router checks only this generic envelope (which round,
 * activity and school year the card is about; the inputs pass through untouched); the handler
 * then validates the inputs with the zod schema derived from that round's KPIs.
 */
export const meetmomentEnvelope = z
  .object({
    roundId: z.coerce.number().int().positive().max(2_147_483_647),
    activityId: z.string().min(1).max(80),
    schoolYear: z.string().min(1).max(20),
    /** The party whose figures the card is about in a per-party round; "" (or absent) otherwise. */
    party: z.string().max(120).optional(),
  })
  .passthrough();


export function toMeetmomentActor(actor: Actor): MeetmomentActor {
  return { personId: actor.person?.id ?? null, naam: actor.person?.naam ?? null, roles: actor.person?.roles.map((r) => ({ role: r.role, activityId: r.activityId })) ?? [] };
}

export async function runMeetmomentAction(kind: RoundActionKind, actor: Actor, deps: BotDeps, data: z.infer<typeof meetmomentEnvelope>): Promise<AdaptiveCard | string> {
  const answer = await performRoundAction(
    deps.db,
    meetmomentDepsOf(deps),
    {
      kind,
      envelope: { roundId: data.roundId, activityId: data.activityId, schoolYear: data.schoolYear, party: data.party ?? "" },
      inputs: readFormInputs(data),
      actor: toMeetmomentActor(actor),
      source: "card",
    },
    deps.clock(),
  );
  return typeof answer === "string" ? answer : renderRoundCardView(answer);
}
