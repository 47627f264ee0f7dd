import { MAX_LIST_PARAMETERS, queryInChunks, writeInChunks } from "./chunks.js";
import { isUniqueViolation, Prisma, tryWrite, type Db, type DbTx } from "./client.js";
import { OVERSTAP_COUNT_FIELDS, type OverstapCounts } from "../domain/ddd/overstap-counts.js";

/**
 * Repository of the DDD campaign: progress snapshots (append-only, versioned per school year,
 * school and mentor group), accepted imports, the reminder log, snoozes and mentors' "Gedaan".
 */

export type DddFiguresRow = { overstappers: number; gestart: number; deelB: number; afgerond: number; inBeeld: number };

export type DddSnapshotRow = DddFiguresRow & OverstapCounts & {
  id: number;
  schoolYear: string;
  schoolId: number;
  /** "" for the school total. */
  mentorGroup: string;
  version: number;
  source: string;
  importId: number | null;
  actorPersonId: number | null;
  recordedAt: Date;
};

export type NewSnapshot = DddFiguresRow & Partial<OverstapCounts> & {
  schoolId: number;
  mentorGroup: string;
  source: "import" | "kaart" | "demo";
  actorPersonId?: number | null;
};

/** The overstap-year counts of a new snapshot; a count left out is stored as "not reported" (null). */
function pickOverstapCounts(r: Partial<OverstapCounts>): OverstapCounts {
  return {
    aangemeld: r.aangemeld ?? null,
    geplaatst: r.geplaatst ?? null,
    afgewezen: r.afgewezen ?? null,
    geenAanmelding: r.geenAanmelding ?? null,
    geplaatstMetDdd: r.geplaatstMetDdd ?? null,
    mboGestart: r.mboGestart ?? null,
    nietGestart: r.nietGestart ?? null,
    zomerlek: r.zomerlek ?? null,
  };
}

/** The counts a writer gave (a count it left out is undefined; an explicit null means "no longer known"). */
function definedOnly(r: Partial<OverstapCounts>): Partial<OverstapCounts> {
  return Object.fromEntries(OVERSTAP_COUNT_FIELDS.filter((field) => r[field] !== undefined).map((field) => [field, r[field]]));
}

const versionKey = (schoolId: number, mentorGroup: string) => `${schoolId}|${mentorGroup}`;

/** What a series of snapshots needs for its points over time: a region's year has tens of thousands. */
export type DddSeriesRow = Pick<DddSnapshotRow, "id" | "schoolId" | "mentorGroup" | "version" | "recordedAt" | "afgerond" | "overstappers">;

/**
 * Every snapshot of a school year recorded up to `asOf`, oldest first (optionally for some
 * schools), with only the columns of its series: reading every column of every snapshot cost
 * the reminder run half its time, and more than twice that on a region twice the size (memory).
 * `listDddSnapshotsById` reads the few whole rows that are shown.
 */
export async function listDddSeries(db: Db | DbTx, schoolYear: string, options: { asOf?: Date; schoolIds?: readonly number[] } = {}): Promise<DddSeriesRow[]> {
  // Raw SQL: a region's year is tens of thousands of rows, which Prisma's findMany materialises
  // at about three times the cost of the query itself.
  const asOf = options.asOf ? Prisma.sql` AND "recordedAt" <= ${options.asOf}` : Prisma.empty;
  const read = (schools: Prisma.Sql) =>
    db.$queryRaw<DddSeriesRow[]>`SELECT "id", "schoolId", "mentorGroup", "version", "recordedAt", "afgerond", "overstappers" FROM "DddSnapshot" WHERE "schoolYear" = ${schoolYear}${asOf}${schools} ORDER BY "recordedAt", "id"`;
  if (!options.schoolIds) return read(Prisma.empty);
  const rows = await queryInChunks(options.schoolIds, (slice) => read(Prisma.sql` AND "schoolId" IN (${Prisma.join(slice)})`));
  // Slices come back each in order; more than one is merged into one order again.
  return options.schoolIds.length > MAX_LIST_PARAMETERS ? rows.sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime() || a.id - b.id) : rows;
}

/** Whole snapshots by id (in slices: a region's latest rows are more than SQLite binds at once). */
export async function listDddSnapshotsById(db: Db | DbTx, ids: readonly number[]): Promise<DddSnapshotRow[]> {
  return queryInChunks(ids, (slice) => db.dddSnapshot.findMany({ where: { id: { in: slice } } }));
}

/** The newest snapshot of one school total ("") or mentor group, regardless of time. */
export async function findLatestDddSnapshot(db: Db | DbTx, schoolYear: string, schoolId: number, mentorGroup: string): Promise<DddSnapshotRow | null> {
  return db.dddSnapshot.findFirst({ where: { schoolYear, schoolId, mentorGroup }, orderBy: { version: "desc" } });
}

/**
 * Appends snapshots with the next version of each (school, group). Used by imports and the demo
 * seed inside their transaction; card updates use `appendSnapshotIfCurrent` instead.
 */
export async function appendDddSnapshots(tx: DbTx, schoolYear: string, rows: readonly NewSnapshot[], meta: { importId: number | null; recordedAt: Date }): Promise<number> {
  if (rows.length === 0) return 0;
  const latest = await tx.dddSnapshot.groupBy({
    by: ["schoolId", "mentorGroup"],
    where: { schoolYear, schoolId: { in: [...new Set(rows.map((r) => r.schoolId))] } },
    _max: { version: true },
  });
  const versions = new Map(latest.map((l) => [versionKey(l.schoolId, l.mentorGroup), l._max.version ?? 0]));
  const data = rows.map((r) => {
    const key = versionKey(r.schoolId, r.mentorGroup);
    const version = (versions.get(key) ?? 0) + 1;
    versions.set(key, version);
    return {
      schoolYear,
      schoolId: r.schoolId,
      mentorGroup: r.mentorGroup,
      version,
      overstappers: r.overstappers,
      gestart: r.gestart,
      deelB: r.deelB,
      afgerond: r.afgerond,
      inBeeld: r.inBeeld,
      ...pickOverstapCounts(r),
      source: r.source,
      importId: meta.importId,
      actorPersonId: r.actorPersonId ?? null,
      recordedAt: meta.recordedAt,
    };
  });
  const result = await tx.dddSnapshot.createMany({ data });
  return result.count;
}

/**
 * Compare-and-swap for a card update: writes version `expectedVersion + 1` only if that is the
 * next version. A concurrent or stale writer hits the unique (school year, school, group,
 * version) index and gets the newest snapshot back instead of overwriting it.
 */
export async function appendSnapshotIfCurrent(
  db: Db,
  schoolYear: string,
  row: NewSnapshot,
  expectedVersion: number,
  recordedAt: Date,
): Promise<{ ok: true; snapshot: DddSnapshotRow } | { ok: false; latest: DddSnapshotRow | null }> {
  const latest = await findLatestDddSnapshot(db, schoolYear, row.schoolId, row.mentorGroup);
  if ((latest?.version ?? 0) !== expectedVersion) return { ok: false, latest };
  try {
    const snapshot = await tryWrite(db, () => db.dddSnapshot.create({
      data: {
        schoolYear,
        schoolId: row.schoolId,
        mentorGroup: row.mentorGroup,
        version: expectedVersion + 1,
        overstappers: row.overstappers,
        gestart: row.gestart,
        deelB: row.deelB,
        afgerond: row.afgerond,
        inBeeld: row.inBeeld,
        // A card changes the counts it shows; the overstap counts it leaves out stay as they were.
        ...pickOverstapCounts({ ...(latest ? pickOverstapCounts(latest) : {}), ...definedOnly(row) }),
        source: row.source,
        actorPersonId: row.actorPersonId ?? null,
        recordedAt,
      },
    }));
    return { ok: true, snapshot };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { ok: false, latest: await findLatestDddSnapshot(db, schoolYear, row.schoolId, row.mentorGroup) };
  }
}

export async function createDddImport(tx: DbTx, row: { schoolYear: string; fileName: string; sha256: string; rows: number; operator: string | null; source: "csv" | "xlsx" | "demo"; importedAt: Date }): Promise<number> {
  const created = await tx.dddImport.create({ data: row });
  return created.id;
}

export async function countDddSnapshots(db: Db, schoolYear: string): Promise<number> {
  return db.dddSnapshot.count({ where: { schoolYear } });
}

// --- reminder log -------------------------------------------------------------------------

export type DddReminderLogRow = {
  id: number;
  schoolYear: string;
  targetKey: string;
  schoolId: number;
  mentorGroup: string;
  day: string;
  kind: string;
  stepId: string | null;
  coveredSteps: string;
  recipients: number;
  afgerond: number | null;
  overstappers: number | null;
  snapshotVersion: number | null;
  source: string;
  createdAt: Date;
};

export type NewReminderLog = Omit<DddReminderLogRow, "id">;

/** `targetPrefix` selects one kind of target, e.g. "jaar:" (the overstap year's steps after 1 April). */
export async function listReminderLogs(db: Db | DbTx, schoolYear: string, options: { schoolIds?: readonly number[]; targetPrefix?: string } = {}): Promise<DddReminderLogRow[]> {
  return db.dddReminderLog.findMany({
    where: { schoolYear, ...(options.schoolIds ? { schoolId: { in: [...options.schoolIds] } } : {}), ...(options.targetPrefix ? { targetKey: { startsWith: options.targetPrefix } } : {}) },
    orderBy: [{ day: "asc" }, { id: "asc" }],
  });
}

/** Claims the target's day; false when a message for this target was already logged today (another run won). */
export async function claimReminderDay(tx: DbTx, row: NewReminderLog): Promise<boolean> {
  try {
    await tryWrite(tx, () => tx.dddReminderLog.create({ data: row }));
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

/** Rows per insert of reminder log rows: few enough (x 14 columns) to stay one statement under SQLite's 999 parameters. */
const CLAIMS_PER_INSERT = 60;

const REMINDER_LOG_COLUMNS = ["schoolYear", "targetKey", "schoolId", "mentorGroup", "day", "kind", "stepId", "coveredSteps", "recipients", "afgerond", "overstappers", "snapshotVersion", "source", "createdAt"] as const satisfies readonly (keyof NewReminderLog)[];

/**
 * Claims the day of many targets (a run of the reminder job) in one insert per slice; returns the
 * target keys it claimed. A day taken already (another run won) is skipped by the insert itself
 * (the unique school year, target and day) and is not among the keys it returns.
 *
 * Raw SQL on purpose: Prisma's createMany cost a third of a millisecond of CPU per row (the run
 * writes one per target, 660 on the region), the statement itself a few microseconds. Dates are
 * bound as Date, so the adapter stores them as it stores Prisma's own.
 */
export async function claimReminderDays(tx: DbTx, rows: readonly NewReminderLog[]): Promise<Set<string>> {
  const claimed = new Set<string>();
  const columns = Prisma.raw(REMINDER_LOG_COLUMNS.map((c) => `"${c}"`).join(", "));
  for (let i = 0; i < rows.length; i += CLAIMS_PER_INSERT) {
    const slice = rows.slice(i, i + CLAIMS_PER_INSERT);
    // Prisma.sql binds the values with each database's own placeholders (? or $n).
    const values = slice.map((row) => Prisma.sql`(${Prisma.join(REMINDER_LOG_COLUMNS.map((c) => row[c]))})`);
    const inserted = await tx.$queryRaw<{ targetKey: string }[]>`INSERT INTO "DddReminderLog" (${columns}) VALUES ${Prisma.join(values)} ON CONFLICT ("schoolYear", "targetKey", "day") DO NOTHING RETURNING "targetKey"`;
    for (const row of inserted) claimed.add(row.targetKey);
  }
  return claimed;
}

/**
 * Marks the target's day as thanked when its day was already claimed (the morning's reminder):
 * a target has one log row per day, and the planner only needs to know a thank-you was given.
 * The row keeps the steps it covered.
 */
export async function markReminderDayThanked(tx: DbTx, where: { schoolYear: string; targetKey: string; day: string }): Promise<void> {
  await tx.dddReminderLog.updateMany({ where: { ...where, kind: { not: "dank" } }, data: { kind: "dank" } });
}

// --- snoozes and acknowledgements -----------------------------------------------------------

export type DddSnoozeRow = { id: number; schoolYear: string; schoolId: number; personId: number; stepId: string; dueDay: string; resolvedDay: string | null; createdAt: Date };

export async function listSnoozes(db: Db | DbTx, schoolYear: string, where: { schoolId?: number; personId?: number; stepId?: string; openOnly?: boolean } = {}): Promise<DddSnoozeRow[]> {
  return db.dddSnooze.findMany({
    where: {
      schoolYear,
      ...(where.schoolId !== undefined ? { schoolId: where.schoolId } : {}),
      ...(where.personId !== undefined ? { personId: where.personId } : {}),
      ...(where.stepId !== undefined ? { stepId: where.stepId } : {}),
      ...(where.openOnly ? { resolvedDay: null } : {}),
    },
    orderBy: { id: "asc" },
  });
}

export async function createSnooze(db: Db, row: Omit<DddSnoozeRow, "id" | "resolvedDay">): Promise<DddSnoozeRow> {
  return db.dddSnooze.create({ data: row });
}

export async function resolveSnoozes(tx: DbTx, ids: readonly number[], day: string): Promise<void> {
  await writeInChunks(ids, (slice) => tx.dddSnooze.updateMany({ where: { id: { in: slice }, resolvedDay: null }, data: { resolvedDay: day } }));
}

export type DddAcknowledgementRow = { id: number; schoolYear: string; schoolId: number; mentorGroup: string; personId: number; stepId: string | null; at: Date };

export async function createAcknowledgement(db: Db, row: Omit<DddAcknowledgementRow, "id">): Promise<DddAcknowledgementRow> {
  return db.dddAcknowledgement.create({ data: row });
}

export async function listAcknowledgements(db: Db | DbTx, schoolYear: string, options: { asOf?: Date; schoolIds?: readonly number[] } = {}): Promise<DddAcknowledgementRow[]> {
  return db.dddAcknowledgement.findMany({
    where: {
      schoolYear,
      ...(options.asOf ? { at: { lte: options.asOf } } : {}),
      ...(options.schoolIds ? { schoolId: { in: [...options.schoolIds] } } : {}),
    },
    orderBy: { at: "asc" },
  });
}

// --- the campaign's schools and people ------------------------------------------------------

export type CampaignSchoolRow = {
  id: number;
  brin: string;
  naam: string;
  soort: string;
  subregioId: string | null;
  subregioNaam: string | null;
  decaanIds: number[];
  /** Mentor group -> the people who mentor it. */
  mentors: Map<string, number[]>;
};

/**
 * Schools with their decanen and mentors. `soorten` selects the overstap schools; schools with
 * figures in `alsoIds` are included whatever their kind (a file may cover a school we would not
 * have expected, and its figures must still be followed up).
 */
export async function listCampaignSchools(db: Db | DbTx, options: { soorten: readonly string[]; alsoIds?: readonly number[]; onlyIds?: readonly number[] }): Promise<CampaignSchoolRow[]> {
  const rows = await db.school.findMany({
    where: options.onlyIds
      ? { id: { in: [...options.onlyIds] } }
      : { OR: [{ soort: { in: [...options.soorten] } }, { id: { in: [...(options.alsoIds ?? [])] } }] },
    include: {
      subregio: { select: { naam: true } },
      roles: { where: { role: { in: ["decaan", "mentor"] } }, select: { role: true, personId: true, mentorGroup: true } },
    },
    orderBy: [{ naam: "asc" }, { id: "asc" }],
  });
  return rows.map((s) => {
    const mentors = new Map<string, number[]>();
    for (const r of s.roles) {
      if (r.role !== "mentor" || !r.mentorGroup) continue;
      mentors.set(r.mentorGroup, [...(mentors.get(r.mentorGroup) ?? []), r.personId]);
    }
    return {
      id: s.id,
      brin: s.brin,
      naam: s.naam,
      soort: s.soort,
      subregioId: s.subregioId,
      subregioNaam: s.subregio?.naam ?? null,
      decaanIds: [...new Set(s.roles.filter((r) => r.role === "decaan").map((r) => r.personId))],
      mentors,
    };
  });
}

/** BRIN -> school id for every known school (imports check BRINs against it). */
export async function mapSchoolIdsByBrin(db: Db | DbTx): Promise<Map<string, number>> {
  const rows = await db.school.findMany({ select: { id: true, brin: true } });
  return new Map(rows.map((r) => [r.brin.toUpperCase(), r.id]));
}

/** Every (school, mentor group) the directory knows from mentor roles. */
export async function listMentorGroups(db: Db | DbTx): Promise<{ schoolId: number; mentorGroup: string }[]> {
  const rows = await db.roleAssignment.findMany({ where: { role: "mentor", mentorGroup: { not: null }, schoolId: { not: null } }, select: { schoolId: true, mentorGroup: true } });
  return rows.map((r) => ({ schoolId: r.schoolId!, mentorGroup: r.mentorGroup! }));
}

/** Display names of people (cards greet by first name; logs never see them). */
export async function mapPersonNames(db: Db | DbTx, ids: readonly number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.person.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, naam: true } });
  return new Map(rows.map((r) => [r.id, r.naam]));
}
