import { renderDddCard } from "../../cards/ddd-cards.js";
import { z } from "zod";
import { markGroupDone } from "../../services/ddd/card-updates.js";
import { defineCardAction } from "./router.js";

/** "Gedaan" on a mentor card: the mentor's part for the group is done. */
export const dddGedaanAction = defineCardAction({
  verb: "ddd.gedaan",
  roles: ["mentor"],
  schema: z
    .object({ schoolId: z.coerce.number().int().positive(), mentorGroup: z.string().min(1).max(40), stepId: z.string().max(40).optional().default("") })
    .passthrough(),
  async handle({ actor, data, deps }) {
    const outcome = await markGroupDone(deps, { actor, schoolId: data.schoolId, mentorGroup: data.mentorGroup, stepId: data.stepId || null, now: deps.clock() });
    return "card" in outcome ? renderDddCard(outcome.card) : outcome.message;
  },
});
