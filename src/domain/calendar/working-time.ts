import { DateTime, IANAZone } from "luxon";
import { getPublicHolidays, type PublicHoliday } from "./public-holidays.js";
import { findSchoolHolidays, type SchoolHoliday } from "./school-holidays.js";
import {
  AMSTERDAM_ZONE,
  CalendarError,
  getIsoWeekday,
  getSchoolYear,
  isSchoolYearLabel,
  shiftIsoDate,
  toIsoDate,
  type IsoDate,
  type SchoolYearLabel,
} from "./school-year.js";

/**
 * Working time as the programme experiences it: staff at schools are off in weekends, on public
 * holidays and during school holidays, so the bot neither sends messages then nor counts those
 * days towards deadlines. Messages outside working time are deferred, never dropped.
 *
 * Office hours are wall-clock times in the calendar's zone, so "08:00" stays 08:00 in
 * Amsterdam on both sides of a DST change (07:00 UTC in winter, 06:00 UTC in summer).
 */

export type OfficeHours = {
  /** "HH:MM", inclusive. */
  start: string;
  /** "HH:MM", exclusive: at exactly the end time the office is closed. */
  end: string;
};

export type WorkCalendarOptions = {
  schoolHolidays?: readonly SchoolHoliday[];
  /**
   * School years for which holiday data exists. Defaults to the years that occur in
   * `schoolHolidays`; pass it explicitly when a listed year has no holidays at all.
   */
  coveredSchoolYears?: readonly string[];
  officeHours?: OfficeHours;
  zone?: string;
  /** Replaceable so tests or another country can supply their own rules; defaults to the Dutch ones. */
  publicHolidays?: (year: number) => readonly PublicHoliday[];
};

export type WorkCalendar = {
  readonly zone: string;
  readonly officeHours: Readonly<OfficeHours>;
  readonly schoolHolidays: readonly SchoolHoliday[];
  readonly coveredSchoolYears: readonly SchoolYearLabel[];
  /** Public holidays of a year, computed on first use and then remembered. */
  getPublicHolidays(year: number): readonly PublicHoliday[];
};

export const DEFAULT_OFFICE_HOURS: Readonly<OfficeHours> = Object.freeze({ start: "08:00", end: "17:00" });

// Bounds every day-by-day search. Two years is far longer than any real run of non-working days
// (the summer holiday is about 6 weeks), so hitting it means the calendar data is broken, and
// failing loudly beats looping forever.
const MAX_NON_WORKING_RUN_DAYS = 731;

const CLOCK_TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

type ClockTime = { hour: number; minute: number };

function parseClockTime(value: string, which: "begintijd" | "eindtijd"): ClockTime {
  const match = CLOCK_TIME_PATTERN.exec(value);
  if (!match) {
    throw new CalendarError("INVALID_OFFICE_HOURS", `Ongeldige ${which} van de kantooruren '${value}': verwacht HH:MM, bijvoorbeeld 08:00.`);
  }
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

function toMinutes(time: ClockTime): number {
  return time.hour * 60 + time.minute;
}

export function createWorkCalendar(options: WorkCalendarOptions = {}): WorkCalendar {
  const zone = options.zone ?? AMSTERDAM_ZONE;
  if (!IANAZone.isValidZone(zone)) {
    throw new CalendarError("INVALID_ZONE", `Onbekende tijdzone '${zone}'.`);
  }
  const officeHours = options.officeHours ?? DEFAULT_OFFICE_HOURS;
  const start = parseClockTime(officeHours.start, "begintijd");
  const end = parseClockTime(officeHours.end, "eindtijd");
  if (toMinutes(end) <= toMinutes(start)) {
    throw new CalendarError(
      "INVALID_OFFICE_HOURS",
      `Ongeldige kantooruren ${officeHours.start}-${officeHours.end}: de eindtijd moet na de begintijd liggen.`,
    );
  }

  const schoolHolidays = Object.freeze([...(options.schoolHolidays ?? [])]);
  const coveredLabels = options.coveredSchoolYears ?? schoolHolidays.map((holiday) => holiday.schoolYear);
  for (const label of coveredLabels) {
    if (!isSchoolYearLabel(label)) {
      throw new CalendarError("INVALID_SCHOOL_YEAR", `Ongeldig schooljaar '${label}' in de schoolvakantiegegevens.`);
    }
  }
  const coveredSchoolYears = Object.freeze([...new Set(coveredLabels)].sort() as SchoolYearLabel[]);

  const computePublicHolidays = options.publicHolidays ?? getPublicHolidays;
  // Memoised because working-day arithmetic asks for the same year for every day it inspects.
  const publicHolidayCache = new Map<number, readonly PublicHoliday[]>();

  return Object.freeze({
    zone,
    officeHours: Object.freeze({ start: officeHours.start, end: officeHours.end }),
    schoolHolidays,
    coveredSchoolYears,
    getPublicHolidays(year: number): readonly PublicHoliday[] {
      let holidays = publicHolidayCache.get(year);
      if (holidays === undefined) {
        holidays = Object.freeze([...computePublicHolidays(year)]);
        publicHolidayCache.set(year, holidays);
      }
      return holidays;
    },
  });
}

function findPublicHolidaysOn(day: IsoDate, cal: WorkCalendar): readonly PublicHoliday[] {
  return cal.getPublicHolidays(Number(day.slice(0, 4))).filter((holiday) => holiday.date === day);
}

function isWeekend(day: IsoDate): boolean {
  return getIsoWeekday(day) >= 6;
}

// Working-day arithmetic asks about the same days over and over (every daily job, every round
// plan walks days one by one); a calendar is immutable, so each day's answer is kept per calendar.
const nonWorkingDayMemo = new WeakMap<WorkCalendar, Map<IsoDate, string | null>>();

/** True when `date` (an instant, judged on its Amsterdam day, or a "YYYY-MM-DD" day) is a working day. */
export function isWorkingDay(date: Date | IsoDate, cal: WorkCalendar): boolean {
  return describeNonWorkingDay(date, cal) === null;
}

/**
 * Why a day is not a working day, in Dutch, or null when it is one. The most specific reason
 * wins: a public holiday ("Tweede Paasdag"), then a school holiday ("voorjaarsvakantie
 * (carnaval)"), then "weekend"; so Eerste Paasdag on a Sunday is reported by its name.
 */
export function describeNonWorkingDay(date: Date | IsoDate, cal: WorkCalendar): string | null {
  const day = toIsoDate(date, cal.zone);
  let known = nonWorkingDayMemo.get(cal);
  if (known === undefined) nonWorkingDayMemo.set(cal, (known = new Map()));
  let reason = known.get(day);
  if (reason === undefined) known.set(day, (reason = findNonWorkingReason(day, cal)));
  return reason;
}

function findNonWorkingReason(day: IsoDate, cal: WorkCalendar): string | null {
  const publicHolidays = findPublicHolidaysOn(day, cal);
  if (publicHolidays.length > 0) return publicHolidays.map((holiday) => holiday.name).join(" en ");
  const [schoolHoliday] = findSchoolHolidays(day, cal.schoolHolidays);
  if (schoolHoliday !== undefined) return schoolHoliday.name;
  if (isWeekend(day)) return "weekend";
  return null;
}

/**
 * Whether school holiday data exists for the day. Callers can warn the beheerder when this is
 * false, because without data the bot would treat e.g. a summer holiday as normal working days.
 */
export function hasSchoolHolidayData(date: Date | IsoDate, cal: WorkCalendar): boolean {
  const day = toIsoDate(date, cal.zone);
  if (cal.coveredSchoolYears.includes(getSchoolYear(day))) return true;
  return findSchoolHolidays(day, cal.schoolHolidays).length > 0;
}

function atClockTime(day: IsoDate, time: ClockTime, zone: string): DateTime {
  const [year, month, dayOfMonth] = day.split("-").map(Number);
  return DateTime.fromObject({ year, month, day: dayOfMonth, hour: time.hour, minute: time.minute }, { zone });
}

/** Opening and closing instant of the office on a calendar day, as wall-clock time in the calendar's zone. */
export function getOfficeWindow(day: Date | IsoDate, cal: WorkCalendar): { start: Date; end: Date } {
  const isoDay = toIsoDate(day, cal.zone);
  return {
    start: atClockTime(isoDay, parseClockTime(cal.officeHours.start, "begintijd"), cal.zone).toJSDate(),
    end: atClockTime(isoDay, parseClockTime(cal.officeHours.end, "eindtijd"), cal.zone).toJSDate(),
  };
}

/** True when `now` is on a working day and within office hours (start inclusive, end exclusive). */
export function isWithinOfficeHours(now: Date, cal: WorkCalendar): boolean {
  if (!isWorkingDay(now, cal)) return false;
  const { start, end } = getOfficeWindow(now, cal);
  return start.getTime() <= now.getTime() && now.getTime() < end.getTime();
}

/** The first working day on or after `day` (step +1) or on or before it (step -1). */
function findWorkingDay(day: IsoDate, step: 1 | -1, cal: WorkCalendar): IsoDate {
  let candidate = day;
  for (let checked = 0; checked <= MAX_NON_WORKING_RUN_DAYS; checked++) {
    if (isWorkingDay(candidate, cal)) return candidate;
    candidate = shiftIsoDate(candidate, step);
  }
  throw new CalendarError(
    "NO_WORKING_DAY",
    `Geen werkdag gevonden binnen ${MAX_NON_WORKING_RUN_DAYS} dagen ${step === 1 ? "na" : "vóór"} ${day}; controleer het schoolvakantiebestand.`,
  );
}

/**
 * When a message created at `now` may be sent: `now` itself during office hours on a working
 * day, otherwise the start of office hours on the next working day (today, if the office has not
 * opened yet). Never returns a moment before `now`, so nothing is dropped, only deferred.
 */
export function nextSendMoment(now: Date, cal: WorkCalendar): Date {
  const today = toIsoDate(now, cal.zone);
  if (isWorkingDay(today, cal)) {
    const { start, end } = getOfficeWindow(today, cal);
    if (now.getTime() < start.getTime()) return start;
    if (now.getTime() < end.getTime()) return new Date(now.getTime());
  }
  return getOfficeWindow(findWorkingDay(shiftIsoDate(today, 1), 1, cal), cal).start;
}

/** Moves a calendar day by `n` working days; see `addWorkingDays`. */
function addWorkingDaysToDay(day: IsoDate, n: number, cal: WorkCalendar): IsoDate {
  if (!Number.isInteger(n)) {
    throw new CalendarError("INVALID_RANGE", `Aantal werkdagen moet een geheel getal zijn, niet ${n}.`);
  }
  const step = n < 0 ? -1 : 1;
  let remaining = Math.abs(n);
  let current = day;
  while (remaining > 0) {
    current = findWorkingDay(shiftIsoDate(current, step), step, cal);
    remaining--;
  }
  return current;
}

/**
 * Moves `date` by `n` working days (negative: backwards). Non-working days are skipped and not
 * counted; the start day itself is never counted, and n = 0 returns the date unchanged.
 * For an instant the Amsterdam wall-clock time is kept (a 17:00 deadline gives a 17:00
 * reminder, also across DST); for a "YYYY-MM-DD" day a day is returned.
 *
 * Example: 3 working days before Thursday 1 April 2027 is Friday 26 March 2027, because
 * Tweede Paasdag (29 March) and the weekend do not count.
 */
export function addWorkingDays(date: Date, n: number, cal: WorkCalendar): Date;
export function addWorkingDays(date: IsoDate, n: number, cal: WorkCalendar): IsoDate;
export function addWorkingDays(date: Date | IsoDate, n: number, cal: WorkCalendar): Date | IsoDate {
  const targetDay = addWorkingDaysToDay(toIsoDate(date, cal.zone), n, cal);
  if (typeof date === "string") return targetDay;
  const local = DateTime.fromJSDate(date, { zone: cal.zone });
  const [year, month, day] = targetDay.split("-").map(Number);
  // Rebuild from the target day plus the original wall-clock time instead of adding 24-hour
  // steps, so DST changes in between cannot shift the time of day.
  return DateTime.fromObject(
    { year, month, day, hour: local.hour, minute: local.minute, second: local.second, millisecond: local.millisecond },
    { zone: cal.zone },
  ).toJSDate();
}

/**
 * The number of working days after `a` up to and including `b` (negative when `b` lies before
 * `a`). Chosen so that countWorkingDaysBetween(d, addWorkingDays(d, n)) === n for n >= 0,
 * e.g. "how many working days are left until the deadline". Judged on Amsterdam days.
 */
export function countWorkingDaysBetween(a: Date | IsoDate, b: Date | IsoDate, cal: WorkCalendar): number {
  const from = toIsoDate(a, cal.zone);
  const to = toIsoDate(b, cal.zone);
  if (to < from) return -countWorkingDaysBetween(to, from, cal);
  let count = 0;
  for (let day = shiftIsoDate(from, 1); day <= to; day = shiftIsoDate(day, 1)) {
    if (isWorkingDay(day, cal)) count++;
  }
  return count;
}

/** All working days from `from` to `to`, both inclusive; empty when `to` lies before `from`. */
export function listWorkingDays(from: Date | IsoDate, to: Date | IsoDate, cal: WorkCalendar): IsoDate[] {
  const first = toIsoDate(from, cal.zone);
  const last = toIsoDate(to, cal.zone);
  const days: IsoDate[] = [];
  for (let day = first; day <= last; day = shiftIsoDate(day, 1)) {
    if (isWorkingDay(day, cal)) days.push(day);
  }
  return days;
}

/**
 * The first working day of a month (month 1-12). When the whole month is non-working (August
 * 2028 lies entirely in the Zuid summer holiday) the result rolls into the next month: a
 * monthly task is deferred, never skipped.
 */
export function firstWorkingDayOfMonth(year: number, month: number, cal: WorkCalendar): IsoDate {
  if (!Number.isInteger(year) || year < 1583 || year > 9999 || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new CalendarError("INVALID_DATE", `Ongeldige maand ${year}-${month}: verwacht een jaar en een maand van 1 t/m 12.`);
  }
  return findWorkingDay(`${year}-${String(month).padStart(2, "0")}-01`, 1, cal);
}
