import { queryInChunks } from "./chunks.js";
import type { Db } from "./client.js";
import type { DddFiguresRow } from "./ddd.js";
import type { OverstapCounts } from "../domain/ddd/overstap-counts.js";

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

type SchoolInfo = { naam: string; brin: string; subregioId: string | null; subregioNaam: string | null };

/** Name, BRIN and subregio of the schools the rows name: read once per school, not joined per row. */
async function describeSchools(db: Db, rows: readonly { schoolId: number }[]): Promise<Map<number, SchoolInfo>> {
  const ids = [...new Set(rows.map((r) => r.schoolId))];
  const schools = await queryInChunks(ids, (slice) => db.school.findMany({ where: { id: { in: slice } }, select: { id: true, naam: true, brin: true, subregioId: true, subregio: { select: { naam: true } } } }));
  return new Map(schools.map((s) => [s.id, { naam: s.naam, brin: s.brin, subregioId: s.subregioId, subregioNaam: s.subregio?.naam ?? null }]));
}

function infoOf(schools: Map<number, SchoolInfo>, schoolId: number): SchoolInfo {
  // The foreign key guarantees the school; the fallback only keeps the types honest.
  return schools.get(schoolId) ?? { naam: `school ${schoolId}`, brin: "", subregioId: null, subregioNaam: null };
}

/**
 * The school totals (mentorGroup "") of a school year recorded up to `asOf`, oldest first.
 *
 * Raw SQL with only the columns read, on purpose: the weekly summary reads four school years of
 * them, and through Prisma's findMany (every row materialised, the school joined per row) that
 * was most of its run and grew with the region's history.
 */
export async function listSchoolTotalSnapshots(db: Db, schoolYear: string, asOf: Date): Promise<SchoolTotalSnapshotRow[]> {
  const rows = await db.$queryRaw<{ schoolId: number; recordedAt: Date; overstappers: number; afgerond: number; inBeeld: number }[]>`
    SELECT "schoolId", "recordedAt", "overstappers", "afgerond", "inBeeld" FROM "DddSnapshot"
    WHERE "schoolYear" = ${schoolYear} AND "mentorGroup" = '' AND "recordedAt" <= ${asOf}
    ORDER BY "recordedAt", "version"`;
  const schools = await describeSchools(db, rows);
  return rows.map((r) => {
    const school = infoOf(schools, r.schoolId);
    return { ...r, schoolNaam: school.naam, subregioId: school.subregioId, subregioNaam: school.subregioNaam };
  });
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

/** Every school total (mentorGroup "") of a school year recorded up to `asOf`, with every count, oldest first (raw SQL: see above). */
export async function listSchoolCounts(db: Db, schoolYear: string, asOf: Date): Promise<SchoolYearCountsRow[]> {
  const rows = await db.$queryRaw<(DddFiguresRow & OverstapCounts & { schoolId: number; recordedAt: Date })[]>`
    SELECT "schoolId", "recordedAt", "overstappers", "gestart", "deelB", "afgerond", "inBeeld",
      "aangemeld", "geplaatst", "afgewezen", "geenAanmelding", "geplaatstMetDdd", "mboGestart", "nietGestart", "zomerlek"
    FROM "DddSnapshot"
    WHERE "schoolYear" = ${schoolYear} AND "mentorGroup" = '' AND "recordedAt" <= ${asOf}
    ORDER BY "recordedAt", "version"`;
  const schools = await describeSchools(db, rows);
  return rows.map((r) => {
    const school = infoOf(schools, r.schoolId);
    return { ...r, brin: school.brin, schoolNaam: school.naam, subregioId: school.subregioId, subregioNaam: school.subregioNaam };
  });
}

/** Each school's latest total of a school year recorded up to `asOf`, with every count. */
export async function listLatestSchoolCounts(db: Db, schoolYear: string, asOf: Date): Promise<SchoolYearCountsRow[]> {
  const latest = new Map<number, SchoolYearCountsRow>();
  for (const row of await listSchoolCounts(db, schoolYear, asOf)) latest.set(row.schoolId, row);
  return [...latest.values()];
}
