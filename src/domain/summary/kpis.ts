import { getSchoolYear, getSchoolYearDays, shiftIsoDateYears, type IsoDate, type SchoolYearLabel } from "../calendar/index.js";
import { resolveKpiTarget, type KpiTarget } from "../catalogue.js";
import { computeExpectedValue, computeKpiStatus, computeProgress, daysBetween } from "./status.js";
import type { Direction, KpiActivity, KpiMeasurement, KpiRow, KpiSectionData } from "./types.js";

/** The catalogue as this section needs it (a subset of CatalogueActivity). */
export type KpiCatalogueActivity = {
  id: string;
  naam: string;
  kpis: readonly { key: string; name: string; unit: string; direction: string | null; targets: readonly KpiTarget[] }[];
};

const TREND_LENGTH = 5;

/**
 * One table row per numeric KPI: the norm of the school year (an earlier year's carried forward
 * when none is set, marked with `normFrom`), the latest measurement up to `asOf`, the one before
 * it, the value a year earlier, the status against the expected value at the measurement's point
 * of the school year (baseline: last school year's final value), and the trend.
 * `measurements` is null while no measurement source exists: every row shows its norm and no value.
 */
/**
 * The measurement a year before `on`: the same meetmoment of last year when there is one (same
 * calendar month: a month's meetmoment falls on its first working day, which moves between years,
 * e.g. 5 January 2026 and 4 January 2027), otherwise the latest in the year before.
 */
function findYearEarlier(series: readonly KpiMeasurement[], on: IsoDate): KpiMeasurement | null {
  const yearBefore = shiftIsoDateYears(on, -1);
  const sameMonth = series.filter((m) => m.measuredOn.slice(0, 7) === yearBefore.slice(0, 7));
  if (sameMonth.length > 0) return sameMonth.reduce((best, m) => (Math.abs(daysBetween(m.measuredOn, yearBefore)) < Math.abs(daysBetween(best.measuredOn, yearBefore)) ? m : best));
  return [...series].reverse().find((m) => m.measuredOn <= yearBefore && m.measuredOn > shiftIsoDateYears(yearBefore, -1)) ?? null;
}

/** The school year a measurement is about: as stored with it, else the school year of its date. */
export function describedYearOf(m: KpiMeasurement): string {
  return m.describes || getSchoolYear(m.measuredOn);
}

/** Series order: by the school year described, then by date (DUO's definitive figure for an older year never becomes "current"). */
function compareMeasurements(a: KpiMeasurement, b: KpiMeasurement): number {
  return describedYearOf(a).localeCompare(describedYearOf(b)) || a.measuredOn.localeCompare(b.measuredOn);
}

/** The latest value describing the school year before the current one's: year-on-year by the period described. */
function findDescribedYearEarlier(series: readonly KpiMeasurement[], current: KpiMeasurement): KpiMeasurement | null {
  const start = Number(describedYearOf(current).slice(0, 4));
  const wanted = `${start - 1}-${start}`;
  return [...series].reverse().find((m) => describedYearOf(m) === wanted) ?? null;
}

export function buildKpiRows(activity: KpiCatalogueActivity, input: { schoolYear: SchoolYearLabel; asOf: IsoDate; measurements: readonly KpiMeasurement[] | null }): KpiActivity {
  const { firstDay, lastDay } = getSchoolYearDays(input.schoolYear);
  const rows: KpiRow[] = [];
  let textKpis = 0;
  for (const kpi of activity.kpis) {
    if (kpi.unit !== "count" && kpi.unit !== "percentage") {
      textKpis++;
      continue;
    }
    const target = resolveKpiTarget(kpi.targets, input.schoolYear);
    const series = (input.measurements ?? [])
      .filter((m) => m.activityId === activity.id && m.kpiKey === kpi.key && m.measuredOn <= input.asOf)
      .sort(compareMeasurements);
    const current = series.at(-1) ?? null;
    const previous = series.at(-2) ?? null;
    const lastYear = current ? (current.describes ? findDescribedYearEarlier(series, current) : findYearEarlier(series, current.measuredOn)) : null;
    const direction = kpi.direction === "higher" || kpi.direction === "lower" ? (kpi.direction as Direction) : null;
    const norm = target?.value ?? null;
    // A figure of an earlier school year (in the autumn: last June's) is judged in its own year,
    // against that year's norm and baseline; against this year's start it would be its own
    // baseline and always "op koers".
    // A figure that says which school year it describes is judged in that year.
    const judgedYear = current?.describes ? (current.describes as SchoolYearLabel) : current && current.measuredOn < firstDay ? getSchoolYear(current.measuredOn) : input.schoolYear;
    const judged = judgedYear === input.schoolYear ? { firstDay, lastDay, norm } : { ...getSchoolYearDays(judgedYear), norm: resolveKpiTarget(kpi.targets, judgedYear)?.value ?? null };
    const baseline = [...series].reverse().find((m) => m.measuredOn < judged.firstDay) ?? null;
    const expected = judged.norm !== null && current ? computeExpectedValue({ norm: judged.norm, baseline: baseline?.value ?? null, progress: computeProgress(judged.firstDay, judged.lastDay, current.measuredOn) }) : null;
    rows.push({
      activityId: activity.id,
      kpiKey: kpi.key,
      indicator: kpi.name,
      unit: kpi.unit,
      direction,
      norm,
      normFrom: target?.defaulted ? target.schoolYear : null,
      current: current?.value ?? null,
      currentOn: current?.measuredOn ?? null,
      previous: previous?.value ?? null,
      lastYear: lastYear?.value ?? null,
      expected,
      status: computeKpiStatus({ unit: kpi.unit, direction, norm: judged.norm, expected, actual: current?.value ?? null }),
      trend: series.slice(-TREND_LENGTH).map((m) => m.value),
    });
  }
  return { activityId: activity.id, naam: activity.naam, rows, textKpis };
}

export function buildKpiSection(activities: readonly KpiCatalogueActivity[], input: { schoolYear: SchoolYearLabel; asOf: IsoDate; measurements: readonly KpiMeasurement[] | null }): KpiSectionData {
  const built = activities.map((a) => buildKpiRows(a, input)).filter((a) => a.rows.length > 0);
  const rows = built.flatMap((a) => a.rows);
  return {
    measurementsAvailable: input.measurements !== null,
    activities: built,
    counts: {
      opKoers: rows.filter((r) => r.status === "op-koers").length,
      risico: rows.filter((r) => r.status === "risico").length,
      achter: rows.filter((r) => r.status === "achter").length,
      geenMeting: rows.filter((r) => r.current === null).length,
      geenNorm: rows.filter((r) => r.norm === null).length,
    },
  };
}
