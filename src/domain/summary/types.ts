import { AppError } from "../../errors.js";
import type { IsoDate, SchoolYearLabel } from "../calendar/index.js";
import type { OverstapYear, SchoolYearCounts } from "../ddd/overstap-year.js";

/**
 * The weekly stuurgroep summary as data. It is stored as JSON once a week (WeeklySummary.data)
 * and everything the stuurgroep sees is rendered from it: the card, `samenvatting week 12` and
 * the export. So the shapes here are a stored format: add fields, never rename them
 * (SUMMARY_DATA_VERSION says which shape a stored row has).
 */
export const SUMMARY_DATA_VERSION = 1;

// ---------------------------------------------------------------------------------------------
// Inputs that other features supply (see src/services/summary/sources.ts for the functions)

/**
 * One region-level value of a KPI at a meetmoment, as the meetmomenten feature (issue 7) records
 * it. `kpiKey` is the catalogue's stable key (Kpi.key) within `activityId`; `measuredOn` is the
 * meetmoment's peildatum. Values per school are aggregated to the region before they come here.
 */
export type KpiMeasurement = {
  activityId: string;
  kpiKey: string;
  measuredOn: IsoDate;
  value: number;
  /**
   * The school year the value describes (a November evaluation: the year that just ended; DUO's
   * definitive figures: the year they are about). Absent: the school year of `measuredOn`.
   */
  describes?: string;
};

/** One observation of a school's DDD progress (the DDD campaign, issue 5): counts, never pupils. */
export type DddProgressPoint = {
  on: IsoDate;
  /** Pupils of the school that change over to the mbo this year (the denominator). */
  overstappers: number;
  /** Of those, with a completed Digitaal Doorstroom Dossier. */
  completed: number;
  /** Of those, "in beeld": with a follow-up choice known (vervolgkeuze). */
  inBeeld: number;
};

export type DddSchoolProgress = {
  schoolId: number;
  schoolNaam: string;
  subregioId: string;
  subregioNaam: string;
  /** Oldest first; at most one point per day. A school without points is left out of the sums. */
  series: DddProgressPoint[];
};

/** The DDD campaign of one school year, per school over time. */
export type DddRegionProgress = {
  schoolYear: SchoolYearLabel;
  /** When the campaign started counting (the expected completion rises linearly from here)... */
  campaignStart: IsoDate;
  /** ...to the deadline (1 April): every dossier complete and handed to the mbo. */
  deadline: IsoDate;
  schools: DddSchoolProgress[];
};

/** One school's counts as they stood on a day (the day's last snapshot). */
export type SchoolCountsPoint = SchoolYearCounts & { schoolId: number; on: IsoDate };

/** One cohort's overstap year with every school's counts over time as known at the summary's moment, oldest first. */
export type OverstapYearProgress = { year: OverstapYear; points: readonly SchoolCountsPoint[] };

/** A round of a meetmoment: figures asked from an activity's owner (issue 7). */
export type MeetmomentRoundStatus = {
  activityId: string;
  activityNaam: string;
  meetmoment: IsoDate;
  dueOn: IsoDate;
  state: "open" | "gesloten";
  /** Figures asked and figures given in this round (KPIs or owners, as issue 7 counts them). */
  requested: number;
  responded: number;
  /** Owners past `dueOn` without their figures (staff names, never pupils). */
  overdueOwners: string[];
};

// ---------------------------------------------------------------------------------------------
// The summary

export type SummaryPeriod = {
  schoolYear: SchoolYearLabel;
  week: number;
  weekYear: number;
  weekStart: IsoDate;
  /** When this week's summary was due (null for a tussenstand in a holiday week). */
  dueAt: string | null;
  /** Counts "this week" run from the previous summary's due moment... */
  from: string;
  /** ...to the moment the summary was made. */
  to: string;
};

export type KpiStatus = "op-koers" | "risico" | "achter";
export type KpiUnit = "count" | "percentage";
export type Direction = "higher" | "lower";

/** One line of the stuurgroep table: indicator | norm | nu | vorige | verschil met norm | verschil met vorig jaar. */
export type IndicatorRow = {
  indicator: string;
  unit: KpiUnit;
  direction: Direction | null;
  norm: number | null;
  /** The school year the norm was set for, when it is an earlier year's norm carried forward. */
  normFrom: string | null;
  current: number | null;
  currentOn: IsoDate | null;
  previous: number | null;
  lastYear: number | null;
  /** What the value should be at this point of the period, for the status. */
  expected: number | null;
  status: KpiStatus | null;
  /** Values of the last meetmomenten, oldest first (the current one last). */
  trend: number[];
};

export type KpiRow = IndicatorRow & { activityId: string; kpiKey: string };

export type KpiActivity = { activityId: string; naam: string; rows: KpiRow[]; textKpis: number };

export type KpiSectionData = {
  /** False while no measurement source exists: the section shows the norms and "nog geen meting". */
  measurementsAvailable: boolean;
  activities: KpiActivity[];
  counts: { opKoers: number; risico: number; achter: number; geenMeting: number; geenNorm: number };
};

export type EscalationSectionData = {
  opened: number;
  resolved: number;
  openTotal: number;
  /** Unresolved cases by their level: -1 (not escalated yet), 0 ... 3. */
  openByLevel: { level: number; label: string; count: number }[];
  /** Cases at the stuurgroep level (L3), by the name of their school or activity. */
  stuurgroep: { caseId: number; name: string; type: string; since: IsoDate; owner: string | null }[];
  /** L3 cases beyond the stored list. */
  stuurgroepMore: number;
  /** Open and newly opened cases over the last weeks (from the stored summaries), oldest first. */
  trend: { label: string; open: number; opened: number }[];
};

export type DddSubregio = { id: string; naam: string; overstappers: number; completed: number; inBeeld: number; completedPct: number | null; inBeeldPct: number | null };

export type DddSchoolBehind = { schoolNaam: string; subregioNaam: string; overstappers: number; completed: number; completedPct: number; expectedPct: number | null };

export type DddSectionData = {
  schoolYear: SchoolYearLabel;
  deadline: IsoDate;
  asOf: IsoDate | null;
  /** Before the deadline the campaign runs; after it the final figure counts. */
  phase: "campagne" | "na-deadline";
  rows: IndicatorRow[];
  subregios: DddSubregio[];
  behind: DddSchoolBehind[];
  forecast: { completedPct: number; on: IsoDate } | null;
  /** Region completion per observation towards the deadline, this year and last year (same days of the campaign). */
  trend: { legend: string; points: { label: string; value: number }[] }[];
  /** After the deadline: the deadline figures of this and earlier years. */
  finals: { schoolYear: string; completedPct: number | null; inBeeldPct: number | null; norm: number | null }[];
};

export type MeetmomentSectionData = {
  open: number;
  requested: number;
  responded: number;
  responsePct: number | null;
  overdue: { activityNaam: string; owner: string; dueOn: IsoDate }[];
};

/** One figure of a phase: a count (region total) or a share against its norm. */
export type OverstapYearFigure = { label: string; unit: KpiUnit; value: number | null; norm: number | null; status: KpiStatus | null };

export type OverstapYearPhaseSummary = {
  id: string;
  title: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  state: "voorbij" | "nu" | "komt";
  figures: OverstapYearFigure[];
  /** Schools below the phase's norm (or without the counts to judge), once the phase has begun. */
  schoolsBelowNorm: number;
  /** Schools whose counts of this phase are known. */
  schoolsReported: number;
};

export type OverstapYearSectionData = {
  asOf: IsoDate;
  /** The cohort whose phase the year is in, and that phase... */
  cohort: string;
  phaseId: string;
  phaseTitle: string;
  /** ...and every running cohort (in the autumn also the one that just started in the mbo), newest first. */
  cohorts: { cohort: string; phases: OverstapYearPhaseSummary[] }[];
};

export type SummarySectionData =
  | { id: "ddd"; title: string; data: DddSectionData }
  | { id: "escalaties"; title: string; data: EscalationSectionData }
  | { id: "meetmomenten"; title: string; data: MeetmomentSectionData }
  | { id: "kpis"; title: string; data: KpiSectionData }
  | { id: "overstapjaar"; title: string; data: OverstapYearSectionData };

export type SummarySectionId = SummarySectionData["id"];

export type SectionDataOf<Id extends SummarySectionId> = Extract<SummarySectionData, { id: Id }>["data"];

export type SummaryData = {
  version: number;
  period: SummaryPeriod;
  generatedAt: string;
  sections: SummarySectionData[];
  /** Sections that could not be built this time (their source failed), in Dutch; the rest still goes out. */
  notes: string[];
};

/** A stored summary's JSON (the one reader of `WeeklySummary.data`); a row from a newer version is refused. */
export function parseSummaryData(json: string): SummaryData {
  const data = JSON.parse(json) as SummaryData;
  if (typeof data !== "object" || data === null || typeof data.version !== "number" || data.version > SUMMARY_DATA_VERSION) {
    throw new AppError("INTERNAL", "stored summary has an unknown format", { userMessage: "Deze samenvatting is opgeslagen in een nieuwere vorm dan deze versie van Aanjager kan lezen." });
  }
  return { ...data, notes: data.notes ?? [] };
}
