import { CASE_VIEWERS } from "../../domain/authorization.js";
import { performCaseAction } from "../../services/cases/index.js";
import { caseDepsOf, parseCaseNumber, readRawArgs, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const opmerkingCommand: CommandHandler = {
  name: "opmerking",
  usage: "opmerking <nr> <tekst>",
  description: "Zet een opmerking bij een zaak.",
  roles: CASE_VIEWERS,
  async handle({ turn, actor, deps }) {
    const parsed = parseCaseNumber(readRawArgs(turn, "opmerking"));
    if (!parsed || parsed.rest === "") {
      await turn.sendActivity("Typ bijvoorbeeld **opmerking 12 gesprek met de decaan staat op donderdag**.");
      return;
    }
    await replyWithCaseResult(turn, await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "comment", note: parsed.rest }, actor: toCaseActor(actor), via: "chat" }, deps.clock()));
  },
};
