import { z } from "zod";
import { buildEvaluationStatus } from "../../services/evaluations.js";
import { defineCardAction } from "./router.js";

/** "Vernieuw" (and the automatic refresh) on the projectteam's count of evaluation answers. */
export const evaluationStatusAction = defineCardAction({
  verb: "evaluatie-stand",
  roles: ["projectteam", "programmaleider", "beheerder"],
  schema: z.object({ evaluationId: z.coerce.number().int().positive() }),
  handle: async ({ data, deps }) => (await buildEvaluationStatus(deps.db, data.evaluationId, deps.clock())) ?? "Deze evaluatie bestaat niet meer.",
});
