import { appendCaseEvent, createCase, findCaseById, findCaseByOpenKey, findCaseStateByOpenKey, findCasePeople, findSchoolForCase, updateCaseIfVersion, type CaseRecord, type CaseUpdate } from "../../db/cases.js";
import { isUniqueViolation, tryWrite, type DbTx } from "../../db/client.js";
import { BSN_REFUSAL, CURRENT_POLICY_VERSION, SEVERITIES, buildOpenKey, buildSubjectKey, containsBsn, isCaseType, isSeverity, type CaseSubject, type CaseType, type CaseVia, type Severity } from "../../domain/cases/index.js";
import { AppError } from "../../errors.js";
import { assertFreeTextAllowed } from "../free-text.js";

export type OpenCaseInput = {
  type: CaseType;
  subject: CaseSubject;
  /** Why, in Dutch, without personal data of pupils (a BSN-like number is refused). */
  reason: string;
  severity?: Severity;
  source: CaseVia;
  actorPersonId?: number | null;
};

export type OpenCaseResult = { case: CaseRecord; created: boolean };

const OVERSTAP_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{2,39}$/;

/** A pseudonymous reference: letters, digits and - . _ /, at least one digit, never a BSN. */
export function validateOverstapReference(reference: string): string | null {
  // A BSN first: that answer says what to use instead, whatever else is wrong with the reference.
  if (containsBsn(reference)) return BSN_REFUSAL;
  if (!OVERSTAP_REFERENCE.test(reference) || !/\d/.test(reference)) {
    return "Gebruik als kenmerk alleen het pseudonieme nummer uit het overstapsysteem (letters, cijfers en streepjes, bijvoorbeeld OS-2027-0042), nooit een naam.";
  }
  return null;
}


async function findActorName(tx: DbTx, personId: number | null | undefined): Promise<string | null> {
  if (!personId) return null;
  const [person] = await findCasePeople(tx, [personId]);
  return person?.naam ?? null;
}

async function describeSubject(tx: DbTx, subject: CaseSubject): Promise<{ label: string; schoolId: number | null }> {
  const schoolId = subject.kind === "school" ? subject.schoolId : (subject.schoolId ?? null);
  const school = schoolId ? await findSchoolForCase(tx, schoolId) : null;
  if (schoolId && !school) throw new AppError("NOT_FOUND", `school ${schoolId} not found`, { userMessage: "Die school ken ik niet." });
  const atSchool = school ? `${school.naam} (${school.brin})` : null;
  switch (subject.kind) {
    case "school":
      return { label: atSchool!, schoolId };
    case "activity":
      return { label: `activiteit ${subject.activityId}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
    case "contact": {
      const [person] = await findCasePeople(tx, [subject.personId]);
      if (!person) throw new AppError("NOT_FOUND", `person ${subject.personId} not found`, { userMessage: "Die contactpersoon ken ik niet." });
      return { label: `contactpersoon ${person.naam}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
    }
    case "overstap":
      return { label: `overstapzaak ${subject.reference.toUpperCase()}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
  }
}
/**
 * Opens a case, or finds the unresolved one for the same subject and type (dedupe). Other
 * features call this inside their own transaction when they detect a problem. A repeated call
 * with a new reason or a higher severity updates the case and records that; an identical one
 * changes nothing. The first level (L0) fires at the escalation job's next run.
 */
export async function openOrUpdateCase(tx: DbTx, input: OpenCaseInput, now: Date): Promise<OpenCaseResult> {
  if (!isCaseType(input.type)) throw new AppError("VALIDATION", `unknown case type ${input.type}`);
  const severity = input.severity ?? "normaal";
  if (!isSeverity(severity)) throw new AppError("VALIDATION", `unknown severity ${severity}`);
  const reason = input.reason.trim();
  if (reason === "") throw new AppError("VALIDATION", "case without a reason", { userMessage: "Geef een reden op voor de zaak." });
  // Pupil data first: that refusal says what to use instead, whatever else is wrong. A job's
  // reason is composed by Aanjager from figures and the catalogue, not typed by anyone: the
  // screen (milliseconds per text) is for what people write.
  if (input.source !== "job") await assertFreeTextAllowed(tx, [reason, input.subject.kind === "overstap" ? input.subject.reference : null]);
  if (input.subject.kind === "overstap") {
    const problem = validateOverstapReference(input.subject.reference);
    if (problem) throw new AppError("VALIDATION", "invalid overstap reference", { userMessage: problem });
  }

  const subjectKey = buildSubjectKey(input.subject);
  const openKey = buildOpenKey(input.type, subjectKey);
  const actorName = await findActorName(tx, input.actorPersonId);
  // The case's state first, its people and schools only for the record returned: a job reports
  // the same cases again every step day, and the full record cost four queries each time.
  const existing = await findCaseStateByOpenKey(tx, openKey);
  if (existing) {
    const raiseSeverity = SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(existing.severity as Severity);
    // A new report about an overstap may name another risk; the card's title follows it, as the reason does.
    const newOverstapReason = input.subject.kind === "overstap" && input.subject.reason !== existing.overstapReason ? input.subject.reason : null;
    if (existing.reason === reason && !raiseSeverity && newOverstapReason === null) return { case: (await findCaseById(tx, existing.id))!, created: false };
    const update: CaseUpdate = { reason, ...(raiseSeverity ? { severity } : {}), ...(newOverstapReason ? { overstapReason: newOverstapReason } : {}) };
    if (!(await updateCaseIfVersion(tx, existing.id, existing.version, update))) {
      throw new AppError("CONFLICT", `case ${existing.id} changed while updating`);
    }
    await appendCaseEvent(tx, {
      caseId: existing.id, kind: "updated", at: now, actorPersonId: input.actorPersonId ?? null, actorName, via: input.source,
      level: existing.level, note: reason, data: raiseSeverity ? { severity } : null,
    });
    return { case: (await findCaseById(tx, existing.id))!, created: false };
  }

  const { label, schoolId } = await describeSubject(tx, input.subject);
  const subject = input.subject;
  const record = await createCaseOrFindWinner(tx, openKey, {
    type: input.type,
    subjectKind: subject.kind,
    subjectKey,
    subjectLabel: label,
    schoolId,
    activityId: subject.kind === "activity" ? subject.activityId : null,
    contactPersonId: subject.kind === "contact" ? subject.personId : null,
    overstapRef: subject.kind === "overstap" ? subject.reference.toUpperCase() : null,
    overstapReason: subject.kind === "overstap" ? subject.reason : null,
    receiverSchoolId: subject.kind === "overstap" ? (subject.receiverSchoolId ?? null) : null,
    reason,
    severity,
    openedById: input.actorPersonId ?? null,
    openKey,
    policyVersion: CURRENT_POLICY_VERSION,
    levelSince: now,
    // Due at once: the job decides the exact working moment with the calendar.
    nextEscalationAt: now,
    openedAt: now,
  });
  if ("existing" in record) return { case: record.existing, created: false };
  await appendCaseEvent(tx, {
    caseId: record.id, kind: "opened", at: now, actorPersonId: input.actorPersonId ?? null, actorName, via: input.source,
    level: -1, note: reason, data: { policyVersion: CURRENT_POLICY_VERSION, severity },
  });
  return { case: record, created: true };
}

/**
 * Creates the case; if a concurrent writer stored one with the same dedupe key first (the
 * unique openKey), returns theirs (the insert runs under a savepoint on PostgreSQL, see tryWrite).
 */
async function createCaseOrFindWinner(tx: DbTx, openKey: string, data: Parameters<typeof createCase>[1]): Promise<CaseRecord | { existing: CaseRecord }> {
  try {
    return await tryWrite(tx, () => createCase(tx, data));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findCaseByOpenKey(tx, openKey);
    if (!winner) throw error;
    return { existing: winner };
  }
}
