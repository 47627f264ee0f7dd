import { z } from "zod";
import { answerEvaluation } from "../../services/evaluations.js";
import { defineCardAction } from "./router.js";

/** RSVP on the evaluation invitation; the card shows the answer, which can be changed later. */
export const evaluationAnswerAction = defineCardAction({
  verb: "evaluatie-antwoord",
  schema: z.object({ evaluationId: z.coerce.number().int().positive(), answer: z.enum(["ja", "nee", "misschien"]) }),
  handle: async ({ actor, data, deps }) => {
    const result = await answerEvaluation(deps.db, { evaluationId: data.evaluationId, personId: actor.person?.id ?? null, answer: data.answer }, deps.clock());
    return result.ok ? result.card : result.message;
  },
});
