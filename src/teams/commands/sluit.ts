import { CASE_STAFF } from "../../domain/authorization.js";
import { performCaseAction } from "../../services/cases/index.js";
import { caseDepsOf, parseCaseNumber, readRawArgs, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const sluitCommand: CommandHandler = {
  name: "sluit",
  usage: "sluit <nr> <toelichting>",
  description: "Sluit een zaak met een toelichting.",
  roles: CASE_STAFF,
  async handle({ turn, actor, deps }) {
    const parsed = parseCaseNumber(readRawArgs(turn, "sluit"));
    if (!parsed) {
      await turn.sendActivity("Welke zaak sluit je? Typ bijvoorbeeld **sluit 12 alle DDD's zijn binnen**.");
      return;
    }
    await replyWithCaseResult(turn, await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "resolve", note: parsed.rest }, actor: toCaseActor(actor), via: "chat" }, deps.clock()));
  },
};
