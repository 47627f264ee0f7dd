import {
  buildAnnouncementCardData,
  buildFormCardData,
  buildRoundListCardData,
  buildSummaryCardData,
  renderFormCard,
  renderNoticeCard,
  renderRoundListCard,
  renderSummaryCard,
  type FormRow,
  type MeetmomentEnvelope,
  type NoticeStyle,
  type RoundListItem,
} from "../cards/meetmoment-cards.js";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import { listActivities } from "../db/catalogue.js";
import { isUniqueViolation, runInTransaction, type Db, type DbTx } from "../db/client.js";
import {
  createRound,
  findRound,
  findRoundState,
  insertMeasurements,
  listActivityOwners,
  listEarlierSubmittedMeasurements,
  listKpisOfActivity,
  listLatestMeasurements,
  listMeasurements,
  listOpenRounds,
  listRoundsOfSchoolYears,
  listUnclosedRounds,
  markRoundSubmitted,
  updateRemindersSent,
  updateRoundIfStatus,
  type KpiRow,
  type MeasurementRecord,
  type NewMeasurement,
  type RoundRecord,
  type RoundWithActivity,
} from "../db/meetmomenten.js";
import { addWorkingDays, getSchoolYear, isWorkingDay, nextSendMoment, parseSchoolYear, shiftIsoDate, toIsoDate, formatSchoolYear, type IsoDate, type WorkCalendar } from "../domain/calendar/index.js";
import { listMeetmomenten, resolveKpiTarget, type CatalogueActivity, type KpiUnit, type Meetmoment, type ResolvedTarget } from "../domain/catalogue.js";
import { formatDutchDateTime } from "../domain/dutch-date.js";
import { deriveFormFields, formatFormValue, parseFormInputs, type FormField, type FormIssue, type FormMode, type FormValue } from "../domain/meetmomenten/form.js";
import { checkStaffEmails } from "./free-text.js";
import { describeDay, describePeriod, matchActivity } from "../domain/meetmomenten/match.js";
import { DEFAULT_ROUND_POLICY, planRoundSteps, planRoundTimeline, type RoundPolicy, type RoundState, type RoundStep, type RoundTimeline } from "../domain/meetmomenten/plan.js";
import type { Config } from "../config.js";
import { describeErrorForLog, type Logger } from "../logger.js";
import { openOrUpdateCase } from "./cases/index.js";
import type { EnqueueMessage } from "./ports.js";

/**
 * Meetmomenten: rounds per activity and meetmoment, the forms the owners fill in, and the job
 * that opens, reminds and closes rounds. Chat, cards and the job all come through here.
 */
export type MeetmomentDeps = {
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  policy: RoundPolicy;
  /** Who people are told to contact (the projectteam), from the configuration. */
  contact: string;
};

/** The meetmoment dependencies from what the bot and the jobs already have. */
export function meetmomentDepsOf(deps: { calendar: WorkCalendar; enqueue: EnqueueMessage; config: Config }): MeetmomentDeps {
  return { calendar: deps.calendar, enqueue: deps.enqueue, policy: { ...DEFAULT_ROUND_POLICY, closeAfterWorkingDays: deps.config.meetmomenten.closeAfterWorkingDays }, contact: deps.config.projectteamContact };
}

/** Who acts on a round: the directory person and their roles (eigenaar roles carry the activity). */
export type MeetmomentActor = { personId: number | null; naam: string | null; roles: readonly { role: string; activityId: string | null }[] };

/** Roles that may deliver or view figures of any activity (on the owner's behalf). */
export const PROGRAMME_ROLES = ["projectteam", "beheerder"] as const;

export type MeasurementSource = "card" | "chat" | "import";

export function mayActOnActivity(actor: MeetmomentActor, activityId: string): boolean {
  return actor.roles.some((r) => (PROGRAMME_ROLES as readonly string[]).includes(r.role) || (r.role === "eigenaar" && r.activityId === activityId));
}

function ownActivityIds(actor: MeetmomentActor): string[] | null {
  if (actor.roles.some((r) => (PROGRAMME_ROLES as readonly string[]).includes(r.role))) return null;
  return [...new Set(actor.roles.filter((r) => r.role === "eigenaar" && r.activityId).map((r) => r.activityId!))];
}

// ---------------------------------------------------------------------------------------------
// One round as the cards show it

type KpiView = KpiRow & { unit: KpiUnit; field: FormField; target: ResolvedTarget | null };

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

function isKpiUnit(unit: string): unit is KpiUnit {
  return unit === "count" || unit === "percentage" || unit === "text";
}

export function measurementValue(m: Pick<MeasurementRecord, "valueNumber" | "valueText">): FormValue | undefined {
  if (m.valueText !== null) return m.valueText;
  if (m.valueNumber !== null) return m.valueNumber;
  return undefined;
}

/** The last working day on which a round takes figures: the working day before it closes. */
export function lastDayOf(round: Pick<RoundRecord, "closesAt">, calendar: WorkCalendar): IsoDate {
  return addWorkingDays(toIsoDate(round.closesAt, calendar.zone), -1, calendar);
}

async function loadRoundView(db: Db | DbTx, round: RoundWithActivity, calendar: WorkCalendar): Promise<RoundView> {
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
    const value = measurementValue(m);
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

function describeNorm(kpi: KpiView): string {
  if (kpi.target) {
    const value = formatFormValue(kpi.unit, kpi.target.value);
    return kpi.target.defaulted ? `Norm: ${value} (streefwaarde ${kpi.target.schoolYear})` : `Norm: ${value}`;
  }
  if (kpi.targetText) return `Norm: ${kpi.targetText}`;
  return "Geen norm vastgelegd";
}

function describePrevious(view: RoundView, kpi: KpiView): string {
  const previous = view.previous.get(kpi.id);
  return previous ? `Vorige meting (${previous.periodLabel}): ${formatFormValue(kpi.unit, previous.value)}` : "Vorige meting: nog geen";
}

function isClosed(round: RoundRecord, now: Date): boolean {
  return round.status === "gesloten" || now.getTime() >= round.closesAt.getTime();
}

function describeStatus(view: RoundView, now: Date): string {
  const { round } = view;
  const drafts = [...view.latest.values()].filter((m) => m.status === "concept" && measurementValue(m) !== undefined).length;
  if (round.submittedAt) return `ingediend op ${formatDutchDateTime(round.submittedAt)}${isClosed(round, now) ? ", gesloten" : ""}`;
  if (isClosed(round, now)) return "gesloten, niet ingediend";
  if (drafts > 0) return `concept opgeslagen (${drafts} van ${view.kpis.length} ingevuld), nog niet ingediend`;
  return "nog niet ingevuld";
}

function envelopeOf(round: RoundRecord): MeetmomentEnvelope {
  return { roundId: round.id, activityId: round.activityId, schoolYear: round.schoolYear };
}

export type FormState = {
  correcting?: boolean;
  /** Values as typed in a rejected save, so nothing has to be typed twice. */
  typed?: Record<string, unknown>;
  fieldErrors?: Map<string, string>;
  errors?: readonly string[];
  notice?: { text: string; style: NoticeStyle };
};

export function renderRoundForm(view: RoundView, now: Date, state: FormState = {}): AdaptiveCard {
  const rows: FormRow[] = view.kpis.map((kpi) => {
    const stored = view.latest.get(kpi.id);
    const typed = state.typed?.[kpi.field.inputId];
    let value: FormValue | undefined = stored ? measurementValue(stored) : undefined;
    if (state.typed) {
      // Show what was typed: a rejected number cannot go back into a number input, its error names it.
      if (typeof typed === "string" && kpi.field.input === "text") value = typed;
      else if (typeof typed === "number" || (typeof typed === "string" && /^\d+(?:[.,]\d+)?$/.test(typed.trim()))) value = kpi.field.input === "number" ? Number(String(typed).trim().replace(",", ".")) : String(typed);
      else value = undefined;
    }
    const error = state.fieldErrors?.get(kpi.field.inputId);
    return { field: kpi.field, norm: describeNorm(kpi), previous: describePrevious(view, kpi), value, ...(error ? { error } : {}) };
  });
  return renderFormCard(
    buildFormCardData({
      envelope: envelopeOf(view.round),
      activityName: view.round.activity.naam,
      periodLabel: view.round.periodLabel,
      lastDayLabel: describeDay(view.lastDay),
      statusLabel: describeStatus(view, now),
      correcting: Boolean(state.correcting),
      rows,
      ...(state.notice ? { notice: state.notice } : {}),
      ...(state.errors ? { errors: state.errors } : {}),
      ...(view.kpis.length === 0 ? { intro: "Voor deze activiteit zijn geen KPI's vastgelegd. Dien in om te melden dat er niets te meten was, of neem contact op met het projectteam." } : {}),
    }),
  );
}

export function renderRoundSummary(view: RoundView, now: Date, notice?: { text: string; style: NoticeStyle }): AdaptiveCard {
  const { round } = view;
  const closed = isClosed(round, now);
  const lastSubmitter = [...view.latest.values()].sort((a, b) => b.recordedAt.getTime() - a.recordedAt.getTime())[0];
  return renderSummaryCard(
    buildSummaryCardData({
      envelope: envelopeOf(round),
      activityName: round.activity.naam,
      periodLabel: round.periodLabel,
      statusLabel: describeStatus(view, now),
      submittedLine: round.submittedAt
        ? `Ingediend${lastSubmitter?.personName ? `, laatst gewijzigd door ${lastSubmitter.personName}` : ""} op ${formatDutchDateTime(lastSubmitter?.recordedAt ?? round.submittedAt)}.`
        : "Deze cijfers zijn (nog) niet ingediend.",
      editLine: closed
        ? "Dit meetmoment is gesloten: de cijfers kunnen niet meer worden gewijzigd. Vragen? Neem contact op met het projectteam."
        : `Klopt er iets niet? Met **Wijzigen** corrigeer je tot en met ${describeDay(view.lastDay)}; de vorige waarden blijven bewaard.`,
      canEdit: !closed,
      rows: view.kpis.map((kpi) => {
        const latest = view.latest.get(kpi.id);
        return {
          label: kpi.name,
          unit: kpi.unit,
          value: latest ? measurementValue(latest) : undefined,
          norm: describeNorm(kpi),
          previous: describePrevious(view, kpi),
          corrections: Math.max(0, (view.submittedCount.get(kpi.id) ?? 0) - 1),
          lastChange: latest ? formatDutchDateTime(latest.recordedAt) : null,
        };
      }),
      ...(notice ? { notice } : {}),
    }),
  );
}

/** The card a round shows now: the form while figures are due, else the summary. */
export function renderRoundCard(view: RoundView, now: Date, notice?: { text: string; style: NoticeStyle }): AdaptiveCard {
  if (view.round.submittedAt || isClosed(view.round, now)) return renderRoundSummary(view, now, notice);
  return renderRoundForm(view, now, notice ? { notice } : {});
}

// ---------------------------------------------------------------------------------------------
// Card actions

export type RoundActionKind = "bekijken" | "wijzigen" | "concept" | "indienen";

export type RoundActionInput = {
  kind: RoundActionKind;
  envelope: MeetmomentEnvelope;
  /** The action data without the envelope: the form's inputs. */
  inputs: Record<string, unknown>;
  actor: MeetmomentActor;
  source: MeasurementSource;
};

export const NOTHING_CHANGED = "Er is niets veranderd.";

function closedMessage(round: RoundWithActivity, now: Date, zone: string): string {
  if (round.schoolYear !== getSchoolYear(now, zone)) {
    return `Deze kaart hoort bij meetmoment ${round.periodLabel} van schooljaar ${round.schoolYear}. Dat meetmoment is gesloten. ${NOTHING_CHANGED} Typ **cijfers** voor je open meetmomenten.`;
  }
  return `Het meetmoment ${round.periodLabel} van ${round.activity.naam} is gesloten; er kan niets meer worden ingevuld of gecorrigeerd. ${NOTHING_CHANGED} Klopt er iets niet? Neem contact op met het projectteam.`;
}

function sameValue(m: MeasurementRecord | undefined, value: FormValue | undefined): boolean {
  return (m ? measurementValue(m) : undefined) === value;
}

/** Splits the action data: envelope keys are the router's, everything else must be a form input. */
export function readFormInputs(data: Record<string, unknown>): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    if (key === "roundId" || key === "activityId" || key === "schoolYear") continue;
    inputs[key] = value;
  }
  return inputs;
}

/**
 * Every button on a meetmoment card. Checks, in order: the round exists and the card belongs to
 * it (activity and school year as on the card), the person may act on the activity, the round
 * is open; then validates the inputs with the schema derived from the activity's KPIs. Any
 * refusal is a Dutch answer and writes nothing.
 */
export async function performRoundAction(db: Db, deps: MeetmomentDeps, input: RoundActionInput, now: Date): Promise<AdaptiveCard | string> {
  const { envelope, actor } = input;
  const round = await findRound(db, envelope.roundId);
  if (!round || round.activityId !== envelope.activityId || round.schoolYear !== envelope.schoolYear) {
    return `Deze kaart hoort niet bij een meetmoment dat ik ken. ${NOTHING_CHANGED} Typ **cijfers** voor je open meetmomenten.`;
  }
  if (!mayActOnActivity(actor, round.activityId)) {
    return `Alleen de eigenaar van ${round.activity.naam} en het projectteam kunnen deze cijfers doorgeven of bekijken. ${NOTHING_CHANGED}`;
  }
  if (round.status === "gepland") return `Het meetmoment ${round.periodLabel} van ${round.activity.naam} is nog niet geopend. ${NOTHING_CHANGED}`;
  const view = await loadRoundView(db, round, deps.calendar);
  if (input.kind === "bekijken") return renderRoundCard(view, now);
  if (isClosed(round, now)) return closedMessage(round, now, deps.calendar.zone);
  if (input.kind === "wijzigen") return round.submittedAt ? renderRoundForm(view, now, { correcting: true }) : renderRoundForm(view, now);
  if (input.kind === "concept" && round.submittedAt) {
    return renderRoundForm(view, now, { correcting: true, typed: input.inputs, notice: { text: `Dit meetmoment is al ingediend: een wijziging sla je op met **Correctie indienen**. ${NOTHING_CHANGED}`, style: "warning" } });
  }

  const mode: FormMode = input.kind === "indienen" ? "indienen" : "concept";
  const parsed = parseFormInputs(view.fields, input.inputs, mode);
  const issues = parsed.ok ? await screenFormTexts(db, view.fields, parsed.values) : parsed.issues;
  if (!parsed.ok || issues.length > 0) {
    const fieldErrors = new Map(issues.filter((i) => i.inputId).map((i) => [i.inputId!, i.message]));
    const errors = issues.map((i) => (i.label ? `${i.label}: ${i.message}` : i.message));
    return renderRoundForm(view, now, { correcting: Boolean(round.submittedAt), typed: input.inputs, fieldErrors, errors });
  }
  return saveFigures(db, deps, view, mode, parsed.values, input, now);
}

/** Text fields passed the form's own checks (BSN included); e-mail addresses need the directory. */
async function screenFormTexts(db: Db, fields: readonly FormField[], values: Map<number, FormValue>): Promise<FormIssue[]> {
  const issues: FormIssue[] = [];
  for (const field of fields) {
    const value = values.get(field.kpiId);
    if (typeof value !== "string") continue;
    const refusal = await checkStaffEmails(db, [value], "Dit veld");
    if (refusal !== null) issues.push({ inputId: field.inputId, label: field.label, message: refusal });
  }
  return issues;
}

async function saveFigures(db: Db, deps: MeetmomentDeps, view: RoundView, mode: FormMode, values: Map<number, FormValue>, input: RoundActionInput, now: Date): Promise<AdaptiveCard | string> {
  const wasSubmitted = Boolean(view.round.submittedAt);
  // Versions continue from what the view read. If someone saved in between, the unique
  // (round, KPI, version) refuses the insert: optimistic concurrency without a second read.
  const rows: NewMeasurement[] = [];
  const base = { roundId: view.round.id, source: input.source, personId: input.actor.personId, personName: input.actor.naam, recordedAt: now };
  for (const kpi of view.kpis) {
    const current = view.latest.get(kpi.id);
    const value = values.get(kpi.id);
    const version = (current?.version ?? 0) + 1;
    const stored = { valueNumber: typeof value === "number" ? value : null, valueText: typeof value === "string" ? value : null };
    if (mode === "indienen") {
      if (!current || current.status !== "ingediend" || !sameValue(current, value)) rows.push({ ...base, kpiId: kpi.id, version, status: "ingediend", ...stored });
    } else if (value !== undefined ? !sameValue(current, value) : current !== undefined && measurementValue(current) !== undefined) {
      // A draft stores what changed; emptying a drafted field stores an empty draft version.
      rows.push({ ...base, kpiId: kpi.id, version, status: "concept", ...stored });
    }
  }
  let closed = false;
  try {
    closed = await runInTransaction(db, async (tx) => {
      // The round may have closed since the view was read (the job, or the clock): then nothing is written.
      const fresh = await findRoundState(tx, view.round.id);
      if (!fresh || fresh.status === "gesloten" || now.getTime() >= fresh.closesAt.getTime()) return true;
      await insertMeasurements(tx, rows);
      if (mode === "indienen" && !wasSubmitted) await markRoundSubmitted(tx, view.round.id, input.actor.personId, now);
      return false;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two saves of the same round at the same moment: the other one won; show its result.
    const fresh = (await findRound(db, view.round.id))!;
    return renderRoundCard(await loadRoundView(db, fresh, deps.calendar), now, { text: "Iemand anders sloeg net ook cijfers op voor dit meetmoment. Dit is de nieuwe stand; controleer hem en probeer het zo nodig opnieuw.", style: "warning" });
  }
  if (closed) return closedMessage(view.round, now, deps.calendar.zone);
  // What was just written is known: the refreshed card is built without reading it back.
  const latest = new Map(view.latest);
  const submittedCount = new Map(view.submittedCount);
  rows.forEach((row, i) => {
    latest.set(row.kpiId, { ...row, id: -1 - i });
    if (row.status === "ingediend") submittedCount.set(row.kpiId, (submittedCount.get(row.kpiId) ?? 0) + 1);
  });
  const round = mode === "indienen" && !wasSubmitted ? { ...view.round, submittedAt: now, submittedById: input.actor.personId } : view.round;
  const updated: RoundView = { ...view, round, latest, submittedCount };
  if (mode === "concept") {
    const filled = [...latest.values()].filter((m) => measurementValue(m) !== undefined).length;
    return renderRoundForm(updated, now, {
      notice: { text: `Concept opgeslagen om ${formatDutchDateTime(now).slice(11)} (${filled} van ${updated.kpis.length} ingevuld). Nog niet ingediend: dat doe je met **Indienen** als alles bekend is.`, style: "accent" },
    });
  }
  if (!wasSubmitted) return renderRoundSummary(updated, now, { text: "Dank je wel! De cijfers zijn ingediend.", style: "good" });
  if (rows.length === 0) return renderRoundSummary(updated, now, { text: `${NOTHING_CHANGED} De ingediende cijfers blijven zoals ze waren.`, style: "accent" });
  return renderRoundSummary(updated, now, { text: `Correctie opgeslagen: ${rows.length} ${rows.length === 1 ? "waarde" : "waarden"} gewijzigd. De vorige waarden blijven bewaard.`, style: "good" });
}

// ---------------------------------------------------------------------------------------------
// Chat: `cijfers` and `cijfers <activiteit>`

export type ChatAnswer = { card: AdaptiveCard; text?: string } | { text: string };

async function describeNextMeetmoment(db: Db, deps: MeetmomentDeps, activityIds: readonly string[] | null, now: Date): Promise<string | null> {
  const activities = (await listActivities(db)).filter((a) => !activityIds || activityIds.includes(a.id));
  const today = toIsoDate(now, deps.calendar.zone);
  const year = getSchoolYear(now, deps.calendar.zone);
  const next = formatSchoolYear(parseSchoolYear(year).startYear + 1);
  const upcoming = activities
    .flatMap((a) => [...meetmomentenOf(a, year, deps.calendar), ...meetmomentenOf(a, next, deps.calendar)].map((m) => ({ m, a })))
    .filter(({ m }) => m.workingDay > today)
    .sort((x, y) => x.m.workingDay.localeCompare(y.m.workingDay))[0];
  if (!upcoming) return null;
  return `Het volgende meetmoment is dat van ${upcoming.a.naam} (${describePeriod(upcoming.m.date, isFixedDay(upcoming.a, upcoming.m.scheduleIndex))}); het opent op ${describeDay(upcoming.m.workingDay)}.`;
}

/** `cijfers`: the open rounds of the person's activities (all of them for the projectteam). */
export async function listOpenRoundsCard(db: Db, deps: MeetmomentDeps, actor: MeetmomentActor, now: Date): Promise<AdaptiveCard> {
  const own = ownActivityIds(actor);
  const rounds = (await listOpenRounds(db, own ? { activityIds: own } : {})).filter((r) => !isClosed(r, now));
  const measured = new Set((await listMeasurements(db, rounds.map((r) => r.id))).filter((m) => measurementValue(m) !== undefined).map((m) => m.roundId));
  const items: RoundListItem[] = rounds.map((r) => ({
    roundId: r.id,
    activityId: r.activityId,
    schoolYear: r.schoolYear,
    activityName: r.activity.naam,
    periodLabel: r.periodLabel,
    statusLabel: r.submittedAt ? "ingediend" : measured.has(r.id) ? "concept, nog niet ingediend" : "nog niet ingevuld",
    lastDayLabel: describeDay(lastDayOf(r, deps.calendar)),
    submitted: Boolean(r.submittedAt),
  }));
  const nextLine = items.length === 0 ? await describeNextMeetmoment(db, deps, own, now) : null;
  return renderRoundListCard(buildRoundListCardData(items, { scope: own ? "eigen" : "alle", ...(nextLine ? { nextLine } : {}) }));
}

/** `cijfers <activiteit>`: the form (or summary) of that activity's open round. */
export async function findRoundCardForActivity(db: Db, deps: MeetmomentDeps, actor: MeetmomentActor, query: string, now: Date): Promise<ChatAnswer> {
  const activities = await listActivities(db);
  const match = matchActivity(query, activities);
  if (match.kind === "none") return { text: `Ik ken geen activiteit "${query}". Typ **cijfers** voor je open meetmomenten, of gebruik de id van de activiteit (bijvoorbeeld **cijfers ddd**).` };
  if (match.kind === "ambiguous") return { text: `Bedoel je ${match.candidates.map((a) => `**${a.id}** (${a.naam})`).join(" of ")}? Typ **cijfers** met de id erachter.` };
  const activity = match.activity;
  if (!mayActOnActivity(actor, activity.id)) return { text: `Je bent geen eigenaar van ${activity.naam}; alleen de eigenaar en het projectteam kunnen die cijfers doorgeven. Typ **cijfers** voor je eigen meetmomenten.` };
  const [round] = (await listOpenRounds(db, { activityIds: [activity.id] })).filter((r) => !isClosed(r, now));
  if (!round) {
    const next = await describeNextMeetmoment(db, deps, [activity.id], now);
    return { text: `Voor ${activity.naam} staat nu geen meetmoment open.${next ? ` ${next}` : " Deze activiteit heeft geen vaste meetmomenten in de catalogus."}` };
  }
  return { card: renderRoundCard(await loadRoundView(db, round, deps.calendar), now) };
}

// ---------------------------------------------------------------------------------------------
// The job: announce, open, remind, close

/**
 * How far (calendar days) from today a meetmoment without a round is looked at. Wider than any
 * real distance: a notice goes out 4 working days ahead (across the summer holiday about 50
 * days), and a round takes at most 60 working days plus a holiday to close.
 */
const CANDIDATE_WINDOW_DAYS = 150;

type PlannedMeetmoment = { activity: CatalogueActivity; schoolYear: string; date: IsoDate; openDay: IsoDate; periodLabel: string; note: string | null };

function isFixedDay(activity: CatalogueActivity, scheduleIndex: number): boolean {
  return activity.meetmomenten[scheduleIndex]?.day != null;
}

function roundKey(activityId: string, date: IsoDate): string {
  return `${activityId}|${date}`;
}

// Working-day arithmetic costs tens of microseconds a day and a timeline walks some forty days;
// the job asks for the same timelines and meetmomenten every morning, so both are remembered per
// calendar (a calendar is immutable). Bounded, because a long-running bot sees new days forever.
const MAX_CACHED = 5000;
const timelineCache = new WeakMap<WorkCalendar, Map<string, RoundTimeline>>();
const meetmomentCache = new WeakMap<WorkCalendar, Map<string, Meetmoment[]>>();

function cached<T>(store: WeakMap<WorkCalendar, Map<string, T>>, calendar: WorkCalendar, key: string, compute: () => T): T {
  let map = store.get(calendar);
  if (!map) store.set(calendar, (map = new Map()));
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    value = compute();
    map.set(key, value);
  }
  return value;
}

function timelineOf(openDay: IsoDate, calendar: WorkCalendar, policy: RoundPolicy): RoundTimeline {
  return cached(timelineCache, calendar, `${openDay}|${policy.closeAfterWorkingDays}|${policy.announceWorkingDaysBefore}|${policy.reminderIntervalWorkingDays}`, () => planRoundTimeline(openDay, calendar, policy));
}

function meetmomentenOf(activity: CatalogueActivity, schoolYear: string, calendar: WorkCalendar): Meetmoment[] {
  return cached(meetmomentCache, calendar, `${schoolYear}|${activity.id}|${JSON.stringify(activity.meetmomenten)}`, () => listMeetmomenten(activity, schoolYear, calendar));
}

/** The catalogue's meetmomenten around `now` (last, this and next school year), one per activity and date. */
function listPlannedMeetmomenten(activities: readonly CatalogueActivity[], now: Date, calendar: WorkCalendar): { years: string[]; planned: Map<string, PlannedMeetmoment> } {
  const start = parseSchoolYear(getSchoolYear(now, calendar.zone)).startYear;
  const years = [start - 1, start, start + 1].map(formatSchoolYear);
  const planned = new Map<string, PlannedMeetmoment>();
  for (const year of years) {
    for (const activity of activities) {
      for (const m of meetmomentenOf(activity, year, calendar)) {
        const key = roundKey(activity.id, m.date);
        const existing = planned.get(key);
        if (existing) {
          // Two rhythms on the same day (a monthly and a yearly one): one round, both notes.
          if (m.note && existing.note !== m.note) existing.note = existing.note ? `${existing.note}; ${m.note}` : m.note;
          continue;
        }
        planned.set(key, { activity, schoolYear: year, date: m.date, openDay: m.workingDay, periodLabel: describePeriod(m.date, isFixedDay(activity, m.scheduleIndex)), note: m.note });
      }
    }
  }
  return { years, planned };
}

export type MeetmomentJobSummary = {
  schoolYear: string;
  workingDay: boolean;
  announced: number;
  opened: number;
  reminded: number;
  closed: number;
  overdue: number;
  casesOpened: number;
  messages: number;
  /** Activities with a round but nobody to send it to (ids only). */
  withoutOwner: string[];
  failed: number;
};

function toState(round: RoundRecord | null): RoundState {
  if (!round) return { status: "nieuw", announced: false, remindersSent: 0, submitted: false };
  const status = round.status === "gepland" || round.status === "open" || round.status === "gesloten" ? round.status : "gesloten";
  return { status, announced: round.announcedAt !== null, remindersSent: round.remindersSent, submitted: round.submittedAt !== null };
}

/**
 * One run of the `meetmomenten` job at `now`: for every meetmoment of the catalogue and every
 * round not yet closed, the planner says what is due, and each round's step runs in its own
 * transaction (a failing round is logged and the others go on). Idempotent: a second run at the
 * same moment finds every step done.
 */
export async function runMeetmomenten(db: Db, deps: MeetmomentDeps, now: Date, options: { logger?: Logger } = {}): Promise<MeetmomentJobSummary> {
  const summary: MeetmomentJobSummary = {
    schoolYear: getSchoolYear(now, deps.calendar.zone),
    workingDay: isWorkingDay(now, deps.calendar),
    announced: 0,
    opened: 0,
    reminded: 0,
    closed: 0,
    overdue: 0,
    casesOpened: 0,
    messages: 0,
    withoutOwner: [],
    failed: 0,
  };
  const activities = await listActivities(db);
  const { years, planned } = listPlannedMeetmomenten(activities, now, deps.calendar);
  const known = new Map((await listRoundsOfSchoolYears(db, years)).map((r) => [roundKey(r.activityId, r.meetmomentDate), r]));
  // Rounds of older school years that are still open (the bot was down for a long time) are looked after too.
  for (const r of await listUnclosedRounds(db)) known.set(roundKey(r.activityId, r.meetmomentDate), r);
  const keys = new Set([...planned.keys(), ...[...known.entries()].filter(([, r]) => r.status !== "gesloten").map(([k]) => k)]);
  const today = toIsoDate(now, deps.calendar.zone);
  const horizon = { from: shiftIsoDate(today, -CANDIDATE_WINDOW_DAYS), to: shiftIsoDate(today, CANDIDATE_WINDOW_DAYS) };
  for (const key of [...keys].sort()) {
    const meetmoment = planned.get(key);
    const stored = known.get(key) ?? null;
    if (stored?.status === "gesloten") continue;
    const openDay = stored?.openDay ?? meetmoment!.openDay;
    // Far from today nothing can be due for a round that does not exist yet; skipping it keeps a run cheap.
    if (!stored && (openDay < horizon.from || openDay > horizon.to)) continue;
    const base = timelineOf(openDay, deps.calendar, deps.policy);
    const timeline: RoundTimeline = stored ? { ...base, closesAt: stored.closesAt } : base;
    const state = toState(stored);
    const steps = planRoundSteps(state, timeline, now);
    for (const step of steps) {
      try {
        await runInTransaction(db, (tx) => runStep(tx, deps, step, { meetmoment, stored, timeline, now, summary }));
      } catch (error) {
        summary.failed++;
        options.logger?.error({ round: key, step: step.kind, err: describeErrorForLog(error) }, "meetmoment step failed");
      }
    }
  }
  summary.withoutOwner = [...new Set(summary.withoutOwner)].sort();
  return summary;
}

type StepContext = { meetmoment: PlannedMeetmoment | undefined; stored: RoundRecord | null; timeline: RoundTimeline; now: Date; summary: MeetmomentJobSummary };

async function ensureRound(tx: DbTx, ctx: StepContext, status: "gepland" | "open", extra: { announcedAt?: Date; openedAt?: Date; remindersSent?: number }): Promise<RoundWithActivity | null> {
  if (ctx.stored) {
    const ok = await updateRoundIfStatus(tx, ctx.stored.id, ctx.stored.status, { status, ...extra });
    return ok ? findRound(tx, ctx.stored.id) : null;
  }
  const m = ctx.meetmoment!;
  try {
    const created = await createRound(tx, {
      activityId: m.activity.id,
      schoolYear: m.schoolYear,
      meetmomentDate: m.date,
      openDay: m.openDay,
      periodLabel: m.periodLabel,
      note: m.note,
      status,
      announcedAt: extra.announcedAt ?? null,
      openedAt: extra.openedAt ?? null,
      closesAt: ctx.timeline.closesAt,
      remindersSent: extra.remindersSent ?? 0,
    });
    return findRound(tx, created.id);
  } catch (error) {
    // Another run created it a moment ago: its run does the sending.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function sendToOwners(tx: DbTx, deps: MeetmomentDeps, round: RoundWithActivity, ctx: StepContext, kind: string, purpose: string, card: AdaptiveCard): Promise<void> {
  const owners = await listActivityOwners(tx, round.activityId, round.activity.ownerRole);
  if (owners.length === 0) ctx.summary.withoutOwner.push(round.activityId);
  const notBefore = nextSendMoment(ctx.now, deps.calendar);
  for (const owner of owners) {
    await deps.enqueue(tx, { key: `meetmoment:${round.id}:${kind}:p${owner.id}`, purpose, recipient: { personId: owner.id }, card, notBefore }, ctx.now);
    ctx.summary.messages++;
  }
}

async function runStep(tx: DbTx, deps: MeetmomentDeps, step: RoundStep, ctx: StepContext): Promise<void> {
  const { now } = ctx;
  switch (step.kind) {
    case "announce": {
      const round = await ensureRound(tx, ctx, "gepland", { announcedAt: now });
      if (!round) return;
      const kpis = await listKpisOfActivity(tx, round.activityId);
      const card = renderNoticeCard(
        buildAnnouncementCardData({ activityName: round.activity.naam, periodLabel: round.periodLabel, openDayLabel: describeDay(round.openDay), kpiNames: kpis.map((k) => k.name), contact: deps.contact }),
      );
      await sendToOwners(tx, deps, round, ctx, "aankondiging", "meetmoment-aankondiging", card);
      ctx.summary.announced++;
      return;
    }
    case "open": {
      const round = await ensureRound(tx, ctx, "open", { openedAt: now, remindersSent: step.remindersDue });
      if (!round) return;
      const card = renderRoundForm(await loadRoundView(tx, round, deps.calendar), now, {
        notice: { text: `Het meetmoment ${round.periodLabel} is geopend: vul de cijfers in tot en met ${describeDay(lastDayOf(round, deps.calendar))}.`, style: "accent" },
      });
      await sendToOwners(tx, deps, round, ctx, "formulier", "meetmoment-formulier", card);
      ctx.summary.opened++;
      return;
    }
    case "remind": {
      const stored = ctx.stored!;
      if (!(await updateRemindersSent(tx, stored.id, stored.remindersSent, step.number))) return;
      const round = (await findRound(tx, stored.id))!;
      const view = await loadRoundView(tx, round, deps.calendar);
      const card = renderRoundForm(view, now, {
        notice: { text: `Herinnering: de cijfers van ${round.activity.naam} over ${round.periodLabel} zijn nog niet ingediend. Dat kan tot en met ${describeDay(view.lastDay)}.`, style: "warning" },
      });
      await sendToOwners(tx, deps, round, ctx, `herinnering-${step.number}`, "meetmoment-herinnering", card);
      ctx.summary.reminded++;
      return;
    }
    case "close": {
      const stored = ctx.stored!;
      if (!(await updateRoundIfStatus(tx, stored.id, stored.status, { status: "gesloten", closedAt: now }))) return;
      ctx.summary.closed++;
      // Only a round whose owners were asked can be late; a round that never opened just closes.
      if (!step.overdue || stored.status !== "open") return;
      const round = (await findRound(tx, stored.id))!;
      const drafted = (await listLatestMeasurements(tx, round.id)).latest.filter((m) => measurementValue(m) !== undefined).length;
      const kpiCount = (await listKpisOfActivity(tx, round.activityId)).length;
      const draftNote = drafted > 0 ? ` Er staat een concept met ${drafted} van ${kpiCount} KPI's.` : "";
      const { case: opened, created } = await openOrUpdateCase(
        tx,
        {
          type: "meetmoment-te-laat",
          subject: { kind: "activity", activityId: round.activityId },
          reason: `Meetmoment ${round.periodLabel} van ${round.activity.naam}: de cijfers zijn niet ingediend vóór de sluiting (${describeDay(lastDayOf(round, deps.calendar))} was de laatste dag).${draftNote}`,
          source: "job",
        },
        now,
      );
      await updateRoundIfStatus(tx, round.id, "gesloten", { lateCaseId: opened.id });
      ctx.summary.overdue++;
      if (created) ctx.summary.casesOpened++;
      return;
    }
  }
}
