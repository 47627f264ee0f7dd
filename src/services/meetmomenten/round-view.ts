import type { Db, DbTx } from "../../db/client.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import { listEarlierSubmittedMeasurements, listKpisOfActivity, listLatestMeasurements, type KpiRow, type MeasurementRecord, type RoundRecord, type RoundWithActivity } from "../../db/meetmomenten.js";
import { addWorkingDays, toIsoDate, type IsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import { resolveKpiTarget, type KpiUnit, type ResolvedTarget } from "../../domain/catalogue.js";
import { deriveFormFields, type FormField, type FormValue } from "../../domain/meetmomenten/form.js";
import { isRoundClosed, readMeasurementValue } from "../../domain/meetmomenten/round.js";

// ---------------------------------------------------------------------------------------------
// One round as the cards show it

export type KpiView = KpiRow & { unit: KpiUnit; field: FormField; target: ResolvedTarget | null };

export type RoundView = {
  round: RoundWithActivity;
  kpis: KpiView[];
  fields: FormField[];
  /** Latest version per KPI (draft or submitted). */
  latest: Map<number, MeasurementRecord>;
  /** Submitted versions per KPI: more than one means it was corrected. */
  submittedCount: Map<number, number>;
  previous: Map<number, { value: FormValue; periodLabel: string }>;
  lastDay: IsoDate;
};

export function isKpiUnit(unit: string): unit is KpiUnit {
  return unit === "count" || unit === "percentage" || unit === "text";
}


/** The last working day on which a round takes figures: the working day before it closes. */
export function lastDayOf(round: Pick<RoundRecord, "closesAt">, calendar: WorkCalendar): IsoDate {
  return addWorkingDays(toIsoDate(round.closesAt, calendar.zone), -1, calendar);
}

export async function loadRoundView(db: Db | DbTx, round: RoundWithActivity, calendar: WorkCalendar): Promise<RoundView> {
  const [kpiRows, measurements, earlier] = await Promise.all([
    listKpisOfActivity(db, round.activityId),
    listLatestMeasurements(db, round.id),
    listEarlierSubmittedMeasurements(db, round.activityId, round.meetmomentDate),
  ]);
  const kpis = kpiRows.filter((k): k is KpiRow & { unit: KpiUnit } => isKpiUnit(k.unit));
  const fields = deriveFormFields(kpis.map((k) => ({ kpiId: k.id, key: k.key, name: k.name, unit: k.unit })));
  const latest = new Map(measurements.latest.map((m) => [m.kpiId, m]));
  const previous = new Map<number, { value: FormValue; periodLabel: string }>();
  // Newest round first, highest version first: the first value seen per KPI is the one to show.
  for (const m of earlier) {
    const value = readMeasurementValue(m);
    if (value !== undefined && !previous.has(m.kpiId)) previous.set(m.kpiId, { value, periodLabel: m.round.periodLabel });
  }
  return {
    round,
    kpis: kpis.map((k, i) => ({ ...k, field: fields[i]!, target: resolveKpiTarget(k.targets, round.schoolYear) })),
    fields,
    latest,
    submittedCount: measurements.submittedCount,
    previous,
    lastDay: lastDayOf(round, calendar),
  };
}



// ---------------------------------------------------------------------------------------------
// What a round's card shows: the services decide, src/cards/meetmoment-round-card.ts renders.

export type RoundNotice = { text: string; style: "good" | "warning" | "attention" | "accent" };

export type FormState = {
  correcting?: boolean;
  /** Values as typed in a rejected save, so nothing has to be typed twice. */
  typed?: Record<string, unknown>;
  fieldErrors?: Map<string, string>;
  errors?: readonly string[];
  notice?: RoundNotice;
};

/** The form (figures due) or the summary (submitted or closed) of a round, as of `now`. */
export type RoundCardView = { kind: "form"; view: RoundView; now: Date; state: FormState } | { kind: "summary"; view: RoundView; now: Date; notice?: RoundNotice };

export function roundForm(view: RoundView, now: Date, state: FormState = {}): RoundCardView {
  return { kind: "form", view, now, state };
}

export function roundSummary(view: RoundView, now: Date, notice?: RoundNotice): RoundCardView {
  return { kind: "summary", view, now, ...(notice ? { notice } : {}) };
}

/** The card a round shows now: the form while figures are due, else the summary. */
export function roundCard(view: RoundView, now: Date, notice?: RoundNotice): RoundCardView {
  if (view.round.submittedAt || isRoundClosed(view.round, now)) return roundSummary(view, now, notice);
  return roundForm(view, now, notice ? { notice } : {});
}

/** The announcement a week before a round opens. */
export type AnnouncementView = { activityName: string; periodLabel: string; openDayLabel: string; kpiNames: readonly string[]; contact: string };

/** What the meetmomenten job sends an owner. */
export type MeetmomentMessageView = { kind: "announcement"; announcement: AnnouncementView } | RoundCardView;

/** Renders a job's message (src/cards gives the implementation; the job hands it in). */
export type RenderMeetmomentMessage = (view: MeetmomentMessageView) => AdaptiveCard;
