import type { Db, DbTx } from "../../db/client.js";
import { listEarlierSubmittedMeasurements, listKpisOfActivity, listLatestMeasurements, type KpiRow, type MeasurementRecord, type RoundRecord, type RoundWithActivity } from "../../db/meetmomenten.js";
import { addWorkingDays, toIsoDate, type IsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import { resolveKpiTarget, type KpiUnit, type ResolvedTarget } from "../../domain/catalogue.js";
import { deriveFormFields, type FormField, type FormValue } from "../../domain/meetmomenten/form.js";

// ---------------------------------------------------------------------------------------------
// One round as the cards show it

export type KpiView = KpiRow & { unit: KpiUnit; field: FormField; target: ResolvedTarget | null };

export type RoundView = {
  round: RoundWithActivity;
  kpis: KpiView[];
  fields: FormField[];
  /** Latest version per KPI (draft or submitted). */
  latest: Map<number, MeasurementRecord>;
  /** Submitted versions per KPI: more than one means it was corrected. */
  submittedCount: Map<number, number>;
  previous: Map<number, { value: FormValue; periodLabel: string }>;
  lastDay: IsoDate;
};

export function isKpiUnit(unit: string): unit is KpiUnit {
  return unit === "count" || unit === "percentage" || unit === "text";
}

export function measurementValue(m: Pick<MeasurementRecord, "valueNumber" | "valueText">): FormValue | undefined {
  if (m.valueText !== null) return m.valueText;
  if (m.valueNumber !== null) return m.valueNumber;
  return undefined;
}

/** The last working day on which a round takes figures: the working day before it closes. */
export function lastDayOf(round: Pick<RoundRecord, "closesAt">, calendar: WorkCalendar): IsoDate {
  return addWorkingDays(toIsoDate(round.closesAt, calendar.zone), -1, calendar);
}

export async function loadRoundView(db: Db | DbTx, round: RoundWithActivity, calendar: WorkCalendar): Promise<RoundView> {
  const [kpiRows, measurements, earlier] = await Promise.all([
    listKpisOfActivity(db, round.activityId),
    listLatestMeasurements(db, round.id),
    listEarlierSubmittedMeasurements(db, round.activityId, round.meetmomentDate),
  ]);
  const kpis = kpiRows.filter((k): k is KpiRow & { unit: KpiUnit } => isKpiUnit(k.unit));
  const fields = deriveFormFields(kpis.map((k) => ({ kpiId: k.id, key: k.key, name: k.name, unit: k.unit })));
  const latest = new Map(measurements.latest.map((m) => [m.kpiId, m]));
  const previous = new Map<number, { value: FormValue; periodLabel: string }>();
  // Newest round first, highest version first: the first value seen per KPI is the one to show.
  for (const m of earlier) {
    const value = measurementValue(m);
    if (value !== undefined && !previous.has(m.kpiId)) previous.set(m.kpiId, { value, periodLabel: m.round.periodLabel });
  }
  return {
    round,
    kpis: kpis.map((k, i) => ({ ...k, field: fields[i]!, target: resolveKpiTarget(k.targets, round.schoolYear) })),
    fields,
    latest,
    submittedCount: measurements.submittedCount,
    previous,
    lastDay: lastDayOf(round, calendar),
  };
}


export function isClosed(round: RoundRecord, now: Date): boolean {
  return round.status === "gesloten" || now.getTime() >= round.closesAt.getTime();
}
