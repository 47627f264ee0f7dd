import { buildEvaluationInviteCardData, renderEvaluationInviteCard, renderEvaluationStatus } from "../../cards/evaluation-cards.js";
import { toIsoDate } from "../../domain/calendar/index.js";
import { describeUnreadableDate, formatDutchDate, parseDutchDate } from "../../domain/dutch-date.js";
import { loadEvaluationStatus, inviteToEvaluation } from "../../services/evaluations.js";
import { readRawArgs, sendCard } from "../case-support.js";
import type { CommandHandler } from "../types.js";

const USAGE = "Typ bijvoorbeeld **nodig uit evaluatie 18-11-2027 14:00 Stadhuis Heerlen, zaal 2**.";

/** Splits "18 november 14.30 Stadhuis Heerlen" at the time: date before, place after. */
export function parseEvaluationArgs(text: string, now: Date): { date: string; time: string; place: string } | { error: string } {
  const time = /(?:^|\s)(?:om\s+)?([01]?\d|2[0-3])[:.u]([0-5]\d)(?:\s*uur)?(?=\s|$)/i.exec(text);
  if (!time) return { error: `Ik mis de tijd. ${USAGE}` };
  const dateText = text.slice(0, time.index).trim();
  const place = text.slice(time.index + time[0].length).replace(/^[\s,]+/, "").trim();
  const date = parseDutchDate(dateText, now);
  if (!date) return { error: `${describeUnreadableDate(dateText)} ${USAGE}` };
  if (date < toIsoDate(now)) return { error: `${formatDutchDate(date)} ligt in het verleden.` };
  if (place === "") return { error: `Ik mis de plaats. ${USAGE}` };
  return { date, time: `${time[1]!.padStart(2, "0")}:${time[2]}`, place };
}

export const nodigUitEvaluatieCommand: CommandHandler = {
  name: "nodig uit evaluatie",
  usage: "nodig uit evaluatie <datum> <tijd> <plaats>",
  description: "Nodig alle deelnemers aan de overstapprocedure uit voor de jaarlijkse evaluatie.",
  roles: ["projectteam"],
  async handle({ turn, actor, deps }) {
    const now = deps.clock();
    const parsed = parseEvaluationArgs(readRawArgs(turn, "nodig uit evaluatie"), now);
    if ("error" in parsed) {
      await turn.sendActivity(parsed.error);
      return;
    }
    const { evaluation, invited } = await inviteToEvaluation(deps.db, { calendar: deps.calendar, enqueue: deps.enqueue, renderInvite: (evaluation) => renderEvaluationInviteCard(buildEvaluationInviteCardData(evaluation, null)) }, { date: parsed.date as `${number}-${number}-${number}`, time: parsed.time, place: parsed.place, createdById: actor.person?.id ?? null }, now);
    deps.logger.info({ evaluationId: evaluation.id, invited }, "evaluation invitations sent");
    const status = await loadEvaluationStatus(deps.db, evaluation.id, now);
    await sendCard(turn, renderEvaluationStatus(status!), `Uitnodiging verstuurd naar ${invited} deelnemers aan de overstapprocedure (decanen en mentoren van vmbo, vso en pro, en het projectteam). Typ **evaluatie** voor de stand.`);
  },
};
