import { DateTime } from "luxon";
import { AppError, type ErrorCode } from "../../errors.js";

/**
 * Shared foundations of the calendar module (zone, calendar-day type, coded error) live here
 * because the school year is the module's most basic concept and every other calendar file
 * already depends on it; a separate file would only add an import hop.
 */

/** All wall-clock reasoning happens in this zone: the programme, its schools and its staff are all in Zuid-Limburg. */
export const AMSTERDAM_ZONE = "Europe/Amsterdam";

/**
 * A calendar day as "YYYY-MM-DD". Days are kept as strings rather than Dates because a Date is
 * an instant: "Tweede Paasdag" is a whole day in Amsterdam, not a moment, and ISO strings compare
 * correctly with `<`/`>` so ranges need no parsing.
 */
export type IsoDate = string;

/** A school year label such as "2026-2027". Branded so a random string cannot be passed by accident. */
export type SchoolYearLabel = string & { readonly __brand: "SchoolYearLabel" };

export type ParsedSchoolYear = {
  label: SchoolYearLabel;
  /** The calendar year in which the school year starts (1 August). */
  startYear: number;
  /** The calendar year in which the school year ends (31 July). */
  endYear: number;
};

export type CalendarErrorReason =
  | "INVALID_SCHOOL_YEAR"
  | "INVALID_DATE"
  | "INVALID_YEAR"
  | "INVALID_RANGE"
  | "INVALID_OFFICE_HOURS"
  | "INVALID_ZONE"
  | "INVALID_SCHOOL_HOLIDAYS"
  | "NO_WORKING_DAY";

/**
 * Calendar failures reuse the application's AppError (so the error sink handles them like any
 * other) and add a finer `reason`, because callers such as the admin CLI want to tell a typo in
 * a school year apart from a broken holiday file without parsing the message.
 */
export class CalendarError extends AppError {
  readonly reason: CalendarErrorReason;
  readonly details: readonly string[];

  constructor(
    reason: CalendarErrorReason,
    message: string,
    options?: { code?: ErrorCode; details?: readonly string[]; cause?: unknown },
  ) {
    super(options?.code ?? "VALIDATION", message, { userMessage: message, cause: options?.cause });
    this.name = "CalendarError";
    this.reason = reason;
    this.details = options?.details ?? [];
  }
}

export function isCalendarError(error: unknown): error is CalendarError {
  return error instanceof CalendarError;
}

const ISO_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar day in "YYYY-MM-DD" form (so "2027-02-30" is rejected). */
export function isValidIsoDate(value: string): boolean {
  if (!ISO_DATE_PATTERN.test(value)) return false;
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(Number(value.slice(0, 4)), month);
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

// Day arithmetic is plain UTC Date arithmetic, not luxon: the daily jobs and every card ask it
// thousands of times per run, and luxon's parse-and-format took a third of the reminder job's CPU.
const MS_PER_DAY = 86_400_000;

/** Milliseconds since the epoch at 00:00 UTC of a valid day (setUTCFullYear: Date.UTC maps years 0-99 to 1900-1999). */
function toUtcMs(day: IsoDate): number {
  const date = new Date(0);
  date.setUTCFullYear(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
  return date.getTime();
}

/** Throws a coded error unless `value` is a real "YYYY-MM-DD" day. */
export function assertIsoDate(value: string): IsoDate {
  if (!isValidIsoDate(value)) {
    throw new CalendarError("INVALID_DATE", `Ongeldige datum '${value}': verwacht JJJJ-MM-DD, bijvoorbeeld 2027-04-01.`);
  }
  return value;
}

/** The Amsterdam calendar day of an instant, or the day itself when a day is given. */
export function toIsoDate(input: Date | IsoDate, zone: string = AMSTERDAM_ZONE): IsoDate {
  if (typeof input === "string") return assertIsoDate(input);
  const ms = input.getTime();
  if (Number.isNaN(ms)) {
    throw new CalendarError("INVALID_DATE", "Ongeldige datum: het tijdstip is geen geldige datum.");
  }
  // Cards and jobs ask the day of the same few instants (an import's snapshots share one) over
  // and over; luxon's zone lookup per call was a tenth of a reminder run. Exact: keyed by instant.
  const key = `${zone}|${ms}`;
  const known = isoDateMemo.get(key);
  if (known !== undefined) return known;
  const day = DateTime.fromJSDate(input, { zone }).toISODate();
  if (day === null) {
    throw new CalendarError("INVALID_DATE", "Ongeldige datum: het tijdstip valt buiten het bereik van de kalender.");
  }
  if (isoDateMemo.size >= ISO_DATE_MEMO_SIZE) isoDateMemo.clear();
  isoDateMemo.set(key, day);
  return day;
}

const ISO_DATE_MEMO_SIZE = 10_000;
const isoDateMemo = new Map<string, IsoDate>();

/**
 * Moves a calendar day by whole days. Done in UTC because a day label has no time of day, so
 * DST (23- or 25-hour days in Amsterdam) must not be able to shift the result.
 */
export function shiftIsoDate(day: IsoDate, days: number): IsoDate {
  const shiftedMs = toUtcMs(assertIsoDate(day)) + days * MS_PER_DAY;
  const date = new Date(shiftedMs);
  const year = date.getUTCFullYear();
  // Years beyond 0-9999 (and fractional days) take luxon's path, so their results stay exactly as before.
  if (Number.isInteger(days) && year >= 0 && year <= 9999) {
    return `${String(year).padStart(4, "0")}-${String(date.getUTCMonth() + 1).padStart(2, "0")}-${String(date.getUTCDate()).padStart(2, "0")}`;
  }
  const shifted = DateTime.fromISO(day, { zone: "utc" }).plus({ days }).toISODate();
  if (shifted === null) {
    throw new CalendarError("INVALID_DATE", `Datum '${day}' plus ${days} dagen valt buiten het bereik van de kalender.`);
  }
  return shifted;
}

/** The same day `years` years on (or back); 29 February becomes the 28th in a common year. */
export function shiftIsoDateYears(day: IsoDate, years: number): IsoDate {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  const target = `${y + years}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}` as IsoDate;
  return m === 2 && d === 29 ? shiftIsoDate(`${y + years}-03-01` as IsoDate, -1) : target;
}

/** ISO weekday of a calendar day: 1 = Monday … 7 = Sunday. */
export function getIsoWeekday(day: IsoDate): number {
  return new Date(toUtcMs(assertIsoDate(day))).getUTCDay() || 7;
}

// A school year starts on 1 August: the Dutch school year formally runs 1 August – 31 July
// (WPO/WVO), even though the summer holiday straddles that boundary.
const SCHOOL_YEAR_START_MONTH = 8;
const SCHOOL_YEAR_PATTERN = /^(\d{4})-(\d{4})$/;

/** Builds the label for the school year starting in `startYear`. */
export function formatSchoolYear(startYear: number): SchoolYearLabel {
  if (!Number.isInteger(startYear) || startYear < 1000 || startYear > 9998) {
    throw new CalendarError("INVALID_SCHOOL_YEAR", `Ongeldig beginjaar voor een schooljaar: ${startYear}.`);
  }
  return `${startYear}-${startYear + 1}` as SchoolYearLabel;
}

/** The school year an instant (or day) falls in, judged on the Amsterdam calendar day. */
export function getSchoolYear(date: Date | IsoDate, zone: string = AMSTERDAM_ZONE): SchoolYearLabel {
  const day = toIsoDate(date, zone);
  const year = Number(day.slice(0, 4));
  const month = Number(day.slice(5, 7));
  return formatSchoolYear(month >= SCHOOL_YEAR_START_MONTH ? year : year - 1);
}

/** Validates a label like "2026-2027"; throws CalendarError INVALID_SCHOOL_YEAR otherwise. */
export function parseSchoolYear(label: string): ParsedSchoolYear {
  const trimmed = label.trim();
  const match = SCHOOL_YEAR_PATTERN.exec(trimmed);
  const startYear = match ? Number(match[1]) : Number.NaN;
  const endYear = match ? Number(match[2]) : Number.NaN;
  if (!match || endYear !== startYear + 1 || startYear < 1000) {
    throw new CalendarError(
      "INVALID_SCHOOL_YEAR",
      `Ongeldig schooljaar '${label}': verwacht twee opeenvolgende jaren als JJJJ-JJJJ, bijvoorbeeld 2026-2027.`,
    );
  }
  return { label: trimmed as SchoolYearLabel, startYear, endYear };
}

export function isSchoolYearLabel(value: string): value is SchoolYearLabel {
  try {
    parseSchoolYear(value);
    return value === value.trim();
  } catch {
    return false;
  }
}

/**
 * Start (inclusive) and end (exclusive) of a school year as instants: 1 August 00:00 Amsterdam
 * up to the next 1 August 00:00 Amsterdam. Exclusive end so ranges chain without gaps or overlap.
 */
export function getSchoolYearBounds(label: string, zone: string = AMSTERDAM_ZONE): { start: Date; end: Date } {
  const { startYear } = parseSchoolYear(label);
  const start = DateTime.fromObject({ year: startYear, month: SCHOOL_YEAR_START_MONTH, day: 1 }, { zone });
  const end = start.plus({ years: 1 });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** First and last calendar day (both inclusive) of a school year: "YYYY-08-01" … "YYYY+1-07-31". */
export function getSchoolYearDays(label: string): { firstDay: IsoDate; lastDay: IsoDate } {
  const { startYear, endYear } = parseSchoolYear(label);
  return { firstDay: `${startYear}-08-01`, lastDay: `${endYear}-07-31` };
}

/** All school years from `fromLabel` up to and including `toLabel`, in order. */
export function listSchoolYears(fromLabel: string, toLabel: string): SchoolYearLabel[] {
  const from = parseSchoolYear(fromLabel);
  const to = parseSchoolYear(toLabel);
  if (to.startYear < from.startYear) {
    throw new CalendarError(
      "INVALID_RANGE",
      `Ongeldige reeks schooljaren: ${to.label} ligt vóór ${from.label}.`,
    );
  }
  const labels: SchoolYearLabel[] = [];
  for (let year = from.startYear; year <= to.startYear; year++) labels.push(formatSchoolYear(year));
  return labels;
}
