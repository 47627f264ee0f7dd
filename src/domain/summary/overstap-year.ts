import { COUNT_LABELS, findCurrentCohort, findPhaseOn, computeShare, readCount, type OverstapPhase, type SchoolYearCounts } from "../ddd/overstap-year.js";
import type { IsoDate } from "../calendar/index.js";
import type { OverstapYearFigure, OverstapYearPhaseSummary, OverstapYearProgress, OverstapYearSectionData, SchoolCountsPoint } from "./types.js";

/**
 * The overstap year in the weekly summary (issue 18): the phase the year is in, and for every
 * phase that has begun its region figures (counts summed over the schools that reported them)
 * and its share against the norm; phases to come are listed with their window only. A passed
 * phase shows the counts as they stood on its last day (the DDD on 1 April, not after), the
 * running one the latest counts.
 */
export function buildOverstapYearSection(input: { asOf: IsoDate; years: readonly OverstapYearProgress[] }): OverstapYearSectionData | null {
  if (input.years.length === 0) return null;
  const cohort = findCurrentCohort(input.asOf);
  const current = input.years.find((y) => y.year.cohort === cohort)?.year ?? input.years[0]!.year;
  const phase = findPhaseOn(current, input.asOf);
  const cohorts = [...input.years]
    .sort((a, b) => (a.year.cohort < b.year.cohort ? 1 : -1))
    .map(({ year, points }) => ({ cohort: year.cohort as string, phases: year.phases.map((p) => summarizePhase(p, latestPerSchool(points, p.lastDay < input.asOf ? p.lastDay : input.asOf), input.asOf)) }));
  return { asOf: input.asOf, cohort: current.cohort, phaseId: phase.id, phaseTitle: phase.title, cohorts };
}

/** Each school's last counts on or before `day`. */
function latestPerSchool(points: readonly SchoolCountsPoint[], day: IsoDate): SchoolYearCounts[] {
  const latest = new Map<number, SchoolCountsPoint>();
  for (const p of points) if (p.on <= day) latest.set(p.schoolId, p);
  return [...latest.values()];
}

function summarizePhase(phase: OverstapPhase, schools: readonly SchoolYearCounts[], asOf: IsoDate): OverstapYearPhaseSummary {
  const state = asOf < phase.firstDay ? "komt" : asOf > phase.lastDay ? "voorbij" : "nu";
  const base = { id: phase.id, title: phase.title, firstDay: phase.firstDay, lastDay: phase.lastDay, state } as const;
  if (state === "komt") return { ...base, figures: [], schoolsBelowNorm: 0, schoolsReported: 0 };
  const reported = schools.filter((s) => s.overstappers > 0 && phase.counts.every((f) => readCount(s, f) !== null));
  const figures: OverstapYearFigure[] = phase.counts.map((field) => {
    const values = schools.map((s) => readCount(s, field)).filter((v): v is number => v !== null);
    return { label: COUNT_LABELS[field], unit: "count", value: values.length > 0 ? values.reduce((a, b) => a + b, 0) : null, norm: null, status: null };
  });
  let below = 0;
  if (phase.norm) {
    const norm = phase.norm;
    const judged = schools.filter((s) => s.overstappers > 0);
    for (const s of judged) {
      const share = computeShare(s, norm);
      if (share === null || share < norm.percent) below++;
    }
    const total = (field: typeof norm.numerator) => {
      const values = schools.map((s) => (readCount(s, norm.numerator) !== null && readCount(s, norm.denominator) !== null ? readCount(s, field) : null)).filter((v): v is number => v !== null);
      return values.length > 0 ? values.reduce((a, b) => a + b, 0) : null;
    };
    const numerator = total(norm.numerator);
    const denominator = total(norm.denominator);
    const value = numerator !== null && denominator !== null && denominator > 0 ? Math.round((numerator / denominator) * 1000) / 10 : null;
    figures.push({ label: `% ${norm.label}`, unit: "percentage", value, norm: norm.percent, status: value === null ? null : value >= norm.percent ? "op-koers" : "achter" });
  }
  return { ...base, figures, schoolsBelowNorm: below, schoolsReported: reported.length };
}
