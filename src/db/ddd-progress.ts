import { queryInChunks } from "./chunks.js";
import { Prisma, type Db } from "./client.js";
import type { DddFiguresRow } from "./ddd.js";
import { DDD_FIGURE_FIELDS } from "../domain/ddd/figures.js";
import { OVERSTAP_COUNT_FIELDS, type OverstapCounts } from "../domain/ddd/overstap-counts.js";
import { AppError } from "../errors.js";

export type SchoolTotalSnapshotRow = {
  schoolId: number;
  schoolNaam: string;
  subregioId: string | null;
  subregioNaam: string | null;
  recordedAt: Date;
  overstappers: number;
  afgerond: number;
  inBeeld: number;
};

type SchoolOfRow = { schoolNaam: string; brin: string; subregioId: string | null; subregioNaam: string | null };

/**
 * The school totals (mentorGroup "") of a school year recorded up to `asOf`, oldest first, with
 * the given count columns and their school's name, BRIN and subregio.
 *
 * Raw SQL with only the columns read, and each school read once instead of joined per row, on
 * purpose: the weekly summary reads two school years of them, and through Prisma's findMany
 * (every row materialised, the school joined per row) that was most of its run and grew with the
 * region's history.
 */
async function readSchoolTotals<Column extends keyof (DddFiguresRow & OverstapCounts)>(db: Db, columns: readonly Column[], schoolYear: string, asOf: Date) {
  type Row = Pick<DddFiguresRow & OverstapCounts, Column> & { schoolId: number; recordedAt: Date };
  const rows = await db.$queryRaw<Row[]>`
    SELECT "schoolId", "recordedAt", ${Prisma.raw(columns.map((c) => `"${c}"`).join(", "))} FROM "DddSnapshot"
    WHERE "schoolYear" = ${schoolYear} AND "mentorGroup" = '' AND "recordedAt" <= ${asOf}
    ORDER BY "recordedAt", "version"`;
  const ids = [...new Set(rows.map((r) => r.schoolId))];
  const schools = await queryInChunks(ids, (slice) => db.school.findMany({ where: { id: { in: slice } }, select: { id: true, naam: true, brin: true, subregioId: true, subregio: { select: { naam: true } } } }));
  const byId = new Map(schools.map((s) => [s.id, { schoolNaam: s.naam, brin: s.brin, subregioId: s.subregioId, subregioNaam: s.subregio?.naam ?? null }]));
  return rows.map((r): Row & SchoolOfRow => {
    // The foreign key keeps every snapshot's school.
    const school = byId.get(r.schoolId);
    if (!school) throw new AppError("INTERNAL", `DDD snapshot of school ${r.schoolId}, which does not exist`);
    return { ...r, ...school };
  });
}

/** The school totals (mentorGroup "") of a school year recorded up to `asOf`, oldest first. */
export async function listSchoolTotalSnapshots(db: Db, schoolYear: string, asOf: Date): Promise<SchoolTotalSnapshotRow[]> {
  return readSchoolTotals(db, ["overstappers", "afgerond", "inBeeld"], schoolYear, asOf);
}

export type SchoolYearCountsRow = DddFiguresRow &
  OverstapCounts & {
    schoolId: number;
    brin: string;
    schoolNaam: string;
    subregioId: string | null;
    subregioNaam: string | null;
    recordedAt: Date;
  };

/** Every school total (mentorGroup "") of a school year recorded up to `asOf`, with every count, oldest first. */
export async function listSchoolCounts(db: Db, schoolYear: string, asOf: Date): Promise<SchoolYearCountsRow[]> {
  return readSchoolTotals(db, [...DDD_FIGURE_FIELDS, ...OVERSTAP_COUNT_FIELDS], schoolYear, asOf);
}

/** Each school's latest total of a school year recorded up to `asOf`, with every count. */
export async function listLatestSchoolCounts(db: Db, schoolYear: string, asOf: Date): Promise<SchoolYearCountsRow[]> {
  const latest = new Map<number, SchoolYearCountsRow>();
  for (const row of await listSchoolCounts(db, schoolYear, asOf)) latest.set(row.schoolId, row);
  return [...latest.values()];
}
