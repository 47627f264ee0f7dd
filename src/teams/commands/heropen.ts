import { CASE_STAFF } from "../../domain/authorization.js";
import { performCaseAction } from "../../services/cases/index.js";
import { caseDepsOf, parseCaseNumber, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const heropenCommand: CommandHandler = {
  name: "heropen",
  usage: "heropen <nr>",
  description: "Heropen een gesloten zaak.",
  roles: CASE_STAFF,
  async handle({ turn, actor, args, deps }) {
    const parsed = parseCaseNumber(args);
    if (!parsed) {
      await turn.sendActivity("Welke zaak heropen je? Typ bijvoorbeeld **heropen 12**.");
      return;
    }
    await replyWithCaseResult(turn, await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "reopen" }, actor: toCaseActor(actor), via: "chat" }, deps.clock()));
  },
};
