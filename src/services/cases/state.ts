import { findCaseById, updateCaseIfVersion, type CaseRecord, type CaseUpdate } from "../../db/cases.js";
import type { DbTx } from "../../db/client.js";
import type { WorkCalendar } from "../../domain/calendar/index.js";
import { buildOpenKey, getEscalationPolicy, isCaseState, planEscalation, type CaseChanges, type CaseSnapshot, type CaseType } from "../../domain/cases/index.js";
import type { CaseDeps } from "./types.js";

export function toSnapshot(record: CaseRecord): CaseSnapshot {
  return {
    id: record.id,
    state: isCaseState(record.state) ? record.state : "open",
    level: record.level,
    levelSince: record.levelSince,
    pausedUntil: record.pausedUntil,
    pausedFrom: record.pausedFrom && isCaseState(record.pausedFrom) ? record.pausedFrom : null,
    policyVersion: record.policyVersion,
    subjectKind: record.subjectKind,
    round: record.round,
  };
}

/** When the job should look at the case again; null when nothing will happen by itself. */
export function planHint(snapshot: CaseSnapshot, now: Date, cal: WorkCalendar): Date | null {
  const step = planEscalation(snapshot, getEscalationPolicy(snapshot.policyVersion, snapshot.subjectKind), now, cal);
  if (step.kind === "wait" || step.kind === "escalate") return step.dueAt;
  if (step.kind === "paused") return step.until;
  if (step.kind === "resume") return step.at;
  return null;
}

/**
 * Opens a case, or finds the unresolved one for the same subject and type (dedupe). Other
 * features call this inside their own transaction when they detect a problem. A repeated call
 * with a new reason or a higher severity updates the case and records that; an identical one
 * changes nothing. The first level (L0) fires at the escalation job's next run.

/** Writes changes conditional on the version read, with a fresh plan hint; null on a lost race. */
export async function applyChanges(tx: DbTx, deps: Pick<CaseDeps, "calendar">, record: CaseRecord, changes: CaseChanges, now: Date, extra: CaseUpdate = {}): Promise<CaseRecord | null> {
  if (!(await writeChanges(tx, deps, record, changes, now, extra))) return null;
  return findCaseById(tx, record.id);
}

/** `applyChanges` without reading the case back (the escalation job reads all its cases back at once); false on a lost race. */
export async function writeChanges(tx: DbTx, deps: Pick<CaseDeps, "calendar">, record: CaseRecord, changes: CaseChanges, now: Date, extra: CaseUpdate = {}): Promise<boolean> {
  const { holdsOpenKey, ...fields } = changes;
  const next = { ...toSnapshot(record), ...stripUndefined(fields), ...(extra.policyVersion ? { policyVersion: extra.policyVersion } : {}) } as CaseSnapshot;
  const update: CaseUpdate = { ...stripUndefined(fields), ...extra, nextEscalationAt: planHint(next, now, deps.calendar) };
  if (holdsOpenKey === false) update.openKey = null;
  if (holdsOpenKey === true) update.openKey = buildOpenKey(record.type as CaseType, record.subjectKey);
  return updateCaseIfVersion(tx, record.id, record.version, update);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
