import type { Db, DbTx } from "../../db/client.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import { listEarlierSubmittedMeasurements, listKpisOfActivity, listLatestMeasurements, listRoundParties, listSubmittedParties, listSubmittedValuesByParty, type KpiRow, type MeasurementRecord, type RoundParty, type RoundRecord, type RoundWithActivity } from "../../db/meetmomenten.js";
import { addWorkingDays, toIsoDate, type IsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import { resolveKpiTarget, type KpiUnit, type ResolvedTarget } from "../../domain/catalogue.js";
import { deriveFormFields, type FormField, type FormValue } from "../../domain/meetmomenten/form.js";
import { computeRegionTotal, isRoundClosed, listAskedKpis, readMeasurementValue, type PartyState, type RegionTotal } from "../../domain/meetmomenten/round.js";

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
  /** When these figures were first submitted: the round's, or in a per-party round the party's. */
  submittedAt: Date | null;
  /** The party these figures are of, in a per-party round (null: the activity as a whole). */
  party: { key: string; label: string } | null;
  /** Per-party rounds: every party, who submitted, and the region total per numeric KPI. */
  parties: PartyState[];
  regionTotals: Map<number, RegionTotal>;
};

export function isKpiUnit(unit: string): unit is KpiUnit {
  return unit === "count" || unit === "percentage" || unit === "text";
}


/** The last working day on which a round takes figures: the working day before it closes. */
export function lastDayOf(round: Pick<RoundRecord, "closesAt">, calendar: WorkCalendar): IsoDate {
  return addWorkingDays(toIsoDate(round.closesAt, calendar.zone), -1, calendar);
}

/** The parties of a round's activity when it reports per party; none otherwise. */
export async function loadRoundParties(db: Db | DbTx, round: RoundWithActivity): Promise<RoundParty[]> {
  return round.activity.figuresPer ? listRoundParties(db, round.activityId, round.activity.ownerRole, round.activity.figuresPer) : [];
}

/**
 * One round as a card shows it. In a per-party round `party` says whose figures (its own
 * drafts, submission and previous values) and the view carries every party's state and the
 * region totals; without a party it is the round as a whole.
 */
export async function loadRoundView(db: Db | DbTx, round: RoundWithActivity, calendar: WorkCalendar, party: { key: string; label: string } | null = null): Promise<RoundView> {
  const partyKey = party?.key ?? "";
  const [kpiRows, measurements, earlier] = await Promise.all([
    listKpisOfActivity(db, round.activityId),
    listLatestMeasurements(db, round.id, partyKey),
    listEarlierSubmittedMeasurements(db, round.activityId, round.meetmomentDate, partyKey),
  ]);
  const kpis = listAskedKpis(kpiRows).filter((k): k is KpiRow & { unit: KpiUnit } => isKpiUnit(k.unit));
  const fields = deriveFormFields(kpis.map((k) => ({ kpiId: k.id, key: k.key, name: k.name, unit: k.unit })));
  const latest = new Map(measurements.latest.map((m) => [m.kpiId, m]));
  const previous = new Map<number, { value: FormValue; periodLabel: string }>();
  // Newest round first, highest version first: the first value seen per KPI is the one to show.
  for (const m of earlier) {
    const value = readMeasurementValue(m);
    if (value !== undefined && !previous.has(m.kpiId)) previous.set(m.kpiId, { value, periodLabel: m.round.periodLabel });
  }
  const parties: PartyState[] = [];
  const regionTotals = new Map<number, RegionTotal>();
  let submittedAt = round.submittedAt;
  if (round.activity.figuresPer) {
    const [all, submitted, values] = await Promise.all([loadRoundParties(db, round), listSubmittedParties(db, round.id), listSubmittedValuesByParty(db, round.id)]);
    for (const p of all) parties.push({ key: p.key, label: p.label, submitted: submitted.has(p.key) });
    for (const k of kpis) if (k.unit !== "text") regionTotals.set(k.id, computeRegionTotal(k, parties, values.get(k.id) ?? new Map()));
    const own = [...measurements.latest].filter((m) => m.status === "ingediend").sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())[0];
    submittedAt = party ? (submitted.has(party.key) ? (own?.recordedAt ?? round.submittedAt) : null) : round.submittedAt;
  }
  return {
    round,
    // Norms are those of the school year the figures describe (November: the year that just ended).
    kpis: kpis.map((k, i) => ({ ...k, field: fields[i]!, target: resolveKpiTarget(k.targets, round.describes || round.schoolYear) })),
    fields,
    latest,
    submittedCount: measurements.submittedCount,
    previous,
    lastDay: lastDayOf(round, calendar),
    submittedAt,
    party,
    parties,
    regionTotals,
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
  if (view.submittedAt || isRoundClosed(view.round, now) || (view.round.activity.figuresPer && !view.party)) return roundSummary(view, now, notice);
  return roundForm(view, now, notice ? { notice } : {});
}

/** The announcement a week before a round opens. */
export type AnnouncementView = { activityName: string; periodLabel: string; openDayLabel: string; kpiNames: readonly string[]; contact: string };

/** What the meetmomenten job sends an owner. */
export type MeetmomentMessageView = { kind: "announcement"; announcement: AnnouncementView } | RoundCardView;

/** Renders a job's message (src/cards gives the implementation; the job hands it in). */
export type RenderMeetmomentMessage = (view: MeetmomentMessageView) => AdaptiveCard;
