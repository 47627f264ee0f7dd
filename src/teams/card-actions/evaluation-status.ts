import { EVALUATION_READERS } from "../../domain/authorization.js";
import { z } from "zod";
import { renderEvaluationStatus } from "../../cards/evaluation-cards.js";
import { loadEvaluationStatus } from "../../services/evaluations.js";
import { respondToInteractorOnly } from "../case-support.js";
import { defineCardAction } from "./router.js";

/** "Vernieuw" (and the automatic refresh) on the projectteam's count of evaluation answers. */
export const evaluationStatusAction = defineCardAction({
  verb: "evaluatie-stand",
  roles: EVALUATION_READERS,
  schema: z.object({ evaluationId: z.coerce.number().int().positive() }),
  handle: async ({ turn, data, deps }) => {
    const status = await loadEvaluationStatus(deps.db, data.evaluationId, deps.clock());
    if (!status) return "Deze evaluatie bestaat niet meer.";
    const card = renderEvaluationStatus(status);
    // Teams' automatic refresh is per viewer: answer them without replacing the message for all.
    if ((turn.activity.value as { trigger?: string } | undefined)?.trigger === "automatic") await respondToInteractorOnly(turn, card);
    return card;
  },
});
