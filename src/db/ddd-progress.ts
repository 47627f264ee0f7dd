import type { Db } from "./client.js";

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
