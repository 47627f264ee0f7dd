import { shiftIsoDate, type IsoDate } from "../calendar/index.js";
import { formatPercent, type DddFigures } from "./figures.js";
import { formatDayMonth, formatRate, plural } from "./format.js";
import type { WorkingDayIndex } from "./working-day-index.js";

/**
 * Where a school (or mentor group) lands on the deadline at the pace of the last two weeks, and
 * what pace it needs to reach 100 %. Pace counts working days only: dossiers are completed by
 * staff at school, so a carnaval week is no "slow week" but no week at all.
 */

/** One snapshot of a target's figures, on the Amsterdam day it was recorded. */
export type ProgressPoint = { day: IsoDate; afgerond: number; overstappers: number };

export type ForecastStatus =
  /** No figures, or nobody to complete. */
  | "geen-cijfers"
  /** Every dossier is in. */
  | "klaar"
  /** The deadline has passed; the figures are final. */
  | "voorbij"
  /** Only one snapshot (or none in working time): no pace yet. */
  | "geen-tempo"
  /** No dossiers completed in the window. */
  | "stilstand"
  | "haalt-100"
  | "haalt-norm"
  | "onder-norm";

export type Forecast = {
  status: ForecastStatus;
  overstappers: number;
  afgerond: number;
  open: number;
  /** afgerond / overstappers now; null without figures. */
  currentRatio: number | null;
  /** Dossiers per working day over the window; null without history. */
  pacePerWorkingDay: number | null;
  /** The day the pace is measured from (the baseline snapshot). */
  paceSince: IsoDate | null;
  /** Projected completion on the deadline (capped at 100 %); the current ratio when there is no pace. */
  projectedAfgerond: number | null;
  projectedRatio: number | null;
  /** Working days left from today through the deadline day. */
  workingDaysLeft: number;
  /** Dossiers per working day needed for 100 %; null when nothing is open or no working day is left. */
  requiredPerWorkingDay: number | null;
  normPercent: number;
};

export const PACE_WINDOW_DAYS = 14;

/**
 * @param points snapshots of one target, in any order; only those on or before `today` count.
 */
export function forecastCompletion(input: {
  points: readonly ProgressPoint[];
  today: IsoDate;
  deadlineDay: IsoDate;
  normPercent: number;
  index: WorkingDayIndex;
  windowDays?: number;
}): Forecast {
  const { today, deadlineDay, normPercent, index } = input;
  const windowDays = input.windowDays ?? PACE_WINDOW_DAYS;
  const points = input.points.filter((p) => p.day <= today).sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : 0));
  const latest = points[points.length - 1];
  const workingDaysLeft = today <= deadlineDay ? index.countInclusive(today, deadlineDay) : 0;
  const empty: Forecast = {
    status: "geen-cijfers",
    overstappers: 0,
    afgerond: 0,
    open: 0,
    currentRatio: null,
    pacePerWorkingDay: null,
    paceSince: null,
    projectedAfgerond: null,
    projectedRatio: null,
    workingDaysLeft,
    requiredPerWorkingDay: null,
    normPercent,
  };
  if (!latest || latest.overstappers <= 0) return empty;

  const overstappers = latest.overstappers;
  const afgerond = Math.min(latest.afgerond, overstappers);
  const open = overstappers - afgerond;
  const currentRatio = afgerond / overstappers;
  const base: Forecast = {
    ...empty,
    overstappers,
    afgerond,
    open,
    currentRatio,
    projectedAfgerond: afgerond,
    projectedRatio: currentRatio,
    requiredPerWorkingDay: open > 0 && workingDaysLeft > 0 ? open / workingDaysLeft : null,
  };
  if (open === 0) return { ...base, status: "klaar" };
  if (today > deadlineDay) return { ...base, status: "voorbij" };

  // Baseline: the last snapshot at least `windowDays` before the latest one; with a shorter
  // history, the earliest snapshot (a pace over one week beats no pace at all).
  const cutoff = shiftIsoDate(latest.day, -windowDays);
  const earlier = points.filter((p) => p.day < latest.day);
  const baseline = [...earlier].reverse().find((p) => p.day <= cutoff) ?? earlier[0];
  const measuredDays = baseline ? index.countBetween(baseline.day, latest.day) : 0;
  if (!baseline || measuredDays <= 0) return { ...base, status: "geen-tempo" };

  // A correction downwards (a dossier reopened) is no negative progress to extrapolate.
  const pace = Math.max(0, latest.afgerond - baseline.afgerond) / measuredDays;
  const daysAfterLatest = Math.max(0, index.countBetween(latest.day, deadlineDay));
  const projectedAfgerond = Math.min(overstappers, afgerond + pace * daysAfterLatest);
  const projectedRatio = projectedAfgerond / overstappers;
  const status: ForecastStatus =
    pace === 0 ? "stilstand" : projectedRatio >= 1 ? "haalt-100" : projectedRatio * 100 >= normPercent ? "haalt-norm" : "onder-norm";
  return { ...base, status, pacePerWorkingDay: pace, paceSince: baseline.day, projectedAfgerond, projectedRatio };
}

/** True when the forecast (or, for "actual", the current figure) is below the norm. */
export function isBelowNorm(forecast: Forecast, basis: "forecast" | "actual"): boolean {
  if (forecast.status === "klaar") return false;
  if (forecast.status === "geen-cijfers") return true;
  const ratio = basis === "actual" ? forecast.currentRatio : forecast.projectedRatio;
  return ratio === null || ratio * 100 < forecast.normPercent;
}

/**
 * The forecast in one or two Dutch sentences, for cards and previews. `subject` is who it is
 * about ("jullie school", "groep 4A").
 */
export function describeForecast(f: Forecast, deadlineLabel: string, subject: string, options: { canEdit?: boolean } = {}): { headline: string; needed: string | null } {
  // Singular follows the rate as shown: 0,96 reads "1 dossier", below 0,05 "minder dan 0,1 dossier".
  const rate = f.requiredPerWorkingDay !== null ? formatRate(f.requiredPerWorkingDay) : "";
  const single = rate === "1" || rate.startsWith("minder dan");
  const needed =
    f.requiredPerWorkingDay !== null
      ? `Voor 100 % op ${deadlineLabel} ${single ? "is" : "zijn"} nog ${rate} ${single ? "dossier" : "dossiers"} per werkdag nodig (${plural(f.open, "open dossier", "open dossiers")}, ${plural(f.workingDaysLeft, "werkdag", "werkdagen")}).`
      : null;
  switch (f.status) {
    case "geen-cijfers":
      return {
        headline: `Er zijn nog geen DDD-cijfers van ${subject} bekend. ${options.canEdit === false ? "Zodra ze uit het overstapsysteem binnen zijn, staat hier een prognose." : "Vul ze in met Cijfers bijwerken, dan kan ik een prognose maken."}`,
        needed: null,
      };
    case "klaar":
      return { headline: `Alle dossiers van ${subject} zijn afgerond en aangeleverd. Dank je wel!`, needed: null };
    case "voorbij":
      return { headline: `De deadline van ${deadlineLabel} is voorbij: ${subject} staat op ${formatPercent(f.currentRatio)} (norm ${f.normPercent} %).`, needed: null };
    case "geen-tempo":
      return { headline: `Er is nog te weinig geschiedenis voor een tempo: ${subject} staat nu op ${formatPercent(f.currentRatio)}.`, needed };
    case "stilstand":
      return {
        headline: `Sinds ${formatDayMonth(f.paceSince!)} is er bij ${subject} geen dossier afgerond. In dit tempo blijft ${subject} op ${deadlineLabel} steken op ${formatPercent(f.currentRatio)} (norm ${f.normPercent} %).`,
        needed,
      };
    default: {
      const start = `In het tempo van de afgelopen twee weken (${formatRate(f.pacePerWorkingDay!)} per werkdag sinds ${formatDayMonth(f.paceSince!)}) komt ${subject} op ${deadlineLabel}`;
      const headline =
        f.status === "haalt-100"
          ? `${start} op 100 %.`
          : f.status === "haalt-norm"
            ? `${start} uit op ${formatPercent(f.projectedRatio)}: boven de norm van ${f.normPercent} %, maar nog geen 100 %.`
            : `${start} uit op ${formatPercent(f.projectedRatio)}, onder de norm van ${f.normPercent} %.`;
      return { headline, needed };
    }
  }
}

/** Figures as a progress point (for callers that hold full snapshots). */
export function toProgressPoint(day: IsoDate, figures: Pick<DddFigures, "afgerond" | "overstappers">): ProgressPoint {
  return { day, afgerond: figures.afgerond, overstappers: figures.overstappers };
}
