import type { Db } from "./client.js";

export type SubmittedKpiValue = { activityId: string; kpiKey: string; unit: string; measuredOn: string; describes: string; party: string; value: number; version: number; recordedAt: Date };

/**
 * Numeric KPI values of submitted (not draft) measurements whose meetmoment lies in [from, to] and
 * that were recorded by `asOf`: every version, the caller keeps the latest per round and KPI.
 */
export async function listSubmittedKpiValues(db: Db, query: { from: string; to: string; asOf: Date }): Promise<SubmittedKpiValue[]> {
  const rows = await db.measurement.findMany({
    where: { status: "ingediend", valueNumber: { not: null }, recordedAt: { lte: query.asOf }, round: { meetmomentDate: { gte: query.from, lte: query.to } } },
    select: { version: true, recordedAt: true, valueNumber: true, party: true, kpi: { select: { key: true, unit: true } }, round: { select: { activityId: true, meetmomentDate: true, describes: true } } },
    orderBy: [{ roundId: "asc" }, { kpiId: "asc" }, { version: "asc" }],
  });
  return rows.map((r) => ({ activityId: r.round.activityId, kpiKey: r.kpi.key, unit: r.kpi.unit, measuredOn: r.round.meetmomentDate, describes: r.round.describes, party: r.party, value: r.valueNumber!, version: r.version, recordedAt: r.recordedAt }));
}
