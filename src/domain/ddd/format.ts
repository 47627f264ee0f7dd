import type { IsoDate } from "../calendar/index.js";
import { getIsoWeekday } from "../calendar/index.js";

/**
 * Dutch date words for cards and messages. Written out instead of Intl so the text is the same
 * on every machine (ICU data differs between Node builds) and tests can assert it exactly.
 */
const MONTHS = ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
const WEEKDAYS = ["maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];

/** "18 februari" */
export function formatDayMonth(day: IsoDate): string {
  return `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]}`;
}

/** "donderdag 18 februari" */
export function formatWeekdayDayMonth(day: IsoDate): string {
  return `${WEEKDAYS[getIsoWeekday(day) - 1]} ${formatDayMonth(day)}`;
}

/**
 * A count with a Dutch decimal comma and at most one decimal: 2,5 / 12. A positive rate that
 * would round to 0 reads "minder dan 0,1": "0 dossiers per werkdag" while some are open misleads.
 */
export function formatRate(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  if (value > 0 && rounded === 0) return "minder dan 0,1";
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1).replace(".", ",");
}

/** "1 leerling" / "3 leerlingen" and the like. */
export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first word of a name, for a greeting ("Hallo Alex"); null without a name. */
export function firstName(naam: string | null | undefined): string | null {
  const first = naam?.trim().split(/\s+/)[0];
  return first ? first : null;
}
