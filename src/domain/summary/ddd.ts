import { shiftIsoDateYears, type IsoDate } from "../calendar/index.js";
import { computeExpectedValue, computeKpiStatus, computeProgress, forecastLinear, toPercentage } from "./status.js";
import type { DddRegionProgress, DddSchoolBehind, DddSectionData, DddSubregio, IndicatorRow } from "./types.js";

/** A norm for the section: its value and, when carried forward from an earlier year, that year. */
export type DddNorm = { value: number; normFrom: string | null } | null;
export type DddNorms = { completed: DddNorm; inBeeld: DddNorm };

const BEHIND_LISTED = 5;
const TREND_POINTS = 10;

type Totals = { overstappers: number; completed: number; inBeeld: number };

/** Each school's latest observation on or before `day`. */
function latestPerSchool(progress: DddRegionProgress, day: IsoDate) {
  return progress.schools.flatMap((school) => {
    let point = null;
    for (const p of school.series) if (p.on <= day) point = p;
    return point ? [{ school, point }] : [];
  });
}

function totalsAt(progress: DddRegionProgress, day: IsoDate): Totals & { observed: boolean } {
  const latest = latestPerSchool(progress, day);
  return {
    observed: latest.length > 0,
    overstappers: latest.reduce((s, l) => s + l.point.overstappers, 0),
    completed: latest.reduce((s, l) => s + l.point.completed, 0),
    inBeeld: latest.reduce((s, l) => s + l.point.inBeeld, 0),
  };
}

function pct(totals: Totals & { observed: boolean }, key: "completed" | "inBeeld"): number | null {
  return totals.observed ? toPercentage(totals[key], totals.overstappers) : null;
}

/** The observation days of the campaign up to `until`, thinned to at most `max` (the last always kept). */
function listObservationDays(progress: DddRegionProgress, until: IsoDate, max: number): IsoDate[] {
  const days = [...new Set(progress.schools.flatMap((s) => s.series.map((p) => p.on)))].filter((d) => d <= until).sort();
  if (days.length <= max) return days;
  const step = (days.length - 1) / (max - 1);
  return [...new Set(Array.from({ length: max }, (_, i) => days[Math.round(i * step)]!))];
}

function label(day: IsoDate): string {
  const [, m, d] = day.split("-").map(Number);
  return `${d}-${m}`;
}

/**
 * The DDD / overstap section: region-wide completion and in-beeld against the year's norms,
 * per subregio, the schools furthest behind and the forecast to the deadline (1 April); after
 * the deadline the deadline figure against the norm and earlier years. The expected completion
 * rises linearly from 0 at the campaign start to the norm at the deadline.
 */
export function buildDddSection(input: {
  current: DddRegionProgress;
  /** Earlier school years, newest first (for "vorig jaar" and the finals); may be empty. */
  previousYears: readonly DddRegionProgress[];
  asOf: IsoDate;
  /** The previous summary's day, for "vorige". */
  previousAsOf: IsoDate | null;
  norms: DddNorms;
  /** Norms of earlier years for the finals. */
  normOf?: (schoolYear: string) => number | null;
}): DddSectionData {
  const { current, asOf } = input;
  const phase = asOf > current.deadline ? "na-deadline" : "campagne";
  const evalDay = phase === "na-deadline" ? current.deadline : asOf;
  const now = totalsAt(current, evalDay);
  const before = input.previousAsOf ? totalsAt(current, input.previousAsOf < evalDay ? input.previousAsOf : evalDay) : null;
  const lastYear = input.previousYears[0] ?? null;
  const lastYearTotals = lastYear ? totalsAt(lastYear, shiftIsoDateYears(evalDay, -1)) : null;
  const progress = computeProgress(current.campaignStart, current.deadline, evalDay);

  const row = (indicator: string, key: "completed" | "inBeeld", norm: DddNorm): IndicatorRow => {
    const value = pct(now, key);
    const expected = norm ? computeExpectedValue({ norm: norm.value, baseline: 0, progress }) : null;
    const days = listObservationDays(current, evalDay, 4);
    return {
      indicator,
      unit: "percentage",
      direction: "higher",
      norm: norm?.value ?? null,
      normFrom: norm?.normFrom ?? null,
      current: value,
      currentOn: now.observed ? evalDay : null,
      previous: before ? pct(before, key) : null,
      lastYear: lastYearTotals ? pct(lastYearTotals, key) : null,
      expected,
      status: computeKpiStatus({ unit: "percentage", direction: "higher", norm: norm?.value ?? null, expected, actual: value }),
      trend: days.map((d) => pct(totalsAt(current, d), key)).filter((v): v is number => v !== null),
    };
  };

  const latest = latestPerSchool(current, evalDay);
  const subregioMap = new Map<string, DddSubregio>();
  for (const { school, point } of latest) {
    const s = subregioMap.get(school.subregioId) ?? { id: school.subregioId, naam: school.subregioNaam, overstappers: 0, completed: 0, inBeeld: 0, completedPct: null, inBeeldPct: null };
    s.overstappers += point.overstappers;
    s.completed += point.completed;
    s.inBeeld += point.inBeeld;
    subregioMap.set(school.subregioId, s);
  }
  const subregios = [...subregioMap.values()]
    .map((s) => ({ ...s, completedPct: toPercentage(s.completed, s.overstappers), inBeeldPct: toPercentage(s.inBeeld, s.overstappers) }))
    .sort((a, b) => a.naam.localeCompare(b.naam, "nl"));

  const expectedPct = input.norms.completed ? computeExpectedValue({ norm: input.norms.completed.value, baseline: 0, progress }) : null;
  const behind: DddSchoolBehind[] = latest
    .filter((l) => l.point.overstappers > 0)
    .map((l) => ({ schoolNaam: l.school.schoolNaam, subregioNaam: l.school.subregioNaam, overstappers: l.point.overstappers, completed: l.point.completed, completedPct: (l.point.completed / l.point.overstappers) * 100, expectedPct }))
    .filter((s) => expectedPct === null || s.completedPct < expectedPct)
    .sort((a, b) => a.completedPct - b.completedPct || b.overstappers - a.overstappers || a.schoolNaam.localeCompare(b.schoolNaam, "nl"))
    .slice(0, BEHIND_LISTED);

  const days = listObservationDays(current, evalDay, TREND_POINTS);
  const series = days.map((d) => ({ on: d, value: pct(totalsAt(current, d), "completed") })).filter((p): p is { on: IsoDate; value: number } => p.value !== null);
  const trend: DddSectionData["trend"] = [{ legend: current.schoolYear, points: series.map((p) => ({ label: label(p.on), value: round1(p.value) })) }];
  if (lastYear) {
    const points = series.flatMap((p) => {
      const value = pct(totalsAt(lastYear, shiftIsoDateYears(p.on, -1)), "completed");
      return value === null ? [] : [{ label: label(p.on), value: round1(value) }];
    });
    if (points.length > 0) trend.push({ legend: lastYear.schoolYear, points });
  }
  if (input.norms.completed) {
    const norm = input.norms.completed.value;
    trend.push({ legend: "verwacht", points: series.map((p) => ({ label: label(p.on), value: round1(computeExpectedValue({ norm, baseline: 0, progress: computeProgress(current.campaignStart, current.deadline, p.on) })) })) });
  }

  const forecastValue = phase === "campagne" ? forecastLinear(series, current.deadline, { min: 0, max: 100 }) : null;
  const finals =
    phase === "na-deadline"
      ? [current, ...input.previousYears].map((year) => {
          const totals = totalsAt(year, year.deadline);
          return { schoolYear: year.schoolYear, completedPct: pct(totals, "completed"), inBeeldPct: pct(totals, "inBeeld"), norm: year === current ? (input.norms.completed?.value ?? null) : (input.normOf?.(year.schoolYear) ?? null) };
        })
      : [];

  return {
    schoolYear: current.schoolYear,
    deadline: current.deadline,
    asOf: now.observed ? evalDay : null,
    phase,
    rows: [row("DDD ingevuld (% overstappers)", "completed", input.norms.completed), row("In beeld met vervolgkeuze (%)", "inBeeld", input.norms.inBeeld)],
    subregios,
    behind,
    forecast: forecastValue === null ? null : { completedPct: round1(forecastValue), on: current.deadline },
    trend,
    finals,
  };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
