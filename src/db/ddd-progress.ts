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

/** The school totals (mentorGroup "") of a school year recorded up to `asOf`, oldest first. */
export async function listSchoolTotalSnapshots(db: Db, schoolYear: string, asOf: Date): Promise<SchoolTotalSnapshotRow[]> {
  const rows = await db.dddSnapshot.findMany({
    where: { schoolYear, mentorGroup: "", recordedAt: { lte: asOf } },
    orderBy: [{ recordedAt: "asc" }, { version: "asc" }],
    select: { schoolId: true, recordedAt: true, overstappers: true, afgerond: true, inBeeld: true, school: { select: { naam: true, subregioId: true, subregio: { select: { naam: true } } } } },
  });
  return rows.map((r) => ({
    schoolId: r.schoolId,
    schoolNaam: r.school.naam,
    subregioId: r.school.subregioId,
    subregioNaam: r.school.subregio?.naam ?? null,
    recordedAt: r.recordedAt,
    overstappers: r.overstappers,
    afgerond: r.afgerond,
    inBeeld: r.inBeeld,
  }));
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
  const rows = await db.dddSnapshot.findMany({
    where: { schoolYear, mentorGroup: "", recordedAt: { lte: asOf } },
    orderBy: [{ recordedAt: "asc" }, { version: "asc" }],
    include: { school: { select: { naam: true, brin: true, subregioId: true, subregio: { select: { naam: true } } } } },
  });
  return rows.map(({ school, ...r }) => ({
    schoolId: r.schoolId,
    brin: school.brin,
    schoolNaam: school.naam,
    subregioId: school.subregioId,
    subregioNaam: school.subregio?.naam ?? null,
    recordedAt: r.recordedAt,
    overstappers: r.overstappers,
    gestart: r.gestart,
    deelB: r.deelB,
    afgerond: r.afgerond,
    inBeeld: r.inBeeld,
    aangemeld: r.aangemeld,
    geplaatst: r.geplaatst,
    afgewezen: r.afgewezen,
    geenAanmelding: r.geenAanmelding,
    geplaatstMetDdd: r.geplaatstMetDdd,
    mboGestart: r.mboGestart,
    nietGestart: r.nietGestart,
    zomerlek: r.zomerlek,
  }));
}

/** Each school's latest total of a school year recorded up to `asOf`, with every count. */
export async function listLatestSchoolCounts(db: Db, schoolYear: string, asOf: Date): Promise<SchoolYearCountsRow[]> {
  const latest = new Map<number, SchoolYearCountsRow>();
  for (const row of await listSchoolCounts(db, schoolYear, asOf)) latest.set(row.schoolId, row);
  return [...latest.values()];
}
