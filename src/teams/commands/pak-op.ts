import { CASE_VIEWERS } from "../../domain/authorization.js";
import { performCaseAction } from "../../services/cases/index.js";
import { caseDepsOf, parseCaseNumber, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const pakOpCommand: CommandHandler = {
  name: "pak op",
  usage: "pak op <nr>",
  description: "Neem de zaak in behandeling.",
  roles: CASE_VIEWERS,
  async handle({ turn, actor, args, deps }) {
    const parsed = parseCaseNumber(args);
    if (!parsed) {
      await turn.sendActivity("Welke zaak pak je op? Typ bijvoorbeeld **pak op 12**.");
      return;
    }
    await replyWithCaseResult(turn, await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "acknowledge" }, actor: toCaseActor(actor), via: "chat" }, deps.clock()));
  },
};
