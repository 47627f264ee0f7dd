import type { IsoDate } from "../domain/calendar/index.js";
import {
  describeForecast,
  formatDayMonth,
  formatWeekdayDayMonth,
  plural,
  type CampaignPlan,
  type CampaignStep,
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

/**
 * The lead times worked back from the deadline. Before the latest start of part A the message
 * is a warning ahead of time; after it, it tells plainly that pupils who have not started will
 * only make it with priority.
 */
export function describeLeadTimes(plan: CampaignPlan, today: IsoDate, nietGestart: number | null): { leadTimeIntro: string; leadTimes: Fact[] } {
  const deelA = plan.milestones[0];
  if (!deelA) return { leadTimeIntro: "", leadTimes: [] };
  const chain = plan.milestones.map((m) => `${m.label} ~${m.amount} ${m.unit}`).join(", ");
  const who = nietGestart === null ? "" : nietGestart === 0 ? " Bij jullie is iedereen aan deel A begonnen." : ` Bij jullie ${nietGestart === 1 ? "is" : "zijn"} ${plural(nietGestart, "leerling", "leerlingen")} nog niet aan deel A begonnen.`;
  const verdict =
    today <= deelA.latestStart
      ? `Een leerling die op ${formatWeekdayDayMonth(deelA.latestStart)} nog niet aan deel A is begonnen, haalt ${plan.deadlineLabel} niet.`
      : `Wie nu nog niet aan deel A is begonnen, haalt ${plan.deadlineLabel} alleen nog met voorrang: de uiterste start was ${formatWeekdayDayMonth(deelA.latestStart)}.`;
  return {
    leadTimeIntro: `Een dossier doorloopt ${chain}. ${verdict}${who}`,
    leadTimes: plan.milestones.map((m) => ({ title: `${m.label.charAt(0).toUpperCase()}${m.label.slice(1)}`, value: `starten uiterlijk ${formatWeekdayDayMonth(m.latestStart)}` })),
  };
}

export function describeDeadlineDistance(plan: CampaignPlan, today: IsoDate, workingDaysLeft: number): string {
  if (today > plan.deadlineDay) return `de deadline (${plan.deadlineLabel}) is voorbij`;
  if (today === plan.deadlineDay) return `vandaag is de deadline`;
  return `${plural(workingDaysLeft, "werkdag", "werkdagen")} tot en met ${formatDayMonth(plan.deadlineDay)}`;
}
