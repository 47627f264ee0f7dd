import { EVERYONE } from "../../domain/authorization.js";
import { z } from "zod";
import { buildEvaluationInviteCardData, renderEvaluationInviteCard } from "../../cards/evaluation-cards.js";
import { EVALUATION_ANSWERS } from "../../domain/evaluations.js";
import { answerEvaluation } from "../../services/evaluations.js";
import { defineCardAction } from "./router.js";

/** RSVP on the evaluation invitation; the card shows the answer, which can be changed later. */
export const evaluationAnswerAction = defineCardAction({
  verb: "evaluatie-antwoord",
  // The invitation goes to everyone in the overstap procedure; the service checks that the person is known.
  roles: EVERYONE,
  schema: z.object({ evaluationId: z.coerce.number().int().positive(), answer: z.enum(EVALUATION_ANSWERS) }),
  handle: async ({ actor, data, deps }) => {
    const result = await answerEvaluation(deps.db, { evaluationId: data.evaluationId, personId: actor.person?.id ?? null, answer: data.answer }, deps.clock());
    return result.ok ? renderEvaluationInviteCard(buildEvaluationInviteCardData(result.evaluation, result.answer)) : result.message;
  },
});
