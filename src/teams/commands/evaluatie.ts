import { EVALUATION_READERS } from "../../domain/authorization.js";
import { renderEvaluationStatus } from "../../cards/evaluation-cards.js";
import { loadEvaluationStatus } from "../../services/evaluations.js";
import { sendCard } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const evaluatieCommand: CommandHandler = {
  name: "evaluatie",
  usage: "evaluatie",
  description: "Hoeveel deelnemers komen naar de evaluatie.",
  roles: EVALUATION_READERS,
  async handle({ turn, deps }) {
    const status = await loadEvaluationStatus(deps.db, null, deps.clock());
    if (!status) await turn.sendActivity("Er is nog geen evaluatie uitgeschreven. Typ **nodig uit evaluatie ‹datum› ‹tijd› ‹plaats›**.");
    else await sendCard(turn, renderEvaluationStatus(status));
  },
};
