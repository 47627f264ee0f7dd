import type { IsoDate } from "../domain/calendar/index.js";
import {
  describeForecast,
  formatDayMonth,
  formatWeekdayDayMonth,
  plural,
  type CampaignPlan,
  type CampaignStep,
  type DossierRoute,
  type Forecast,
} from "../domain/ddd/index.js";
import type { CardNotice, DddCardBase, Fact, ReminderKind } from "../services/ddd/views.js";
export type { CardNotice, DddCardBase, Fact, ReminderKind };

/** Pieces shared by the DDD cards, so the decaan, the mentor and the preview read the same words. */

export function noticeStyle(notice: CardNotice | undefined): string {
  switch (notice?.tone) {
    case "fout":
      return "attention";
    case "let-op":
      return "warning";
    case "goed":
      return "good";
    default:
      return "accent";
  }
}



/** The line under the title: which reminder this is, or the date of the figures. */
export function describeCardSubtitle(kind: ReminderKind, step: CampaignStep | null, today: IsoDate, schoolYear: string): string {
  if (kind === "later" && step) return `Uitgestelde herinnering: ${step.title.charAt(0).toLowerCase()}${step.title.slice(1)}`;
  if (step && kind === "herinnering") return step.title;
  return `Stand op ${formatWeekdayDayMonth(today)} · schooljaar ${schoolYear}`;
}

export function describeForecastLines(forecast: Forecast, plan: CampaignPlan, subject: string, canEdit: boolean): { forecast: string; needed: string; hasNeeded: boolean } {
  const text = describeForecast(forecast, plan.deadlineLabel, subject, { canEdit });
  return { forecast: text.headline, needed: text.needed ?? "", hasNeeded: text.needed !== null };
}

export function describeChange(change: { since: IsoDate; delta: number } | null): { hasChange: boolean; change: string } {
  if (!change) return { hasChange: false, change: "" };
  const when = formatWeekdayDayMonth(change.since);
  if (change.delta === 0) return { hasChange: true, change: `Geen nieuwe afgeronde dossiers sinds de vorige herinnering (${when}).` };
  if (change.delta > 0) return { hasChange: true, change: `+${change.delta} afgerond sinds de vorige herinnering (${when}).` };
  return { hasChange: true, change: `${change.delta} afgerond sinds de vorige herinnering (${when}): er zijn dossiers teruggezet.` };
}

/** "dinsdag 30 maart", or "donderdag 25 t/m dinsdag 30 maart" style for a stretch of days. */
function describeDays(start: IsoDate, end: IsoDate, today: IsoDate): string {
  const name = (day: IsoDate) => (day === today ? "vandaag" : formatWeekdayDayMonth(day));
  return start === end ? name(start) : `${name(start)} t/m ${formatWeekdayDayMonth(end)}`;
}

/**
 * The lead times, as a way to the deadline. While the plan's latest starts lie ahead, the chain
 * with the latest start of every part; once part A's latest start has passed, the fastest way
 * still open (domain/ddd planDossierRoute), with the projectteam's help. Never "te laat": a
 * message is only worth sending when it says what can still be done.
 */
export function describeLeadTimes(
  plan: CampaignPlan,
  route: DossierRoute,
  today: IsoDate,
  nietGestart: number | null,
  help: string,
): { leadTimeTitle: string; leadTimeIntro: string; leadTimes: Fact[] } {
  const before = plan.milestones.filter((m) => !m.afterDeadline);
  const after = plan.milestones.filter((m) => m.afterDeadline);
  if (before.length === 0 || route.phases.length === 0) return { leadTimeTitle: "", leadTimeIntro: "", leadTimes: [] };
  const upper = (text: string) => `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
  const chain = before.map((m) => `${m.label} ~${m.amount} ${m.unit}`).join(", ");
  const mbo = after.map((m) => `${m.label} (~${m.amount} ${m.unit}, na de aanmelding)`).join(", ");
  const who =
    nietGestart === null
      ? ""
      : nietGestart === 0
        ? " Bij jullie is iedereen aan deel A begonnen."
        : ` Bij jullie ${nietGestart === 1 ? "is" : "zijn"} ${plural(nietGestart, "leerling", "leerlingen")} nog niet aan deel A begonnen.`;
  const afterLine = mbo ? ` Daarna volgt de ${mbo}: dat hoeft niet vóór ${plan.deadlineLabel}.` : "";
  const afterFacts = after.map((m) => ({ title: upper(m.label), value: `~${m.amount} ${m.unit}, na de aanmelding` }));
  if (route.kind === "op-schema") {
    const deelA = route.phases[0]!;
    return {
      leadTimeTitle: `Reken terug vanaf ${plan.deadlineLabel}`,
      leadTimeIntro: `Een dossier doorloopt ${chain}, en de aanmelding bij het mbo is uiterlijk ${plan.deadlineLabel} (de aanmelddatum). Begin uiterlijk ${deelA.start === today ? "vandaag" : formatWeekdayDayMonth(deelA.start)} met deel A, dan is elk dossier op tijd klaar.${afterLine}${who}`,
      leadTimes: [...route.phases.map((p) => ({ title: upper(p.label), value: `starten uiterlijk ${formatWeekdayDayMonth(p.start)}` })), ...afterFacts],
    };
  }
  return {
    leadTimeTitle: `De snelste weg naar ${plan.deadlineLabel}`,
    leadTimeIntro: `Er ${route.workingDaysLeft === 1 ? "is" : "zijn"} nog ${plural(route.workingDaysLeft, "werkdag", "werkdagen")} tot en met ${plan.deadlineLabel}, de aanmelddatum. Gewoonlijk doorloopt een dossier ${chain}; wie nog niet begonnen is, kan dit het snelst zo doen, bijvoorbeeld deel A samen in een mentorles. ${help}${afterLine}${who}`,
    leadTimes: [...route.phases.map((p) => ({ title: upper(p.label), value: describeDays(p.start, p.end, today) })), { title: "Aanmelding bij het mbo", value: `uiterlijk ${formatWeekdayDayMonth(plan.deadlineDay)}` }, ...afterFacts],
  };
}

/** Whether a card explains the lead times: on the early steps, and on every target's first message of the campaign. */
export function showsLeadTimes(step: CampaignStep | null, firstMessage: boolean | undefined, forecast: Forecast): boolean {
  return forecast.status !== "klaar" && (step?.leadTimeWarning === true || firstMessage === true);
}

export function describeDeadlineDistance(plan: CampaignPlan, today: IsoDate, workingDaysLeft: number): string {
  if (today > plan.deadlineDay) return `de deadline (${plan.deadlineLabel}) is voorbij`;
  if (today === plan.deadlineDay) return `vandaag is de deadline`;
  return `${plural(workingDaysLeft, "werkdag", "werkdagen")} tot en met ${formatDayMonth(plan.deadlineDay)}`;
}
