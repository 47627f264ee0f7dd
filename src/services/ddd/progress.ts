import { OVERSTAP_SCHOOL_SOORTEN } from "../../domain/directory.js";
import type { Db } from "../../db/client.js";
import { listAcknowledgements, listCampaignSchools, listDddSeries, listDddSnapshotsById, type CampaignSchoolRow, type DddSeriesRow, type DddSnapshotRow } from "../../db/ddd.js";
import { toIsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import { buildTargetKey, isComplete, sumFigures, type CampaignTarget, type DddFigures, type ProgressPoint } from "../../domain/ddd/index.js";

/**
 * The campaign's view of the database: per school its latest figures, its history (one point
 * per day, for the forecast), its mentor groups with their figures, mentors and "Gedaan", and
 * its decanen. Everything is "as of" a moment, so previews and simulations see exactly what the
 * job would have seen then.
 */

export type GroupView = {
  mentorGroup: string;
  latest: DddSnapshotRow | null;
  points: ProgressPoint[];
  mentorIds: number[];
  /** The mentor reported "Gedaan" after the latest figures (or before any figures arrived). */
  acknowledged: boolean;
  acknowledgedAt: Date | null;
};

export type SchoolView = {
  school: CampaignSchoolRow;
  /** The latest school-total snapshot; its version is what a decaan card carries. */
  total: DddSnapshotRow | null;
  /** The total figures, or the sum of the groups when no total was ever recorded. */
  figures: DddFigures | null;
  points: ProgressPoint[];
  groups: GroupView[];
};

export function figuresOf(row: DddSnapshotRow | null): DddFigures | null {
  return row ? { overstappers: row.overstappers, gestart: row.gestart, deelB: row.deelB, afgerond: row.afgerond, inBeeld: row.inBeeld } : null;
}

/**
 * One point per Amsterdam day (the day's last snapshot), oldest first. `dayOf` may be shared by
 * many calls: the snapshots of one import share their moment, and turning a moment into an
 * Amsterdam day (luxon) costs more than all else here for a region's thousands of snapshots.
 */
export function toDailyPoints(rows: readonly Pick<DddSeriesRow, "recordedAt" | "afgerond" | "overstappers">[], zone: string, dayOf: (at: Date) => string = memoizeDayOf(zone)): ProgressPoint[] {
  const byDay = new Map<string, ProgressPoint>();
  for (const row of rows) {
    const day = dayOf(row.recordedAt);
    byDay.set(day, { day, afgerond: row.afgerond, overstappers: row.overstappers });
  }
  return [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1));
}

function memoizeDayOf(zone: string): (at: Date) => string {
  const days = new Map<number, string>();
  return (at) => {
    let day = days.get(at.getTime());
    if (day === undefined) days.set(at.getTime(), (day = toIsoDate(at, zone)));
    return day;
  };
}

function latestOf(rows: readonly DddSeriesRow[]): DddSeriesRow | null {
  let latest: DddSeriesRow | null = null;
  for (const row of rows) if (!latest || row.version > latest.version) latest = row;
  return latest;
}

function compareGroups(a: string, b: string): number {
  return a.localeCompare(b, "nl", { numeric: true, sensitivity: "base" });
}

export async function loadSchoolViews(
  db: Db,
  options: { schoolYear: string; asOf: Date; calendar: WorkCalendar; schoolIds?: readonly number[] },
): Promise<SchoolView[]> {
  const snapshots = await listDddSeries(db, options.schoolYear, { asOf: options.asOf, schoolIds: options.schoolIds });
  const schools = await listCampaignSchools(db, {
    soorten: OVERSTAP_SCHOOL_SOORTEN,
    alsoIds: [...new Set(snapshots.map((s) => s.schoolId))],
    onlyIds: options.schoolIds,
  });
  const acks = await listAcknowledgements(db, options.schoolYear, { asOf: options.asOf, schoolIds: options.schoolIds });
  const bySeries = new Map<string, DddSeriesRow[]>();
  for (const s of snapshots) {
    const key = buildTargetKey(s.schoolId, s.mentorGroup);
    const list = bySeries.get(key);
    if (list) list.push(s);
    else bySeries.set(key, [s]);
  }
  const groupsWithFigures = new Map<number, Set<string>>();
  for (const s of snapshots) {
    if (s.mentorGroup === "") continue;
    const set = groupsWithFigures.get(s.schoolId) ?? new Set<string>();
    set.add(s.mentorGroup);
    groupsWithFigures.set(s.schoolId, set);
  }
  // Only the latest snapshot of each series is shown whole.
  const latestIds = [...bySeries.values()].map((rows) => latestOf(rows)!.id);
  const whole = new Map((await listDddSnapshotsById(db, latestIds)).map((row) => [row.id, row]));
  const latestWholeOf = (rows: readonly DddSeriesRow[]) => {
    const latest = latestOf(rows);
    return latest ? (whole.get(latest.id) ?? null) : null;
  };
  const lastAck = new Map<string, Date>();
  for (const a of acks) lastAck.set(buildTargetKey(a.schoolId, a.mentorGroup), a.at);
  const dayOf = memoizeDayOf(options.calendar.zone);

  return schools.map((school) => {
    const totalRows = bySeries.get(buildTargetKey(school.id, "")) ?? [];
    const groupNames = new Set<string>([...school.mentors.keys(), ...(groupsWithFigures.get(school.id) ?? [])]);
    const groups: GroupView[] = [...groupNames].sort(compareGroups).map((mentorGroup) => {
      const rows = bySeries.get(buildTargetKey(school.id, mentorGroup)) ?? [];
      const latest = latestWholeOf(rows);
      const ackAt = lastAck.get(buildTargetKey(school.id, mentorGroup)) ?? null;
      return {
        mentorGroup,
        latest,
        points: toDailyPoints(rows, options.calendar.zone, dayOf),
        mentorIds: school.mentors.get(mentorGroup) ?? [],
        acknowledged: ackAt !== null && (!latest || ackAt.getTime() > latest.recordedAt.getTime()),
        acknowledgedAt: ackAt,
      };
    });
    const total = latestWholeOf(totalRows);
    const groupFigures = groups.map((g) => figuresOf(g.latest)).filter((f): f is DddFigures => f !== null);
    return {
      school,
      total,
      figures: figuresOf(total) ?? (groupFigures.length > 0 ? sumFigures(groupFigures) : null),
      points: toDailyPoints(totalRows, options.calendar.zone, dayOf),
      groups,
    };
  });
}

/** The planner's targets: one per school (its decanen) and one per mentor group. */
export function toCampaignTargets(views: readonly SchoolView[]): CampaignTarget[] {
  const targets: CampaignTarget[] = [];
  for (const view of views) {
    const schoolComplete = view.figures !== null && isComplete(view.figures);
    targets.push({ key: buildTargetKey(view.school.id), kind: "school", schoolId: view.school.id, mentorGroup: null, figures: view.figures, points: view.points });
    for (const group of view.groups) {
      targets.push({
        key: buildTargetKey(view.school.id, group.mentorGroup),
        kind: "groep",
        schoolId: view.school.id,
        mentorGroup: group.mentorGroup,
        figures: figuresOf(group.latest),
        points: group.points,
        schoolComplete,
        acknowledged: group.acknowledged,
      });
    }
  }
  return targets;
}
