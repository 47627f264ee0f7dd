import { appendCaseEvent, findCaseById, findCaseByOpenKey, findLastCaseEvent, type CaseRecord, type CaseUpdate } from "../../db/cases.js";
import { runInTransaction, type Db, type DbTx } from "../../db/client.js";
import { CURRENT_POLICY_VERSION, OVERSTAP_REFERENCE_REFUSAL, authorizeCaseAction, buildOpenKey, buildSubjectKey, chooseOverstapSchool, decideCaseAction, getEscalationPolicy, getTopLevel, type CaseAction, type CaseType, type CaseVia, type OverstapReason, URGENT_OVERSTAP_REASONS } from "../../domain/cases/index.js";
import { AppError } from "../../errors.js";
import { assertFreeTextAllowed } from "../free-text.js";
import { advanceCase, fireLevel } from "./escalation.js";
import { findReceivingInstitution, sendHandoverCard } from "./handover.js";
import { openOrUpdateCase } from "./open.js";
import { toSnapshot, applyChanges } from "./state.js";
import type { CaseDeps, CaseActor } from "./types.js";
import { buildCaseView, type CaseView } from "./view.js";

// ---------------------------------------------------------------------------------------------
// Human actions

export const HANDOVER_USAGE = "Noem bij een warme overdracht wie de leerling ontvangt, bijvoorbeeld **overstapzaak OS-2027-0042 warme overdracht naar 30LB** (de BRIN of de naam van de mbo-instelling). Die intake bevestigt de overdracht op een kaart.";

export type CaseActionResult =
  | { kind: "done"; case: CaseRecord; message: string; view: CaseView }
  /** Someone else changed the case since the actor's card was made: nothing was changed. */
  | { kind: "conflict"; case: CaseRecord; changedBy: string | null; view: CaseView }
  | { kind: "refused"; message: string; case: CaseRecord | null }
  | { kind: "not-found"; message: string };

export type CaseActionInput = {
  caseId: number;
  action: CaseAction;
  actor: CaseActor;
  via: CaseVia;
  /** The version on the card the actor pressed; absent for chat commands (they act on the latest state). */
  expectedVersion?: number;
};

const DONE_MESSAGES: Record<CaseAction["kind"], (id: number) => string> = {
  acknowledge: (id) => `Je hebt zaak ${id} opgepakt en bent nu eigenaar. De escalatie staat stil zolang jij eraan werkt.`,
  comment: (id) => `Je opmerking staat bij zaak ${id}.`,
  pause: (id) => `Zaak ${id} is gepauzeerd.`,
  resolve: (id) => `Zaak ${id} is gesloten.`,
  reopen: (id) => `Zaak ${id} is heropend en begint opnieuw bij L0.`,
  escalate: (id) => `Zaak ${id} is geëscaleerd.`,
  resume: (id) => `Zaak ${id} is hervat.`,
};

export function conflictNotice(changedBy: string | null): string {
  return `Deze zaak is net gewijzigd door ${changedBy ?? "iemand anders"}, dit is de nieuwe stand. Er is niets van jou verwerkt; kijk of je actie nog nodig is.`;
}

export async function performInTx(tx: DbTx, deps: CaseDeps, input: CaseActionInput, now: Date): Promise<CaseActionResult> {
  const record = await findCaseById(tx, input.caseId);
  if (!record) return { kind: "not-found", message: `Zaak ${input.caseId} bestaat niet. Typ **zaken** voor de openstaande zaken.` };
  const authorized = authorizeCaseAction(input.actor, input.action.kind, record.schoolId, record.openedById);
  if (!authorized.ok) return { kind: "refused", message: authorized.message, case: null };
  const conflict = async (): Promise<CaseActionResult> => {
    const fresh = (await findCaseById(tx, input.caseId))!;
    // Comments do not change the version, so the one who made the card stale made the last other event.
    const last = await findLastCaseEvent(tx, fresh.id, { exceptKinds: ["commented"] });
    const changedBy = last?.actorName ?? (last?.via === "job" ? "Aanjager (automatische escalatie)" : null);
    return { kind: "conflict", case: fresh, changedBy, view: await buildCaseView(tx, deps, fresh, now, { notice: conflictNotice(changedBy) }) };
  };
  // A comment adds to the history and cannot overwrite anything, so an older card may still comment.
  if (input.expectedVersion !== undefined && input.expectedVersion !== record.version && input.action.kind !== "comment") return conflict();

  const notes = input.action.kind === "comment" || input.action.kind === "resolve" ? [input.action.note] : input.action.kind === "escalate" ? [input.action.note] : [];
  await assertFreeTextAllowed(tx, notes);

  const policy = getEscalationPolicy(record.policyVersion, record.subjectKind);
  const decision = decideCaseAction({ ...toSnapshot(record), ownerId: record.ownerId }, input.action, input.actor.personId, now, getTopLevel(policy));
  if (!decision.ok) return { kind: "refused", message: decision.message, case: record };

  if (input.action.kind === "escalate") {
    const outcome = await fireLevel(tx, deps, record, decision.event.level!, now, { via: input.via, actor: input.actor, note: decision.event.note, manual: true });
    if (outcome.kind === "conflict") return conflict();
  } else {
    if (input.action.kind === "reopen") {
      const other = await findCaseByOpenKey(tx, buildOpenKey(record.type as CaseType, record.subjectKey));
      if (other && other.id !== record.id) return { kind: "refused", message: `Er is al een open zaak over hetzelfde onderwerp: zaak ${other.id}. Werk daarmee verder.`, case: record };
    }
    // A new round runs under the policy in force now; the old round's version stays in its events.
    const extra: CaseUpdate = input.action.kind === "reopen" ? { policyVersion: CURRENT_POLICY_VERSION } : {};
    const applied = await applyChanges(tx, deps, record, decision.changes, now, extra);
    if (!applied) return conflict();
    await appendCaseEvent(tx, {
      caseId: record.id, kind: decision.event.kind, at: now, actorPersonId: input.actor.personId, actorName: input.actor.naam, via: input.via,
      level: decision.event.level ?? record.level, note: decision.event.note ?? null, data: decision.event.data ?? null,
    });
  }
  const fresh = (await findCaseById(tx, record.id))!;
  return { kind: "done", case: fresh, message: DONE_MESSAGES[input.action.kind](record.id), view: await buildCaseView(tx, deps, fresh, now) };
}

/** One human action on a case (chat or card), atomically and without lost updates. */
export async function performCaseAction(db: Db, deps: CaseDeps, input: CaseActionInput, now: Date): Promise<CaseActionResult> {
  return runInTransaction(db, (tx) => performInTx(tx, deps, input, now));
}

/**
 * `escaleer <school> [reden]`: opens a "werkafspraak" case about the school and fires L0 now,
 * or, when that case is already open, raises it one level now.
 */
export async function escalateSchool(
  db: Db,
  deps: CaseDeps,
  input: { schoolId: number; reason: string; actor: CaseActor; via: CaseVia },
  now: Date,
): Promise<CaseActionResult & { created?: boolean }> {
  const authorized = authorizeCaseAction(input.actor, "escalate", input.schoolId);
  if (!authorized.ok) return { kind: "refused", message: authorized.message, case: null };
  // The reason is screened for pupil data where it is stored: in openOrUpdateCase or performInTx.
  return runInTransaction(db, async (tx) => {
    const subjectKey = buildSubjectKey({ kind: "school", schoolId: input.schoolId });
    const existing = await findCaseByOpenKey(tx, buildOpenKey("werkafspraak", subjectKey));
    if (existing) {
      const result = await performInTx(tx, deps, { caseId: existing.id, action: { kind: "escalate", note: input.reason || undefined }, actor: input.actor, via: input.via }, now);
      return { ...result, created: false };
    }
    const reason = input.reason || `Werkafspraak niet nagekomen; handmatig geëscaleerd door ${input.actor.naam ?? "het projectteam"}.`;
    const opened = await openOrUpdateCase(tx, { type: "werkafspraak", subject: { kind: "school", schoolId: input.schoolId }, reason, source: input.via, actorPersonId: input.actor.personId }, now);
    await advanceCase(tx, deps, opened.case.id, now);
    const fresh = (await findCaseById(tx, opened.case.id))!;
    return { kind: "done", case: fresh, created: true, message: `Zaak ${fresh.id} is geopend over ${fresh.subjectLabel}.`, view: await buildCaseView(tx, deps, fresh, now) };
  });
}

/**
 * An overstap case reported by hand (projectteam or decaan), about a pupil known only by a
 * pseudonymous reference. A reference that is already an open case is added to it, but only by
 * someone who may see that case: a decaan reporting another school's reference is refused and
 * changes nothing.
 */
export async function openOverstapCase(
  db: Db,
  deps: CaseDeps,
  input: { reference: string; reason: OverstapReason; note: string; actor: CaseActor; via: CaseVia; receiver?: string },
  now: Date,
): Promise<{ case: CaseRecord; created: boolean; view: CaseView }> {
  const schoolId = chooseOverstapSchool(input.actor);
  const authorized = authorizeCaseAction(input.actor, "open-overstap", schoolId);
  if (!authorized.ok) throw new AppError("FORBIDDEN", "overstap case refused", { userMessage: authorized.message });
  return runInTransaction(db, async (tx) => {
    // A warme overdracht names who receives the pupil; without that it is not a handover.
    let receiverSchoolId: number | null = null;
    if (input.reason === "warme-overdracht") {
      if (!input.receiver) throw new AppError("VALIDATION", "handover without receiver", { userMessage: HANDOVER_USAGE });
      const receiver = await findReceivingInstitution(tx, input.receiver);
      if ("refused" in receiver) throw new AppError("VALIDATION", "unknown receiving institution", { userMessage: receiver.refused });
      receiverSchoolId = receiver.id;
    }
    const opened = await openOrUpdateCase(
      tx,
      {
        type: "overstap",
        subject: { kind: "overstap", reference: input.reference, reason: input.reason, schoolId, receiverSchoolId },
        reason: input.note,
        severity: URGENT_OVERSTAP_REASONS.includes(input.reason) ? "hoog" : "normaal",
        source: input.via,
        actorPersonId: input.actor.personId,
      },
      now,
    );
    // Checked on the case the report landed on, so a concurrent report cannot slip past it;
    // throwing rolls back the update of the other case.
    if (!authorizeCaseAction(input.actor, "view", opened.case.schoolId, opened.case.openedById).ok) {
      throw new AppError("FORBIDDEN", "overstap reference belongs to a case the reporter may not see", { userMessage: OVERSTAP_REFERENCE_REFUSAL });
    }
    if (opened.created) await advanceCase(tx, deps, opened.case.id, now);
    if (opened.created && receiverSchoolId) await sendHandoverCard(tx, deps, (await findCaseById(tx, opened.case.id))!, now);
    const fresh = (await findCaseById(tx, opened.case.id))!;
    return { case: fresh, created: opened.created, view: await buildCaseView(tx, deps, fresh, now) };
  });
}
