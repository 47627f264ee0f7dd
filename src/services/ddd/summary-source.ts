import type { Db } from "../../db/client.js";
import { listSchoolTotalSnapshots } from "../../db/ddd-progress.js";
import { getSchoolYearBounds, shiftIsoDate, toIsoDate, type IsoDate, type SchoolYearLabel } from "../../domain/calendar/index.js";
import { startOfDay } from "../../domain/dutch-date.js";
import { buildCampaignPlan, type PhaseTimingSettings } from "../../domain/ddd/campaign-plan.js";
import type { DddRegionProgress, DddSchoolProgress } from "../../domain/summary/types.js";
import type { WorkCalendar } from "../../domain/calendar/index.js";

/** The moment up to which rows are read: `asOf`, or earlier when the caller needs no point after `through` and the deadline. */
function readUntil(query: { asOf: Date; through?: IsoDate }, deadline: IsoDate, zone: string): Date {
  if (!query.through) return query.asOf;
  const lastDay = query.through > deadline ? query.through : deadline;
  // The last millisecond of that day in the zone: rows are compared by moment, points by day.
  const end = new Date(startOfDay(shiftIsoDate(lastDay, 1), zone).getTime() - 1);
  return end < query.asOf ? end : query.asOf;
}

/**
 * The weekly summary's DDD source (src/services/summary/sources.ts): per school the completed and
 * in-beeld counts over time, one point per day (the last snapshot of that day), as known at asOf.
 */
export function createDddSummarySource(calendar: WorkCalendar, settings: { deadline: string; campaignStart: string | null; timing?: PhaseTimingSettings }) {
  return async (db: Db, query: { schoolYear: SchoolYearLabel; asOf: Date; through?: IsoDate }): Promise<DddRegionProgress | null> => {
    if (getSchoolYearBounds(query.schoolYear).start > query.asOf) return null;
    const plan = buildCampaignPlan(query.schoolYear, calendar, { deadline: settings.deadline, start: settings.campaignStart, timing: settings.timing });
    const rows = await listSchoolTotalSnapshots(db, query.schoolYear, readUntil(query, plan.deadlineDay, calendar.zone));
    if (rows.length === 0) return null;
    const schools = new Map<number, DddSchoolProgress & { byDay: Map<string, DddSchoolProgress["series"][number]> }>();
    // The snapshots of one import share their moment: each moment becomes a day once (luxon is slow).
    const days = new Map<number, string>();
    for (const row of rows) {
      let school = schools.get(row.schoolId);
      if (!school) {
        school = { schoolId: row.schoolId, schoolNaam: row.schoolNaam, subregioId: row.subregioId ?? "onbekend", subregioNaam: row.subregioNaam ?? "onbekend", series: [], byDay: new Map() };
        schools.set(row.schoolId, school);
      }
      let on = days.get(row.recordedAt.getTime());
      if (on === undefined) days.set(row.recordedAt.getTime(), (on = toIsoDate(row.recordedAt, calendar.zone)));
      school.byDay.set(on, { on, overstappers: row.overstappers, completed: row.afgerond, inBeeld: row.inBeeld });
    }
    return {
      schoolYear: query.schoolYear,
      campaignStart: plan.startDay,
      deadline: plan.deadlineDay,
      schools: [...schools.values()].map(({ byDay, ...school }) => ({ ...school, series: [...byDay.values()] })),
    };
  };
}
