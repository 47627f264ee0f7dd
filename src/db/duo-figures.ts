import type { DbOrTx, DbTx } from "./client.js";

/**
 * DUO's published vsv-figures, stored as measurements of the KPIs the catalogue links to DUO
 * (Kpi.duoVsv). Each (activity, school year, status) gets a closed round of its own, dated on the
 * import day, describing the school year of the figures: the figures keep their history like any
 * other measurement and take part in the summary, the export and the year-on-year comparison.
 */
export type DuoKpi = { id: number; key: string; activityId: string; duoVsv: string };

export async function listDuoKpis(db: DbOrTx): Promise<DuoKpi[]> {
  const rows = await db.kpi.findMany({ where: { duoVsv: { not: null }, archivedAt: null, activity: { archivedAt: null } }, select: { id: true, key: true, activityId: true, duoVsv: true }, orderBy: [{ activityId: "asc" }, { position: "asc" }] });
  return rows.map((r) => ({ ...r, duoVsv: r.duoVsv! }));
}

export async function listSchoolBrins(db: DbOrTx): Promise<Set<string>> {
  return new Set((await db.school.findMany({ select: { brin: true } })).map((s) => s.brin.toUpperCase()));
}

/** The DUO rounds of an activity for a school year, by their label ("DUO voorlopig 2024-2025"). */
export async function findDuoRound(db: DbOrTx, activityId: string, periodLabel: string): Promise<{ id: number } | null> {
  return db.meetmomentRound.findFirst({ where: { activityId, periodLabel, note: DUO_NOTE }, select: { id: true } });
}

export const DUO_NOTE = "DUO-import";

/** A closed round for DUO figures on the first free day from `day` (a real meetmoment may hold that day). */
export async function createDuoRound(tx: DbTx, input: { activityId: string; schoolYear: string; day: string; periodLabel: string; describes: string; now: Date }): Promise<{ id: number }> {
  const taken = new Set((await tx.meetmomentRound.findMany({ where: { activityId: input.activityId, meetmomentDate: { gte: input.day } }, select: { meetmomentDate: true } })).map((r) => r.meetmomentDate));
  let day = input.day;
  while (taken.has(day)) day = new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return tx.meetmomentRound.create({
    data: { activityId: input.activityId, schoolYear: input.schoolYear, meetmomentDate: day, openDay: day, periodLabel: input.periodLabel, describes: input.describes, note: DUO_NOTE, status: "gesloten", closesAt: input.now, closedAt: input.now },
    select: { id: true },
  });
}

export async function findLatestDuoValue(db: DbOrTx, roundId: number, kpiId: number): Promise<{ version: number; valueNumber: number | null } | null> {
  return db.measurement.findFirst({ where: { roundId, kpiId }, orderBy: { version: "desc" }, select: { version: true, valueNumber: true } });
}

export async function insertDuoValue(tx: DbTx, input: { roundId: number; kpiId: number; version: number; value: number; personName: string; now: Date }): Promise<void> {
  await tx.measurement.create({ data: { roundId: input.roundId, kpiId: input.kpiId, version: input.version, status: "ingediend", valueNumber: input.value, source: "import", personName: input.personName, recordedAt: input.now } });
}
