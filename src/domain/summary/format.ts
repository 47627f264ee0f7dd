import { DateTime } from "luxon";
import { AMSTERDAM_ZONE, type IsoDate } from "../calendar/index.js";
import type { IndicatorRow, KpiStatus, KpiUnit, SummaryData, SummaryPeriod } from "./types.js";

/**
 * How the summary's figures read in Dutch, shared by the card and the export so the two always
 * say the same: "92,5%", "1.000", differences in procentpunten ("−2,5 pp"), "—" for nothing.
 */
export const NOTHING = "—";
export const NO_MEASUREMENT = "nog geen meting";

const number1 = new Intl.NumberFormat("nl-NL", { maximumFractionDigits: 1 });

export const STATUS_LABELS: Record<KpiStatus, string> = { "op-koers": "op koers", risico: "risico", achter: "achter" };

export function formatValue(value: number | null, unit: KpiUnit): string {
  if (value === null || !Number.isFinite(value)) return NOTHING;
  return unit === "percentage" ? `${number1.format(value)}%` : number1.format(value);
}

export function formatDifference(value: number | null, unit: KpiUnit): string {
  if (value === null || !Number.isFinite(value)) return NOTHING;
  const rounded = Math.round(value * 10) / 10;
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  return `${sign}${number1.format(Math.abs(rounded))}${unit === "percentage" ? " pp" : ""}`;
}

export function formatTrend(values: readonly number[], unit: KpiUnit): string {
  return values.length < 2 ? "" : values.map((v) => formatValue(v, unit)).join(" → ");
}

/** The six columns of the stuurgroep table as text, plus the status and a note (measured when, norm, trend). */
export type FormattedIndicator = { indicator: string; norm: string; nu: string; vorige: string; verschilNorm: string; verschilVorigJaar: string; status: KpiStatus | null; statusText: string; note: string };

export function formatIndicatorRow(row: IndicatorRow): FormattedIndicator {
  const status = row.status ? STATUS_LABELS[row.status] : "";
  const notes = [
    row.current !== null && row.currentOn ? `gemeten ${formatShortDate(row.currentOn)}` : "",
    row.norm === null ? "geen norm" : row.normFrom ? `norm uit ${row.normFrom}` : "",
    formatTrend(row.trend, row.unit) ? `trend ${formatTrend(row.trend, row.unit)}` : "",
  ].filter(Boolean);
  return {
    indicator: row.indicator,
    norm: row.norm === null ? NOTHING : `${formatValue(row.norm, row.unit)}${row.normFrom ? "*" : ""}`,
    nu: row.current === null ? NO_MEASUREMENT : formatValue(row.current, row.unit),
    vorige: formatValue(row.previous, row.unit),
    verschilNorm: row.current === null || row.norm === null ? NOTHING : formatDifference(row.current - row.norm, row.unit),
    verschilVorigJaar: row.current === null || row.lastYear === null ? NOTHING : formatDifference(row.current - row.lastYear, row.unit),
    status: row.status,
    statusText: status,
    note: notes.join(" · "),
  };
}

// The summary formats the same few days for every row; luxon's Dutch formatting costs a lookup in Intl each time.
const shortDates = new Map<IsoDate, string>();

export function formatShortDate(day: IsoDate): string {
  let text = shortDates.get(day);
  if (text === undefined) {
    if (shortDates.size >= 1000) shortDates.clear();
    shortDates.set(day, (text = DateTime.fromISO(day, { zone: AMSTERDAM_ZONE }).setLocale("nl").toFormat("d LLL yyyy")));
  }
  return text;
}

export function formatMoment(iso: string): string {
  return DateTime.fromISO(iso, { zone: AMSTERDAM_ZONE }).setLocale("nl").toFormat("cccc d LLLL yyyy 'om' HH:mm");
}

export function describeWeek(period: Pick<SummaryPeriod, "week" | "schoolYear">): string {
  return `week ${period.week} (${period.schoolYear})`;
}

/** "Weeksamenvatting week 12 (2026-2027)" */
export function buildSummaryTitle(data: SummaryData, options: { preview?: boolean } = {}): string {
  return `${options.preview ? "Tussenstand" : "Weeksamenvatting"} ${describeWeek(data.period)}`;
}

/** The line under the title: when the figures are from, and the period "this week" covers. */
export function buildSummarySubtitle(data: SummaryData): string {
  return `Stand van ${formatMoment(data.generatedAt)}. Nieuw en gesloten: sinds ${formatMoment(data.period.from)}.`;
}

export function buildLateNotice(postedAt: string, dueAt: string | null): string {
  return `Later verstuurd: ${dueAt ? `gepland voor ${formatMoment(dueAt)}, ` : ""}verstuurd op ${formatMoment(postedAt)} (Aanjager of het stuurgroepkanaal was eerder niet bereikbaar).`;
}
