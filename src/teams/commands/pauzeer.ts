import { CASE_STAFF } from "../../domain/authorization.js";
import { describeUnreadableDate, formatDutchDate, parseDutchDate } from "../../domain/dutch-date.js";
import { performCaseAction } from "../../services/cases/index.js";
import { readPauseDate } from "../../domain/cases/index.js";
import { caseDepsOf, parseCaseNumber, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

const USAGE = "Typ bijvoorbeeld **pauzeer 12 tot 12-3-2027**, **pauzeer 12 tot 12 maart** of **pauzeer 12 tot volgende week maandag**.";

export const pauzeerCommand: CommandHandler = {
  name: "pauzeer",
  usage: "pauzeer <nr> tot <datum>",
  description: "Zet een zaak tot een datum in de wacht.",
  roles: CASE_STAFF,
  async handle({ turn, actor, args, deps }) {
    const parsed = parseCaseNumber(args);
    const dateText = parsed?.rest.replace(/^tot\s+/i, "") ?? "";
    if (!parsed || dateText === "") {
      await turn.sendActivity(`Welke zaak en tot wanneer? ${USAGE}`);
      return;
    }
    const now = deps.clock();
    const day = parseDutchDate(dateText, now);
    if (!day) {
      await turn.sendActivity(`${describeUnreadableDate(dateText)} ${USAGE}`);
      return;
    }
    const date = readPauseDate(day, now, deps.calendar.zone);
    if ("message" in date) {
      await turn.sendActivity(date.message);
      return;
    }
    const result = await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "pause", until: date.until }, actor: toCaseActor(actor), via: "chat" }, now);
    if (result.kind === "done") result.message = `Zaak ${parsed.caseId} is gepauzeerd tot ${formatDutchDate(day)}. Daarna loopt de escalatie weer verder.`;
    await replyWithCaseResult(turn, result);
  },
};
