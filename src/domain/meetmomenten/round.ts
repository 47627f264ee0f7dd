import type { FormValue } from "./form.js";

/** A round takes no figures once it is closed, or once its closing moment has passed (the job may not have run yet). */
export function isRoundClosed(round: { status: string; closesAt: Date }, now: Date): boolean {
  return round.status === "gesloten" || now.getTime() >= round.closesAt.getTime();
}

/** The value of a stored measurement: text, number, or none (a draft left empty). */
export function readMeasurementValue(m: { valueNumber: number | null; valueText: string | null }): FormValue | undefined {
  if (m.valueText !== null) return m.valueText;
  if (m.valueNumber !== null) return m.valueNumber;
  return undefined;
}

/**
 * The KPIs a form asks, from the activity's KPIs: a KPI filled from DUO's published figures is
 * not asked (nobody types what DUO publishes), and one the source calls unmeasurable ("niet
 * vast te stellen") is asked as a description, never as a number.
 */
export function listAskedKpis<K extends { name: string; unit: string; measurable: boolean; duoVsv: string | null }>(kpis: readonly K[]): K[] {
  return kpis.filter((k) => k.duoVsv === null).map((k) => (k.measurable || k.unit === "text" ? k : { ...k, unit: "text", name: `${k.name} (nog niet als getal vast te stellen: beschrijf het)` }));
}

/** One party of a per-party round: its key (stored with its figures), its name, whether it submitted. */
export type PartyState = { key: string; label: string; submitted: boolean };

export type RegionTotal = { kpiId: number; total: number | null; kind: "som" | "gemiddelde"; reported: string[]; missing: string[] };

/**
 * The region's figure of a KPI from the parties' submitted values: counts add up; percentages
 * are averaged over the parties that reported (unweighted: the form asks no denominators), and
 * labelled as such. `reported`/`missing` name the parties that have and have not submitted.
 */
export function computeRegionTotal(kpi: { id: number; unit: string }, parties: readonly PartyState[], submittedValues: ReadonlyMap<string, number>): RegionTotal {
  const reported = parties.filter((p) => p.submitted && submittedValues.has(p.key));
  const values = reported.map((p) => submittedValues.get(p.key)!);
  const sum = values.reduce((s, v) => s + v, 0);
  const kind = kpi.unit === "percentage" ? "gemiddelde" : "som";
  const total = values.length === 0 ? null : kind === "som" ? sum : Math.round((sum / values.length) * 10) / 10;
  return { kpiId: kpi.id, total, kind, reported: reported.map((p) => p.label), missing: parties.filter((p) => !p.submitted).map((p) => p.label) };
}
