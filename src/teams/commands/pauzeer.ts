import { toIsoDate } from "../../domain/calendar/index.js";
import { formatDutchDate, parseDutchDate, startOfDay } from "../../domain/dutch-date.js";
import { performCaseAction } from "../../services/cases.js";
import { caseDepsOf, parseCaseNumber, replyWithCaseResult, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

const USAGE = "Typ bijvoorbeeld **pauzeer 12 tot 12-3-2027**, **pauzeer 12 tot 12 maart** of **pauzeer 12 tot volgende week maandag**.";

export const pauzeerCommand: CommandHandler = {
  name: "pauzeer",
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
      await turn.sendActivity(`"${dateText}" herken ik niet als datum. ${USAGE}`);
      return;
    }
    if (day <= toIsoDate(now, deps.calendar.zone)) {
      await turn.sendActivity(`${formatDutchDate(day)} ligt niet in de toekomst. Kies een latere datum.`);
      return;
    }
    const result = await performCaseAction(deps.db, caseDepsOf(deps), { caseId: parsed.caseId, action: { kind: "pause", until: startOfDay(day) }, actor: toCaseActor(actor), via: "chat" }, now);
    if (result.kind === "done") result.message = `Zaak ${parsed.caseId} is gepauzeerd tot ${formatDutchDate(day)}. Daarna loopt de escalatie weer verder.`;
    await replyWithCaseResult(turn, result);
  },
};
