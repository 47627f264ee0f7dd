import { isValidIsoDate, shiftIsoDate, type IsoDate } from "../calendar/index.js";

/**
 * A day (and optional time) as people type it in chat: "2027-03-18", "18-03-2027", "18/3",
 * "18 maart", "do 18 maart 2027", "vandaag", "morgen", each optionally followed by a time
 * ("9:30", "om 09:30"). A day without a year is taken in the school year of `today` (a date
 * from August to December in its first calendar year, January to July in its second).
 */
export type ParsedDay = { ok: true; day: IsoDate; time: string | null } | { ok: false; message: string };

const MONTHS: Record<string, number> = {
  januari: 1, jan: 1, februari: 2, feb: 2, maart: 3, mrt: 3, april: 4, apr: 4, mei: 5, juni: 6, jun: 6,
  juli: 7, jul: 7, augustus: 8, aug: 8, september: 9, sep: 9, sept: 9, oktober: 10, okt: 10, november: 11, nov: 11, december: 12, dec: 12,
};
const WEEKDAY_WORDS = /^(maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|ma|di|wo|do|vr|za|zo)\.?\s+/;

function schoolYearYear(month: number, today: IsoDate): number {
  const year = Number(today.slice(0, 4));
  const todayMonth = Number(today.slice(5, 7));
  const startYear = todayMonth >= 8 ? year : year - 1;
  return month >= 8 ? startYear : startYear + 1;
}

function build(year: number, month: number, day: number): IsoDate | null {
  const iso = `${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
  return isValidIsoDate(iso) ? iso : null;
}

export function parseDutchDay(text: string, today: IsoDate): ParsedDay {
  let rest = text.trim().toLowerCase().replace(/\s+/g, " ");
  let time: string | null = null;
  const timeMatch = /^(.+?)(?:\s+|t(?=\d))(?:om\s+)?(\d{1,2})[:.](\d{2})(?:\s*uur)?$/.exec(rest);
  if (timeMatch) {
    const hour = Number(timeMatch[2]);
    const minute = Number(timeMatch[3]);
    if (hour > 23 || minute > 59) return { ok: false, message: `'${timeMatch[2]}:${timeMatch[3]}' is geen geldige tijd.` };
    time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    rest = timeMatch[1]!.trim();
  }
  rest = rest.replace(WEEKDAY_WORDS, "");
  const fail = { ok: false as const, message: `'${text.trim()}' herken ik niet als datum. Gebruik bijvoorbeeld 18-03-2027, 2027-03-18 of 18 maart.` };
  let day: IsoDate | null = null;
  if (rest === "vandaag") day = today;
  else if (rest === "morgen") day = shiftIsoDate(today, 1);
  else {
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(rest))) day = build(Number(m[1]), Number(m[2]), Number(m[3]));
    else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(rest))) day = build(Number(m[3]), Number(m[2]), Number(m[1]));
    else if ((m = /^(\d{1,2})[-/.](\d{1,2})$/.exec(rest))) day = build(schoolYearYear(Number(m[2]), today), Number(m[2]), Number(m[1]));
    else if ((m = /^(\d{1,2}) ([a-z]+)\.?(?: (\d{4}))?$/.exec(rest)) && MONTHS[m[2]!] !== undefined) {
      const month = MONTHS[m[2]!]!;
      day = build(m[3] ? Number(m[3]) : schoolYearYear(month, today), month, Number(m[1]));
    } else return fail;
  }
  return day ? { ok: true, day, time } : fail;
}
