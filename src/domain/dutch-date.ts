import { DateTime } from "luxon";
import { AMSTERDAM_ZONE, type IsoDate } from "./calendar/index.js";
import { containsBsn, findEmailAddresses } from "./free-text.js";

/**
 * Dates as Dutch school staff type them: "12-3-2027", "12/3", "2027-03-12", "12 maart",
 * "12 mrt 2027", "morgen", "vrijdag", "volgende week maandag", "over 2 weken". A date without a
 * year means its next occurrence (today included), or with `withoutYear: "school-year"` the day
 * in the school year of today (August to December in its first calendar year, January to July in
 * its second: for looking back as well as ahead). Returns null when the text is not a date, so
 * the caller can answer with an example instead of guessing.
 */
export type YearPolicy = "next-occurrence" | "school-year";

/**
 * "'binnenkort' herken ik niet als datum.": what was typed is quoted back so a typo is easy to
 * see, unless it could be pupil data (a BSN or an e-mail address typed in the wrong place) or is
 * too long to be a date: then the answer does not repeat it.
 */
export function describeUnreadableDate(text: string): string {
  const typed = text.trim();
  if (typed.length > 40 || containsBsn(typed) || findEmailAddresses(typed).length > 0) return "Die datum herken ik niet.";
  return `'${typed}' herken ik niet als datum.`;
}

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, maart: 3, mrt: 3, mar: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, oct: 10, november: 11, nov: 11, december: 12, dec: 12,
};

const WEEKDAYS: Record<string, number> = {
  maandag: 1, ma: 1, dinsdag: 2, di: 2, woensdag: 3, wo: 3, donderdag: 4, do: 4, vrijdag: 5, vr: 5, zaterdag: 6, za: 6, zondag: 7, zo: 7,
};

const NUMBER_WORDS: Record<string, number> = { een: 1, één: 1, twee: 2, drie: 3, vier: 4, vijf: 5, zes: 6, zeven: 7, acht: 8, negen: 9, tien: 10 };

function build(year: number, month: number, day: number, zone: string): DateTime | null {
  const date = DateTime.fromObject({ year, month, day }, { zone });
  return date.isValid ? date : null;
}

/** Day and month without a year: this year if still to come (or today), otherwise next year. */
function nextOccurrence(month: number, day: number, today: DateTime): DateTime | null {
  const thisYear = build(today.year, month, day, today.zoneName ?? AMSTERDAM_ZONE);
  if (thisYear && thisYear >= today.startOf("day")) return thisYear;
  return build(today.year + 1, month, day, today.zoneName ?? AMSTERDAM_ZONE);
}

function expandYear(year: number): number {
  return year < 100 ? 2000 + year : year;
}

function toIso(date: DateTime | null): IsoDate | null {
  return date ? (date.toISODate() as IsoDate) : null;
}

/** Day and month without a year, in the school year (1 August to 31 July) that today falls in. */
function inSchoolYear(month: number, day: number, today: DateTime): DateTime | null {
  const startYear = today.month >= 8 ? today.year : today.year - 1;
  return build(month >= 8 ? startYear : startYear + 1, month, day, today.zoneName ?? AMSTERDAM_ZONE);
}

export function parseDutchDate(input: string, now: Date, zone: string = AMSTERDAM_ZONE, options: { withoutYear?: YearPolicy } = {}): IsoDate | null {
  const text = input.trim().toLowerCase().replace(/\s+/g, " ").replace(/[.,!?]+$/, "").replace(/^(op|per|tot|t\/m) /, "").replace(/^([a-z]{2})\. /, "$1 ");
  const today = DateTime.fromJSDate(now, { zone }).startOf("day");
  const withoutYear = options.withoutYear === "school-year" ? inSchoolYear : nextOccurrence;
  let m: RegExpExecArray | null;

  if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text))) return toIso(build(Number(m[1]), Number(m[2]), Number(m[3]), zone));
  if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$/.exec(text))) return toIso(build(expandYear(Number(m[3])), Number(m[2]), Number(m[1]), zone));
  if ((m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(text))) return toIso(withoutYear(Number(m[2]), Number(m[1]), today));
  if ((m = /^(?:[a-z]+ )?(\d{1,2}) ([a-z]+)(?: (\d{4}))?$/.exec(text)) && MONTHS[m[2]!]) {
    // "12 maart", "vrijdag 12 maart 2027"
    const month = MONTHS[m[2]!]!;
    return toIso(m[3] ? build(Number(m[3]), month, Number(m[1]), zone) : withoutYear(month, Number(m[1]), today));
  }
  if (text === "vandaag") return toIso(today);
  if (text === "morgen") return toIso(today.plus({ days: 1 }));
  if (text === "overmorgen") return toIso(today.plus({ days: 2 }));
  if (text === "volgende week") return toIso(today.startOf("week").plus({ weeks: 1 }));
  if ((m = /^over (\d+|[a-zé]+) (dag|dagen|week|weken|maand|maanden)$/.exec(text))) {
    const n = /^\d+$/.test(m[1]!) ? Number(m[1]) : NUMBER_WORDS[m[1]!];
    if (!n) return null;
    const unit = m[2]!.startsWith("dag") ? "days" : m[2]!.startsWith("we") ? "weeks" : "months";
    return toIso(today.plus({ [unit]: n }));
  }
  if ((m = /^(?:volgende week ([a-z]+)|([a-z]+) volgende week|volgende ([a-z]+))$/.exec(text))) {
    const weekday = WEEKDAYS[(m[1] ?? m[2] ?? m[3])!];
    if (!weekday) return null;
    if (m[3]) return toIso(nextWeekday(today, weekday));
    return toIso(today.startOf("week").plus({ weeks: 1, days: weekday - 1 }));
  }
  if ((m = /^(?:aanstaande |komende )?([a-z]+)$/.exec(text)) && WEEKDAYS[m[1]!]) return toIso(nextWeekday(today, WEEKDAYS[m[1]!]!));
  return null;
}

/** The first such weekday after today ("vrijdag" on a Friday is next Friday). */
function nextWeekday(today: DateTime, weekday: number): DateTime {
  const ahead = (weekday - today.weekday + 7) % 7 || 7;
  return today.plus({ days: ahead });
}

export type ParsedDayTime = { ok: true; day: IsoDate; time: string | null } | { ok: false; message: string };

/**
 * A day with an optional time ("morgen 9:30", "18 maart om 10.15 uur", "2027-03-18T09:00"), for
 * looking at any day of the school year: a day without a year is taken in today's school year.
 */
export function parseDutchDayTime(input: string, now: Date, zone: string = AMSTERDAM_ZONE): ParsedDayTime {
  let rest = input.trim().toLowerCase().replace(/\s+/g, " ");
  let time: string | null = null;
  const timeMatch = /^(.+?)(?:\s+|t(?=\d))(?:om\s+)?(\d{1,2})[:.](\d{2})(?:\s*uur)?$/.exec(rest);
  if (timeMatch) {
    const hour = Number(timeMatch[2]);
    const minute = Number(timeMatch[3]);
    if (hour > 23 || minute > 59) return { ok: false, message: `'${timeMatch[2]}:${timeMatch[3]}' is geen geldige tijd.` };
    time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    rest = timeMatch[1]!.trim();
  }
  const day = parseDutchDate(rest, now, zone, { withoutYear: "school-year" });
  if (day === null) return { ok: false, message: `${describeUnreadableDate(input)} Gebruik bijvoorbeeld 18-03-2027, 2027-03-18 of 18 maart.` };
  return { ok: true, day, time };
}

/** "12-03-2027", the way dates are shown back to users. */
export function formatDutchDate(date: Date | IsoDate, zone: string = AMSTERDAM_ZONE): string {
  const dt = typeof date === "string" ? DateTime.fromISO(date, { zone }) : DateTime.fromJSDate(date, { zone });
  return dt.toFormat("dd-MM-yyyy");
}

/** "3 december 2026", for a date in a sentence. */
export function formatLongDutchDate(date: Date, zone: string = AMSTERDAM_ZONE): string {
  return DateTime.fromJSDate(date, { zone }).setLocale("nl").toFormat("d MMMM yyyy");
}

/** "12-03-2027 08:00", for history lines. */
export function formatDutchDateTime(date: Date, zone: string = AMSTERDAM_ZONE): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("dd-MM-yyyy HH:mm");
}

/** The moment a day starts in Amsterdam: a pause "tot 12 maart" ends when 12 March begins. */
export function startOfDay(day: IsoDate, zone: string = AMSTERDAM_ZONE): Date {
  return DateTime.fromISO(day, { zone }).startOf("day").toJSDate();
}
