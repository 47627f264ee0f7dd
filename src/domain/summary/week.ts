import { DateTime } from "luxon";
import { AMSTERDAM_ZONE, isSchoolYearLabel, isWorkingDay, parseSchoolYear, shiftIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../calendar/index.js";

/**
 * Which week a summary belongs to and when it is due. A summary is one per ISO week, named by
 * its school year and week number ("week 12 van 2026-2027"). Weeks 31-53 belong to the school
 * year that starts in their ISO year, weeks 1-30 to the one that ends in it: so a week number
 * is unique within a school year (week 31 always holds 1 August or lies after it), and
 * `samenvatting week 12` needs no year.
 */
export type SummarySchedule = { weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; time: string };

export type SummaryWeek = { schoolYear: SchoolYearLabel; week: number; weekYear: number; weekStart: IsoDate };

/** After this long past its due moment a posting counts as late ("later verstuurd"). */
export const LATE_AFTER_MINUTES = 30;

const FIRST_WEEK_OF_SCHOOL_YEAR = 31;

function schoolYearOfWeek(weekYear: number, week: number): SchoolYearLabel {
  const start = week >= FIRST_WEEK_OF_SCHOOL_YEAR ? weekYear : weekYear - 1;
  return `${start}-${start + 1}` as SchoolYearLabel;
}

/** The summary week an instant (judged in Amsterdam) or a day falls in. */
export function getSummaryWeek(at: Date | IsoDate, zone: string = AMSTERDAM_ZONE): SummaryWeek {
  const local = typeof at === "string" ? DateTime.fromISO(at, { zone }) : DateTime.fromJSDate(at, { zone });
  return {
    schoolYear: schoolYearOfWeek(local.weekYear, local.weekNumber),
    week: local.weekNumber,
    weekYear: local.weekYear,
    weekStart: local.startOf("week").toISODate()!,
  };
}

/** Week `week` of a school year, or null when that year has no such week (53 in most years). */
export function findSummaryWeek(schoolYear: string, week: number): SummaryWeek | null {
  if (!isSchoolYearLabel(schoolYear) || !Number.isInteger(week) || week < 1 || week > 53) return null;
  const { startYear, endYear } = parseSchoolYear(schoolYear);
  const weekYear = week >= FIRST_WEEK_OF_SCHOOL_YEAR ? startYear : endYear;
  const monday = DateTime.fromObject({ weekYear, weekNumber: week, weekday: 1 }, { zone: AMSTERDAM_ZONE });
  if (!monday.isValid || monday.weekNumber !== week || monday.weekYear !== weekYear) return null;
  return { schoolYear: schoolYear as SchoolYearLabel, week, weekYear, weekStart: monday.toISODate()! };
}

function atTime(day: IsoDate, time: string, zone: string): Date {
  const [hour, minute] = time.split(":").map(Number);
  return DateTime.fromISO(day, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toJSDate();
}

/**
 * When the summary of the week starting `weekStart` is due: the configured weekday at the
 * configured time, or, when that day is a public or school holiday, the next working day of the
 * same week at that time (Tweede Paasdag moves it to Tuesday). Null when no working day is left
 * in the week (a school holiday week): nobody reads a summary then, so none is made.
 */
export function findSummaryDueMoment(weekStart: IsoDate, schedule: SummarySchedule, calendar: WorkCalendar): Date | null {
  for (let weekday = schedule.weekday; weekday <= 7; weekday++) {
    const day = shiftIsoDate(weekStart, weekday - 1);
    if (isWorkingDay(day, calendar)) return atTime(day, schedule.time, calendar.zone);
  }
  return null;
}

/** The due moment of the last earlier week that had one (at most 12 weeks back: the summer holiday is shorter). */
export function findPreviousDueMoment(weekStart: IsoDate, schedule: SummarySchedule, calendar: WorkCalendar): Date | null {
  for (let back = 1; back <= 12; back++) {
    const due = findSummaryDueMoment(shiftIsoDate(weekStart, -7 * back), schedule, calendar);
    if (due) return due;
  }
  return null;
}

export type WeeklySummaryDecision =
  | { kind: "geen-werkdag"; week: SummaryWeek; reason: string }
  | { kind: "vakantieweek"; week: SummaryWeek }
  | { kind: "nog-niet"; week: SummaryWeek; dueAt: Date }
  | { kind: "verschuldigd"; week: SummaryWeek; dueAt: Date; late: boolean };

/**
 * What the daily `weekly-summary` run at `now` should do about this week's summary (whether it
 * already exists is the caller's business: the database knows). Only on working days: a bot
 * that was down all week does not post on Saturday; the next week's summary is the news then.
 */
export function decideWeeklySummary(now: Date, schedule: SummarySchedule, calendar: WorkCalendar): WeeklySummaryDecision {
  const week = getSummaryWeek(now, calendar.zone);
  const dueAt = findSummaryDueMoment(week.weekStart, schedule, calendar);
  if (!dueAt) return { kind: "vakantieweek", week };
  if (!isWorkingDay(now, calendar)) return { kind: "geen-werkdag", week, reason: "vandaag is geen werkdag" };
  if (now.getTime() < dueAt.getTime()) return { kind: "nog-niet", week, dueAt };
  return { kind: "verschuldigd", week, dueAt, late: isLatePosting(dueAt, now) };
}

export function isLatePosting(dueAt: Date, postedAt: Date): boolean {
  return postedAt.getTime() - dueAt.getTime() > LATE_AFTER_MINUTES * 60_000;
}

/** The message key of a week's summary card (and of its follow-up parts): one per week, ever. */
export function buildSummaryMessageKey(week: { schoolYear: string; week: number }, part = 0): string {
  const base = `samenvatting-${week.schoolYear}-w${String(week.week).padStart(2, "0")}`;
  return part === 0 ? base : `${base}-deel-${part + 1}`;
}
