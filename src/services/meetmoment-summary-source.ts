import type { Db } from "../db/client.js";
import { listSubmittedKpiValues } from "../db/kpi-measurements.js";
import { toIsoDate, type IsoDate } from "../domain/calendar/index.js";
import type { KpiMeasurement } from "../domain/summary/types.js";

/**
 * The weekly summary's measurement source (src/services/summary/sources.ts): per round and KPI the
 * latest submitted value known at `asOf`, dated on the round's meetmoment.
 */
export async function listLatestKpiMeasurements(db: Db, query: { from: IsoDate; asOf: Date }): Promise<KpiMeasurement[]> {
  const rows = await listSubmittedKpiValues(db, { from: query.from, to: toIsoDate(query.asOf), asOf: query.asOf });
  const latest = new Map<string, KpiMeasurement>();
  for (const row of rows) latest.set(`${row.activityId}|${row.kpiKey}|${row.measuredOn}`, { activityId: row.activityId, kpiKey: row.kpiKey, measuredOn: row.measuredOn as IsoDate, value: row.value });
  return [...latest.values()];
}
