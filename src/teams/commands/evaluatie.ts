import { buildEvaluationStatus } from "../../services/evaluations.js";
import { sendCard } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const evaluatieCommand: CommandHandler = {
  name: "evaluatie",
  async handle({ turn, deps }) {
    const card = await buildEvaluationStatus(deps.db, null, deps.clock());
    if (!card) await turn.sendActivity("Er is nog geen evaluatie uitgeschreven. Typ **nodig uit evaluatie <datum> <tijd> <plaats>**.");
    else await sendCard(turn, card);
  },
};
