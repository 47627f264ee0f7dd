import { OVERSTAP_SCHOOL_SOORTEN } from "../../domain/directory.js";
import { DateTime } from "luxon";
import { IMPORT_TRANSACTION, runInTransaction, type Db } from "../../db/client.js";
import { appendDddSnapshots, countDddSnapshots, createDddImport, listCampaignSchools, type NewSnapshot } from "../../db/ddd.js";
import { AMSTERDAM_ZONE, getSchoolYear } from "../../domain/calendar/index.js";
import { sumFigures, type DddFigures } from "../../domain/ddd/index.js";

/**
 * Believable DDD progress for the demo region: six weekly exports (Monday 07:00, as an overnight
 * export from the overstap system would arrive) up to the seed moment, per mentor group and per
 * school. Schools follow one of a few recognisable courses (done, on track, behind, stalled,
 * nearly there, late starter), and every eleventh school has no figures at all. Deterministic:
 * the numbers depend only on the school's place in the list, never on chance or the date.
 *
 * Never mixes with real data: when the school year already has any DDD figures, nothing is added.
 */

const WEEKS = 6;

const COURSES: Record<string, readonly number[]> = {
  klaar: [0.35, 0.5, 0.65, 0.8, 0.92, 1],
  opKoers: [0.2, 0.33, 0.45, 0.58, 0.72, 0.85],
  achter: [0.1, 0.15, 0.2, 0.26, 0.32, 0.38],
  stilstand: [0.3, 0.42, 0.55, 0.55, 0.55, 0.55],
  bijna: [0.5, 0.62, 0.75, 0.85, 0.92, 0.96],
  laat: [0, 0, 0.02, 0.05, 0.1, 0.2],
};
const COURSE_ORDER = ["klaar", "opKoers", "achter", "stilstand", "bijna", "laat"] as const;

function groupFigures(overstappers: number, fraction: number, week: number, done: boolean): DddFigures {
  if (done) return { overstappers, gestart: overstappers, deelB: overstappers, afgerond: overstappers, inBeeld: overstappers };
  const afgerond = Math.min(overstappers, Math.floor(overstappers * fraction));
  const deelB = Math.min(overstappers, afgerond + Math.floor(overstappers * 0.1));
  const gestart = Math.min(overstappers, deelB + Math.floor(overstappers * 0.1) + 1);
  const inBeeld = Math.min(overstappers, Math.floor(overstappers * (0.85 + 0.02 * week)));
  return { overstappers, gestart, deelB, afgerond, inBeeld };
}

/** The Mondays 07:00 (Amsterdam) of the last `WEEKS` weeks, the latest at or before `now`, oldest first. */
export function listDemoExportMoments(now: Date): Date[] {
  const local = DateTime.fromJSDate(now, { zone: AMSTERDAM_ZONE });
  let monday = local.startOf("week").set({ hour: 7 });
  if (monday > local) monday = monday.minus({ weeks: 1 });
  return Array.from({ length: WEEKS }, (_, i) => monday.minus({ weeks: WEEKS - 1 - i }).toJSDate());
}

export async function seedDemoDddProgress(db: Db, now: Date): Promise<{ schoolYear: string; snapshots: number; skipped: boolean }> {
  const schoolYear = getSchoolYear(now);
  if ((await countDddSnapshots(db, schoolYear)) > 0) return { schoolYear, snapshots: 0, skipped: true };
  const schools = (await listCampaignSchools(db, { soorten: OVERSTAP_SCHOOL_SOORTEN })).sort((a, b) => a.brin.localeCompare(b.brin));
  const moments = listDemoExportMoments(now);
  let snapshots = 0;
  await runInTransaction(db, 
    async (tx) => {
      for (const [week, moment] of moments.entries()) {
        const rows: NewSnapshot[] = [];
        schools.forEach((school, i) => {
          if (i % 11 === 10) return;
          const course = COURSE_ORDER[i % COURSE_ORDER.length]!;
          const groups = [...school.mentors.keys()].sort();
          const groupRows = groups.map((mentorGroup, g) => {
            const overstappers = 18 + ((i * 7 + g * 5) % 11);
            // Groups of one school differ a little; the last group of a lagging school lags most.
            const spread = course === "klaar" ? 0 : (g === groups.length - 1 ? -0.08 : 0.04) * (week > 0 ? 1 : 0);
            const fraction = Math.max(0, Math.min(1, COURSES[course]![week]! + spread));
            const done = course === "klaar" && week === WEEKS - 1;
            return { schoolId: school.id, mentorGroup, source: "demo" as const, ...groupFigures(overstappers, fraction, week, done) };
          });
          rows.push(...groupRows, { schoolId: school.id, mentorGroup: "", source: "demo", ...sumFigures(groupRows) });
        });
        const importId = await createDddImport(tx, { schoolYear, fileName: `demo-week-${week + 1}.csv`, sha256: "demo", rows: rows.length, operator: "demo", source: "demo", importedAt: moment });
        snapshots += await appendDddSnapshots(tx, schoolYear, rows, { importId, recordedAt: moment });
      }
    },
    IMPORT_TRANSACTION,
  );
  return { schoolYear, snapshots, skipped: false };
}
