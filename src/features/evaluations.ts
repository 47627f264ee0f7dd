import { evaluationAnswerAction } from "../teams/card-actions/evaluation-answer.js";
import { evaluationStatusAction } from "../teams/card-actions/evaluation-status.js";
import { evaluatieCommand } from "../teams/commands/evaluatie.js";
import { nodigUitEvaluatieCommand } from "../teams/commands/nodig-uit-evaluatie.js";
import type { Feature } from "./feature.js";

/** The yearly evaluation of the overstap procedure: the invitation and who is coming. */
export const evaluationsFeature: Feature = {
  name: "evaluatie",
  commands: [nodigUitEvaluatieCommand, evaluatieCommand],
  cardActions: [evaluationAnswerAction, evaluationStatusAction],
};
