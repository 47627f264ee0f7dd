import { isUniqueViolation, runInTransaction, type Db } from "../../db/client.js";
import { findRound, findRoundState, insertMeasurements, markRoundSubmitted, type MeasurementRecord, type NewMeasurement, type RoundWithActivity } from "../../db/meetmomenten.js";
import { getSchoolYear } from "../../domain/calendar/index.js";
import { formatDutchDateTime } from "../../domain/dutch-date.js";
import { parseFormInputs, type FormField, type FormIssue, type FormMode, type FormValue } from "../../domain/meetmomenten/form.js";
import { checkFreeText } from "../free-text.js";
import { type MeetmomentDeps, type MeetmomentActor, type MeasurementSource, mayActOnActivity } from "./deps.js";
import { isRoundClosed, readMeasurementValue } from "../../domain/meetmomenten/round.js";
import { type RoundCardView, type RoundView, loadRoundView, roundCard, roundForm, roundSummary } from "./round-view.js";

/** Which round a card is about (the data every meetmoment button carries). */
export type RoundRef = { roundId: number; activityId: string; schoolYear: string };

// ---------------------------------------------------------------------------------------------
// Card actions

export type RoundActionKind = "bekijken" | "wijzigen" | "concept" | "indienen";

export type RoundActionInput = {
  kind: RoundActionKind;
  envelope: RoundRef;
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
  return (m ? readMeasurementValue(m) : undefined) === value;
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
export async function performRoundAction(db: Db, deps: MeetmomentDeps, input: RoundActionInput, now: Date): Promise<RoundCardView | string> {
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
  if (input.kind === "bekijken") return roundCard(view, now);
  if (isRoundClosed(round, now)) return closedMessage(round, now, deps.calendar.zone);
  if (input.kind === "wijzigen") return round.submittedAt ? roundForm(view, now, { correcting: true }) : roundForm(view, now);
  if (input.kind === "concept" && round.submittedAt) {
    return roundForm(view, now, { correcting: true, typed: input.inputs, notice: { text: `Dit meetmoment is al ingediend: een wijziging sla je op met **Correctie indienen**. ${NOTHING_CHANGED}`, style: "warning" } });
  }

  const mode: FormMode = input.kind === "indienen" ? "indienen" : "concept";
  const parsed = parseFormInputs(view.fields, input.inputs, mode);
  const issues = parsed.ok ? await screenFormTexts(db, view.fields, parsed.values) : parsed.issues;
  if (!parsed.ok || issues.length > 0) {
    const fieldErrors = new Map(issues.filter((i) => i.inputId).map((i) => [i.inputId!, i.message]));
    const errors = issues.map((i) => (i.label ? `${i.label}: ${i.message}` : i.message));
    return roundForm(view, now, { correcting: Boolean(round.submittedAt), typed: input.inputs, fieldErrors, errors });
  }
  return saveFigures(db, deps, view, mode, parsed.values, input, now);
}

/** Text fields passed the form's own checks (BSN included); e-mail addresses need the directory, so the whole screen runs here. */
async function screenFormTexts(db: Db, fields: readonly FormField[], values: Map<number, FormValue>): Promise<FormIssue[]> {
  const issues: FormIssue[] = [];
  for (const field of fields) {
    const value = values.get(field.kpiId);
    if (typeof value !== "string") continue;
    const refusal = await checkFreeText(db, [value], "Dit veld");
    if (refusal !== null) issues.push({ inputId: field.inputId, label: field.label, message: refusal });
  }
  return issues;
}

async function saveFigures(db: Db, deps: MeetmomentDeps, view: RoundView, mode: FormMode, values: Map<number, FormValue>, input: RoundActionInput, now: Date): Promise<RoundCardView | string> {
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
    } else if (value !== undefined ? !sameValue(current, value) : current !== undefined && readMeasurementValue(current) !== undefined) {
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
    return roundCard(await loadRoundView(db, fresh, deps.calendar), now, { text: "Iemand anders sloeg net ook cijfers op voor dit meetmoment. Dit is de nieuwe stand; controleer hem en probeer het zo nodig opnieuw.", style: "warning" });
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
    const filled = [...latest.values()].filter((m) => readMeasurementValue(m) !== undefined).length;
    return roundForm(updated, now, {
      notice: { text: `Concept opgeslagen om ${formatDutchDateTime(now).slice(11)} (${filled} van ${updated.kpis.length} ingevuld). Nog niet ingediend: dat doe je met **Indienen** als alles bekend is.`, style: "accent" },
    });
  }
  if (!wasSubmitted) return roundSummary(updated, now, { text: "Dank je wel! De cijfers zijn ingediend.", style: "good" });
  if (rows.length === 0) return roundSummary(updated, now, { text: `${NOTHING_CHANGED} De ingediende cijfers blijven zoals ze waren.`, style: "accent" });
  return roundSummary(updated, now, { text: `Correctie opgeslagen: ${rows.length} ${rows.length === 1 ? "waarde" : "waarden"} gewijzigd. De vorige waarden blijven bewaard.`, style: "good" });
}
