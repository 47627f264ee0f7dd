import { renderDddCard } from "../../cards/ddd-cards.js";
import { z } from "zod";
import { snoozeReminder } from "../../services/ddd/card-updates.js";
import { defineCardAction } from "./router.js";

/** "Later herinneren" on a decaan's reminder: again on the next working day, at most twice per step. */
export const dddLaterAction = defineCardAction({
  verb: "ddd.later",
  roles: ["decaan"],
  schema: z.object({ schoolId: z.coerce.number().int().positive(), stepId: z.string().min(1).max(40) }).passthrough(),
  async handle({ actor, data, deps }) {
    const outcome = await snoozeReminder(deps, { actor, schoolId: data.schoolId, stepId: data.stepId, now: deps.clock() });
    return "card" in outcome ? renderDddCard(outcome.card) : outcome.message;
  },
});
