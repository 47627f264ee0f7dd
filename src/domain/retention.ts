import { DateTime } from "luxon";
import { AMSTERDAM_ZONE, formatSchoolYear, getSchoolYear, getSchoolYearBounds, parseSchoolYear } from "./calendar/index.js";

/**
 * The moment before which closed cases and their audit events are pruned: the start of the
 * oldest school year that is kept. With 2 school years, on 25 November 2026 (school year
 * 2026-2027) everything closed before 1 August 2025 goes.
 */
export function findRetentionCutoff(now: Date, schoolYearsKept: number): Date {
  const current = parseSchoolYear(getSchoolYear(now));
  return getSchoolYearBounds(formatSchoolYear(current.startYear - (schoolYearsKept - 1))).start;
}

/** A day of the school year, e.g. 1 November: { day: 1, month: 11 }. */
export type DayOfSchoolYear = { day: number; month: number };

/** How long before the deletion the owner of an overstap case hears about it. */
export const OVERSTAP_NOTICE_DAYS = 7;

/** Risks that are reported after the summer about the school year that has just begun. */
const REPORTED_AFTER_START = ["zomerlek", "niet-gestart", "niet-ingeschreven"];

/** The moment `day` begins within the school year that starts in `startYear`. */
function findDayInSchoolYear(startYear: number, day: DayOfSchoolYear, zone: string): Date {
  const inStartYear = DateTime.fromObject({ year: startYear, month: day.month, day: day.day }, { zone }).toJSDate();
  if (getSchoolYear(inStartYear, zone) === formatSchoolYear(startYear)) return inStartYear;
  return DateTime.fromObject({ year: startYear + 1, month: day.month, day: day.day }, { zone }).toJSDate();
}

/**
 * When an overstap case is deleted: the purpose ends once the pupil has started, or is known not
 * to have started, in the new school year, so on `deleteOn` (default 1 November) of the school
 * year in which the pupil was to start. That is the school year after the one in which the case
 * was opened (a pupil in the last year of the vo), except for summer-drop-out and enrolment
 * risks reported after the summer but before that day: they are about the year that just began.
 */
export function findOverstapDeletionDate(openedAt: Date, reason: string | null, deleteOn: DayOfSchoolYear, zone: string = AMSTERDAM_ZONE): Date {
  const opened = parseSchoolYear(getSchoolYear(openedAt, zone)).startYear;
  const thisYear = findDayInSchoolYear(opened, deleteOn, zone);
  const aboutThisYear = reason !== null && REPORTED_AFTER_START.includes(reason) && openedAt.getTime() < thisYear.getTime();
  return aboutThisYear ? thisYear : findDayInSchoolYear(opened + 1, deleteOn, zone);
}

export type OverstapRetentionPlan = { due: { id: number; deleteOn: Date }[]; notify: { id: number; deleteOn: Date }[] };

/** Which overstap cases go now, and whose owners hear that theirs goes within a week. */
export function planOverstapRetention(
  cases: readonly { id: number; openedAt: Date; overstapReason: string | null }[],
  now: Date,
  deleteOn: DayOfSchoolYear,
  zone: string = AMSTERDAM_ZONE,
): OverstapRetentionPlan {
  const plan: OverstapRetentionPlan = { due: [], notify: [] };
  for (const c of cases) {
    const date = findOverstapDeletionDate(c.openedAt, c.overstapReason, deleteOn, zone);
    const noticeFrom = DateTime.fromJSDate(date, { zone }).minus({ days: OVERSTAP_NOTICE_DAYS }).toJSDate();
    if (now.getTime() >= date.getTime()) plan.due.push({ id: c.id, deleteOn: date });
    else if (now.getTime() >= noticeFrom.getTime()) plan.notify.push({ id: c.id, deleteOn: date });
  }
  return plan;
}
