import { CalendarError, getIsoWeekday, shiftIsoDate, type IsoDate } from "./school-year.js";

export type PublicHoliday = {
  date: IsoDate;
  /** Dutch name as shown to users, e.g. "Tweede Paasdag". */
  name: string;
};

// The Gregorian Easter computus is only meaningful from 1583; the upper bound keeps dates in
// four-digit ISO form.
const MIN_YEAR = 1583;
const MAX_YEAR = 9999;

function assertYear(year: number): void {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new CalendarError("INVALID_YEAR", `Ongeldig jaar ${year}: feestdagen zijn te berekenen voor ${MIN_YEAR} t/m ${MAX_YEAR}.`);
  }
}

function formatDay(year: number, month: number, day: number): IsoDate {
  return `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
}

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). Pure integer
 * arithmetic, so it needs no table and works for any Gregorian year.
 */
export function calculateEasterSunday(year: number): IsoDate {
  assertYear(year);
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return formatDay(year, month, day);
}

/**
 * Koningsdag is the King's birthday, 27 April; when that is a Sunday it moves to Saturday
 * 26 April (Wet vaststelling Koningsdag). The pre-2014 Koninginnedag (30 April) is deliberately
 * not modelled: the bot only plans forward.
 */
function calculateKingsDay(year: number): IsoDate {
  const april27 = formatDay(year, 4, 27);
  return getIsoWeekday(april27) === 7 ? formatDay(year, 4, 26) : april27;
}

/**
 * Bevrijdingsdag (5 May) is a recognised holiday every year, but education CAOs (and most
 * employers) only give it off in lustrum years. Because the bot must not stay silent on a
 * normal working day, it counts only when year % 5 === 0.
 */
function isLiberationDayOff(year: number): boolean {
  return year % 5 === 0;
}

/**
 * Dutch public holidays on which staff are generally off, sorted by date.
 *
 * Goede Vrijdag is intentionally missing: it is not a general day off (it is not in the
 * Algemene termijnenwet and the education CAOs do not grant it), so whether a school is closed
 * that day depends on the school. Counting it would make the bot postpone deadlines and
 * messages for the majority who do work. A region where schools are closed that day (Limburg)
 * lists it as an extra day off in its region file (src/data/regio-*.yaml).
 */
export function getPublicHolidays(year: number): PublicHoliday[] {
  assertYear(year);
  const easter = calculateEasterSunday(year);
  const holidays: PublicHoliday[] = [
    { date: formatDay(year, 1, 1), name: "Nieuwjaarsdag" },
    { date: easter, name: "Eerste Paasdag" },
    { date: shiftIsoDate(easter, 1), name: "Tweede Paasdag" },
    { date: calculateKingsDay(year), name: "Koningsdag" },
    { date: shiftIsoDate(easter, 39), name: "Hemelvaartsdag" },
    { date: shiftIsoDate(easter, 49), name: "Eerste Pinksterdag" },
    { date: shiftIsoDate(easter, 50), name: "Tweede Pinksterdag" },
    { date: formatDay(year, 12, 25), name: "Eerste Kerstdag" },
    { date: formatDay(year, 12, 26), name: "Tweede Kerstdag" },
  ];
  if (isLiberationDayOff(year)) holidays.push({ date: formatDay(year, 5, 5), name: "Bevrijdingsdag" });
  // Stable sort keeps the listed order when two holidays share a day (Hemelvaartsdag can fall on 5 May).
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

/** The public holidays on one calendar day (usually none, at most two). */
export function findPublicHolidays(day: IsoDate): PublicHoliday[] {
  const year = Number(day.slice(0, 4));
  return getPublicHolidays(year).filter((holiday) => holiday.date === day);
}
