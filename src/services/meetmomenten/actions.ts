import { isUniqueViolation, runInTransaction, type Db } from "../../db/client.js";
import { findRound, findRoundState, insertMeasurements, listSubmittedParties, markRoundSubmitted, type MeasurementRecord, type NewMeasurement, type RoundWithActivity } from "../../db/meetmomenten.js";
import { getSchoolYear } from "../../domain/calendar/index.js";
import { formatDutchDateTime } from "../../domain/dutch-date.js";
import { parseFormInputs, type FormField, type FormIssue, type FormMode, type FormValue } from "../../domain/meetmomenten/form.js";
import { checkFreeText } from "../free-text.js";
import { type MeetmomentDeps, type MeetmomentActor, type MeasurementSource, mayActOnActivity, PROGRAMME_ROLES } from "./deps.js";
import { isRoundClosed, readMeasurementValue } from "../../domain/meetmomenten/round.js";
import { type RoundCardView, type RoundView, loadRoundParties, loadRoundView, roundCard, roundForm, roundSummary } from "./round-view.js";

/** Which round a card is about (the data every meetmoment button carries); `party` in a per-party round. */
export type RoundRef = { roundId: number; activityId: string; schoolYear: string; party?: string };

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
    if (key === "roundId" || key === "activityId" || key === "schoolYear" || key === "party") continue;
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
  const party = await resolveParty(db, round, actor, envelope.party ?? "");
  if (typeof party === "string") return party;
  if (round.activity.figuresPer && !party && input.kind !== "bekijken") {
    return `Bij ${round.activity.naam} geeft elke partij haar eigen cijfers door. Gebruik het formulier dat je partij kreeg, of typ **cijfers ${round.activityId}**. ${NOTHING_CHANGED}`;
  }
  const view = await loadRoundView(db, round, deps.calendar, party);
  if (input.kind === "bekijken") return roundCard(view, now);
  if (isRoundClosed(round, now)) return closedMessage(round, now, deps.calendar.zone);
  if (input.kind === "wijzigen") return view.submittedAt ? roundForm(view, now, { correcting: true }) : roundForm(view, now);
  if (input.kind === "concept" && view.submittedAt) {
    return roundForm(view, now, { correcting: true, typed: input.inputs, notice: { text: `Dit meetmoment is al ingediend: een wijziging sla je op met **Correctie indienen**. ${NOTHING_CHANGED}`, style: "warning" } });
  }

  const mode: FormMode = input.kind === "indienen" ? "indienen" : "concept";
  const parsed = parseFormInputs(view.fields, input.inputs, mode);
  const issues = parsed.ok ? await screenFormTexts(db, view.fields, parsed.values) : parsed.issues;
  if (!parsed.ok || issues.length > 0) {
    const fieldErrors = new Map(issues.filter((i) => i.inputId).map((i) => [i.inputId!, i.message]));
    const errors = issues.map((i) => (i.label ? `${i.label}: ${i.message}` : i.message));
    return roundForm(view, now, { correcting: Boolean(view.submittedAt), typed: input.inputs, fieldErrors, errors });
  }
  return saveFigures(db, deps, view, mode, parsed.values, input, now);
}

/**
 * Whose figures a card is about in a per-party round: the party on the card (its owners and the
 * programme roles may act for it), else the actor's own party. Null: the round as a whole (an
 * activity reporting once, or the projectteam looking at the region). A string: the refusal.
 */
async function resolveParty(db: Db, round: RoundWithActivity, actor: MeetmomentActor, requested: string): Promise<{ key: string; label: string } | null | string> {
  if (!round.activity.figuresPer) return requested ? `Deze kaart hoort niet bij een meetmoment dat ik ken. ${NOTHING_CHANGED} Typ **cijfers** voor je open meetmomenten.` : null;
  const parties = await loadRoundParties(db, round);
  const programme = actor.roles.some((r) => (PROGRAMME_ROLES as readonly string[]).includes(r.role));
  if (requested) {
    const party = parties.find((p) => p.key === requested);
    if (!party) return `Deze kaart noemt een partij die niet (meer) bij ${round.activity.naam} hoort. ${NOTHING_CHANGED} Typ **cijfers** voor je open meetmomenten.`;
    if (!programme && !party.owners.some((o) => o.id === actor.personId)) return `Alleen ${party.label} en het projectteam kunnen de cijfers van ${party.label} doorgeven. ${NOTHING_CHANGED}`;
    return { key: party.key, label: party.label };
  }
  const own = parties.find((p) => p.owners.some((o) => o.id === actor.personId));
  return own ? { key: own.key, label: own.label } : null;
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
  const wasSubmitted = Boolean(view.submittedAt);
  const party = { party: view.party?.key ?? "", partyLabel: view.party?.label ?? null };
  // Versions continue from what the view read. If someone saved in between, the unique
  // (round, KPI, version) refuses the insert: optimistic concurrency without a second read.
  const rows: NewMeasurement[] = [];
  const base = { roundId: view.round.id, ...party, source: input.source, personId: input.actor.personId, personName: input.actor.naam, recordedAt: now };
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
      if (mode === "indienen" && !wasSubmitted) {
        // A per-party round is complete (the owners' task done) once every party has submitted.
        const submitted = view.party ? await listSubmittedParties(tx, view.round.id) : null;
        if (!submitted || view.parties.every((p) => submitted.has(p.key))) await markRoundSubmitted(tx, view.round.id, input.actor.personId, now);
      }
      return false;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two saves of the same round at the same moment: the other one won; show its result.
    const fresh = (await findRound(db, view.round.id))!;
    return roundCard(await loadRoundView(db, fresh, deps.calendar, view.party), now, { text: "Iemand anders sloeg net ook cijfers op voor dit meetmoment. Dit is de nieuwe stand; controleer hem en probeer het zo nodig opnieuw.", style: "warning" });
  }
  if (closed) return closedMessage(view.round, now, deps.calendar.zone);
  if (view.party) {
    // Other parties' state and the region total changed with this save: read the round again.
    const fresh = await loadRoundView(db, (await findRound(db, view.round.id))!, deps.calendar, view.party);
    return describeSaved(fresh, mode, wasSubmitted, rows.length, now);
  }
  // What was just written is known: the refreshed card is built without reading it back.
  const latest = new Map(view.latest);
  const submittedCount = new Map(view.submittedCount);
  rows.forEach((row, i) => {
    latest.set(row.kpiId, { ...row, id: -1 - i });
    if (row.status === "ingediend") submittedCount.set(row.kpiId, (submittedCount.get(row.kpiId) ?? 0) + 1);
  });
  const round = mode === "indienen" && !wasSubmitted ? { ...view.round, submittedAt: now, submittedById: input.actor.personId } : view.round;
  return describeSaved({ ...view, round, latest, submittedCount, submittedAt: round.submittedAt }, mode, wasSubmitted, rows.length, now);
}

function describeSaved(updated: RoundView, mode: FormMode, wasSubmitted: boolean, changed: number, now: Date): RoundCardView {
  const latest = updated.latest;
  if (mode === "concept") {
    const filled = [...latest.values()].filter((m) => readMeasurementValue(m) !== undefined).length;
    return roundForm(updated, now, {
      notice: { text: `Concept opgeslagen om ${formatDutchDateTime(now).slice(11)} (${filled} van ${updated.kpis.length} ingevuld). Nog niet ingediend: dat doe je met **Indienen** als alles bekend is.`, style: "accent" },
    });
  }
  if (!wasSubmitted) return roundSummary(updated, now, { text: "Dank je wel! De cijfers zijn ingediend.", style: "good" });
  if (changed === 0) return roundSummary(updated, now, { text: `${NOTHING_CHANGED} De ingediende cijfers blijven zoals ze waren.`, style: "accent" });
  return roundSummary(updated, now, { text: `Correctie opgeslagen: ${changed} ${changed === 1 ? "waarde" : "waarden"} gewijzigd. De vorige waarden blijven bewaard.`, style: "good" });
}
