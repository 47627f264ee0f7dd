import { renderDddCard } from "../../cards/ddd-cards.js";
import { z } from "zod";
import { askForHelp } from "../../services/ddd/card-updates.js";
import { defineCardAction } from "./router.js";

/** "Hulp vragen" on a decaan or mentor card: a ddd-hulp case for the projectteam. */
export const dddHulpAction = defineCardAction({
  verb: "ddd.hulp",
  roles: ["decaan", "mentor"],
  schema: z
    .object({ schoolId: z.coerce.number().int().positive(), mentorGroup: z.string().max(40).optional().default(""), stepId: z.string().max(40).optional().default("") })
    .passthrough(),
  async handle({ actor, data, deps }) {
    const outcome = await askForHelp(deps, { actor, schoolId: data.schoolId, mentorGroup: data.mentorGroup, stepId: data.stepId || null, now: deps.clock() });
    return "card" in outcome ? renderDddCard(outcome.card) : outcome.message;
  },
});
