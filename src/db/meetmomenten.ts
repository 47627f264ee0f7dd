import type { Db, DbTx } from "./client.js";

/**
 * Meetmoment rounds and their measurements. Measurements are append-only: this module only
 * ever inserts them (a draft, a submission and each correction are new versions), so the
 * history of every figure stays readable.
 */
type Client = Db | DbTx;

export type RoundStatus = "gepland" | "open" | "gesloten";

export type RoundRecord = {
  id: number;
  activityId: string;
  schoolYear: string;
  meetmomentDate: string;
  openDay: string;
  periodLabel: string;
  /** The school year the figures describe. */
  describes: string;
  note: string | null;
  status: string;
  announcedAt: Date | null;
  openedAt: Date | null;
  closesAt: Date;
  closedAt: Date | null;
  remindersSent: number;
  submittedAt: Date | null;
  submittedById: number | null;
  lateCaseId: number | null;
};

export type RoundWithActivity = RoundRecord & { activity: { id: string; naam: string; ownerRole: string; figuresPer: string | null; archivedAt: Date | null } };

export type MeasurementRecord = {
  id: number;
  roundId: number;
  kpiId: number;
  version: number;
  /** "" for the activity as a whole; a party's key in a per-party round. */
  party: string;
  partyLabel: string | null;
  status: string;
  valueNumber: number | null;
  valueText: string | null;
  source: string;
  personId: number | null;
  personName: string | null;
  recordedAt: Date;
};

export type NewRound = Omit<RoundRecord, "id" | "closedAt" | "remindersSent" | "submittedAt" | "submittedById" | "lateCaseId"> & { remindersSent?: number };

const activitySelect = { select: { id: true, naam: true, ownerRole: true, figuresPer: true, archivedAt: true } } as const;

export async function findRound(db: Client, id: number): Promise<RoundWithActivity | null> {
  return db.meetmomentRound.findUnique({ where: { id }, include: { activity: activitySelect } });
}

/** Just what decides whether a round still takes figures (one cheap read inside a save). */
export async function findRoundState(db: Client, id: number): Promise<Pick<RoundRecord, "status" | "closesAt"> | null> {
  return db.meetmomentRound.findUnique({ where: { id }, select: { status: true, closesAt: true } });
}

export async function findRoundByMeetmoment(db: Client, activityId: string, meetmomentDate: string): Promise<RoundRecord | null> {
  return db.meetmomentRound.findUnique({ where: { activityId_meetmomentDate: { activityId, meetmomentDate } } });
}

export async function createRound(tx: DbTx, data: NewRound): Promise<RoundRecord> {
  return tx.meetmomentRound.create({ data });
}

/**
 * Changes a round only if it is still in the status the caller read, so two job runs at the
 * same moment cannot both open (and send) or both close (and escalate) it. False: someone else
 * was first.
 */
export async function updateRoundIfStatus(tx: DbTx, id: number, expectedStatus: string, data: Partial<Omit<RoundRecord, "id" | "activityId" | "meetmomentDate">>): Promise<boolean> {
  const { count } = await tx.meetmomentRound.updateMany({ where: { id, status: expectedStatus }, data });
  return count === 1;
}

/** Same guard for reminders: the counter must still be what was read. */
export async function updateRemindersSent(tx: DbTx, id: number, expected: number, next: number): Promise<boolean> {
  const { count } = await tx.meetmomentRound.updateMany({ where: { id, status: "open", remindersSent: expected }, data: { remindersSent: next } });
  return count === 1;
}

export async function markRoundSubmitted(tx: DbTx, id: number, personId: number | null, at: Date): Promise<void> {
  await tx.meetmomentRound.updateMany({ where: { id, submittedAt: null }, data: { submittedAt: at, submittedById: personId } });
}

/** Every round the job still has to look after: planned or open. */
export async function listUnclosedRounds(db: Client): Promise<RoundRecord[]> {
  return db.meetmomentRound.findMany({ where: { status: { in: ["gepland", "open"] } }, orderBy: [{ openDay: "asc" }, { activityId: "asc" }] });
}

/** Every round of these school years, closed ones included (the job must not create those again). */
export async function listRoundsOfSchoolYears(db: Client, schoolYears: readonly string[]): Promise<RoundRecord[]> {
  return db.meetmomentRound.findMany({ where: { schoolYear: { in: [...schoolYears] } } });
}

/** Open rounds, optionally of some activities only, with their activity, earliest close first. */
export async function listOpenRounds(db: Client, options: { activityIds?: readonly string[] } = {}): Promise<RoundWithActivity[]> {
  return db.meetmomentRound.findMany({
    where: { status: "open", ...(options.activityIds ? { activityId: { in: [...options.activityIds] } } : {}) },
    include: { activity: activitySelect },
    orderBy: [{ closesAt: "asc" }, { activityId: "asc" }],
  });
}

export async function findNextRound(db: Client, activityId: string, after: Date): Promise<RoundRecord | null> {
  return db.meetmomentRound.findFirst({ where: { activityId, closesAt: { gt: after } }, orderBy: { openDay: "asc" } });
}

export async function listRoundsOfSchoolYear(db: Client, schoolYear: string, activityId?: string): Promise<RoundWithActivity[]> {
  return db.meetmomentRound.findMany({
    where: { schoolYear, ...(activityId ? { activityId } : {}) },
    include: { activity: activitySelect },
    orderBy: [{ meetmomentDate: "asc" }, { activityId: "asc" }],
  });
}

/** Every version of every measurement of the rounds, oldest first. */
export async function listMeasurements(db: Client, roundIds: readonly number[]): Promise<MeasurementRecord[]> {
  if (roundIds.length === 0) return [];
  return db.measurement.findMany({ where: { roundId: { in: [...roundIds] } }, orderBy: [{ roundId: "asc" }, { kpiId: "asc" }, { version: "asc" }] });
}

/**
 * The newest version of each KPI's measurement in a round, and how many submitted versions each
 * KPI has (more than one: it was corrected). Two small queries however long the history.
 */
export async function listLatestMeasurements(db: Client, roundId: number, party = ""): Promise<{ latest: MeasurementRecord[]; submittedCount: Map<number, number> }> {
  const groups = await db.measurement.groupBy({ by: ["kpiId", "status"], where: { roundId, party }, _max: { version: true }, _count: { _all: true } });
  if (groups.length === 0) return { latest: [], submittedCount: new Map() };
  const newest = new Map<number, number>();
  const submittedCount = new Map<number, number>();
  for (const g of groups) {
    newest.set(g.kpiId, Math.max(newest.get(g.kpiId) ?? 0, g._max.version ?? 0));
    if (g.status === "ingediend") submittedCount.set(g.kpiId, g._count._all);
  }
  const latest = await db.measurement.findMany({ where: { roundId, party, OR: [...newest].map(([kpiId, version]) => ({ kpiId, version })) }, orderBy: { kpiId: "asc" } });
  return { latest, submittedCount };
}

export type NewMeasurement = Omit<MeasurementRecord, "id">;

export async function insertMeasurements(tx: DbTx, rows: readonly NewMeasurement[]): Promise<void> {
  if (rows.length > 0) await tx.measurement.createMany({ data: [...rows] });
}

/**
 * The submitted values of the latest earlier rounds of an activity (up to `rounds` of them),
 * newest round first, for "vorige meting" on the form.
 */
export async function listEarlierSubmittedMeasurements(db: Client, activityId: string, beforeDate: string, party = "", rounds = 3): Promise<(MeasurementRecord & { round: { meetmomentDate: string; periodLabel: string } })[]> {
  const earlier = await db.meetmomentRound.findMany({ where: { activityId, meetmomentDate: { lt: beforeDate } }, orderBy: { meetmomentDate: "desc" }, take: rounds, select: { id: true } });
  if (earlier.length === 0) return [];
  return db.measurement.findMany({
    where: { roundId: { in: earlier.map((r) => r.id) }, status: "ingediend", party },
    include: { round: { select: { meetmomentDate: true, periodLabel: true } } },
    orderBy: [{ round: { meetmomentDate: "desc" } }, { version: "desc" }],
  });
}

export type KpiRow = { id: number; key: string; name: string; unit: string; targetText: string | null; measurable: boolean; duoVsv: string | null; archivedAt: Date | null; targets: { period: string; schoolYear: string | null; value: number }[] };

/** The activity's KPIs in catalogue order; archived ones only when asked (an old round's export). */
export async function listKpisOfActivity(db: Client, activityId: string, options: { includeArchived?: boolean } = {}): Promise<KpiRow[]> {
  return db.kpi.findMany({
    where: { activityId, ...(options.includeArchived ? {} : { archivedAt: null }) },
    include: { targets: { select: { period: true, schoolYear: true, value: true } } },
    orderBy: { position: "asc" },
  });
}

export type OwnerRow = { id: number; naam: string };

/**
 * The owners of an activity: people with the activity's owner role scoped to it (normally
 * `eigenaar` with the activity id). A catalogue that names a programme-wide role as owner
 * (e.g. projectteam) gets everyone with that role.
 */
export async function listActivityOwners(db: Client, activityId: string, ownerRole: string): Promise<OwnerRow[]> {
  const scoped = await db.person.findMany({ where: { roles: { some: { role: ownerRole, activityId } } }, select: { id: true, naam: true }, orderBy: { id: "asc" } });
  if (scoped.length > 0 || ownerRole === "eigenaar") return scoped;
  return db.person.findMany({ where: { roles: { some: { role: ownerRole } } }, select: { id: true, naam: true }, orderBy: { id: "asc" } });
}


/** A party of a per-party round and the owners who report for it. */
export type RoundParty = { key: string; label: string; owners: OwnerRow[] };

/**
 * The parties of an activity whose figures are reported per party (catalogue `cijfers_per`),
 * from the owners' role assignments as the directory has them today: per school (the school on
 * the owner's role), per subregio (that school's subregio), or per owner (each owner reports for
 * their own organisation, such as an RBL). An owner whose role names no school counts as a party
 * of their own. Issue 19's organisations (mbo institutions, gemeenten, RBL's) replace the school
 * and person lookup here when the directory knows them.
 */
export async function listRoundParties(db: Client, activityId: string, ownerRole: string, figuresPer: string): Promise<RoundParty[]> {
  const roles = await db.roleAssignment.findMany({
    where: { role: ownerRole, activityId },
    select: { person: { select: { id: true, naam: true } }, school: { select: { brin: true, naam: true, subregio: { select: { id: true, naam: true } } } } },
    orderBy: [{ personId: "asc" }],
  });
  const parties = new Map<string, RoundParty>();
  for (const role of roles) {
    const school = role.school;
    const party =
      figuresPer === "school" && school
        ? { key: `school:${school.brin}`, label: school.naam }
        : figuresPer === "subregio" && school?.subregio
          ? { key: `subregio:${school.subregio.id}`, label: school.subregio.naam }
          : { key: `persoon:${role.person.id}`, label: role.person.naam };
    const existing = parties.get(party.key) ?? { ...party, owners: [] };
    if (!existing.owners.some((o) => o.id === role.person.id)) existing.owners.push(role.person);
    parties.set(party.key, existing);
  }
  return [...parties.values()].sort((a, b) => a.label.localeCompare(b.label, "nl"));
}

/** The parties that have submitted figures in a round (at least one submitted version). */
export async function listSubmittedParties(db: Client, roundId: number): Promise<Set<string>> {
  const rows = await db.measurement.findMany({ where: { roundId, status: "ingediend" }, distinct: ["party"], select: { party: true } });
  return new Set(rows.map((r) => r.party));
}

/** The newest submitted value of every party and KPI in a round, for the region total. */
export async function listSubmittedValuesByParty(db: Client, roundId: number): Promise<Map<number, Map<string, number>>> {
  const rows = await db.measurement.findMany({ where: { roundId, status: "ingediend", valueNumber: { not: null } }, orderBy: [{ version: "asc" }], select: { kpiId: true, party: true, valueNumber: true } });
  const byKpi = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const values = byKpi.get(row.kpiId) ?? new Map<string, number>();
    values.set(row.party, row.valueNumber!);
    byKpi.set(row.kpiId, values);
  }
  return byKpi;
}
