import type { AdaptiveCard } from "../domain/adaptive-card.js";
import type { Db, DbTx } from "../db/client.js";
import { withMaintenanceWindow } from "../db/maintenance.js";
import { collectReferenceData, deleteCasesWithHistory, findCaseIdsByReference, listOverstapCases, scrubReferenceMentions } from "../db/pupil-references.js";
import { nextSendMoment, type WorkCalendar } from "../domain/calendar/index.js";
import { formatDutchDate } from "../domain/dutch-date.js";
import { planOverstapRetention, type DayOfSchoolYear } from "../domain/retention.js";
import { AppError } from "../errors.js";
import type { EnqueueMessage } from "./ports.js";

/**
 * Pupil references: the pseudonymous kenmerk of an overstap case is personal data of a pupil.
 * Its cases are deleted when their purpose ends (the retention job), and an AVG request about
 * one pupil finds and erases everything stored about the reference (`aanjager privacy kenmerk-*`).
 */
/** The notice to a case's owner a week before an overstap case is deleted. */
export type OverstapDeletionNotice = { caseId: number; reference: string; deleteOn: string; contact: string };

export type OverstapRetentionDeps = {
  enqueue: EnqueueMessage;
  calendar: WorkCalendar;
  deleteOn: DayOfSchoolYear;
  contact: string;
  /** Renders the notice (src/cards/overstap-deletion-card.ts): the service gives the data. */
  renderNotice: (notice: OverstapDeletionNotice) => AdaptiveCard;
};

export type OverstapRetentionResult = { overstapCasesDeleted: number; overstapEventsDeleted: number; overstapMessagesDeleted: number; referenceMentionsScrubbed: number; deletionNotices: number };

/**
 * Deletes the overstap cases whose deletion day has come (open ones too) with their history and
 * messages, and tells the owner (or, without one, whoever reported it) a week before. Runs in
 * the caller's maintenance window.
 */
export async function applyOverstapRetention(tx: DbTx, deps: OverstapRetentionDeps, now: Date): Promise<OverstapRetentionResult> {
  const cases = await listOverstapCases(tx);
  const plan = planOverstapRetention(cases, now, deps.deleteOn, deps.calendar.zone);
  const byId = new Map(cases.map((c) => [c.id, c]));
  let notices = 0;
  for (const { id, deleteOn } of plan.notify) {
    const c = byId.get(id)!;
    const personId = c.ownerId ?? c.openedById;
    if (personId === null) continue;
    const card = deps.renderNotice({ caseId: id, reference: c.overstapRef, deleteOn: formatDutchDate(deleteOn, deps.calendar.zone), contact: deps.contact });
    // The key starts with the case's prefix, so the notice goes with the case; enqueueing it again is a no-op.
    const { enqueued } = await deps.enqueue(tx, { key: `zaak-${id}-verwijdering`, purpose: "overstap-verwijdering", recipient: { personId }, card, notBefore: nextSendMoment(now, deps.calendar) }, now);
    if (enqueued) notices++;
  }
  const dueIds = plan.due.map((d) => d.id);
  const deleted = await deleteCasesWithHistory(tx, dueIds);
  // A reference whose every case is gone is scrubbed from other text too (comments, summaries).
  let scrubbed = 0;
  for (const reference of new Set(dueIds.map((id) => byId.get(id)!.overstapRef))) {
    if ((await findCaseIdsByReference(tx, reference)).length === 0) scrubbed += await scrubReferenceMentions(tx, reference);
  }
  return { overstapCasesDeleted: deleted.cases, overstapEventsDeleted: deleted.events, overstapMessagesDeleted: deleted.messages, referenceMentionsScrubbed: scrubbed, deletionNotices: notices };
}

function normalizeReference(reference: string): string {
  const trimmed = reference.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]{2,39}$/.test(trimmed)) throw new AppError("VALIDATION", `Ongeldig kenmerk '${reference}' (letters, cijfers en - . _ /, zoals OS-2027-0042)`);
  return trimmed.toUpperCase();
}

/** AVG request about a pupil: everything stored about one reference. */
export async function exportReferenceData(db: Db, reference: string, now: Date): Promise<Record<string, unknown>> {
  const ref = normalizeReference(reference);
  return { exportedAt: now.toISOString(), kenmerk: ref, ...(await collectReferenceData(db, ref)) };
}

/** Erases everything about one reference: its cases with history and messages; mentions elsewhere become "[kenmerk verwijderd]". */
export async function eraseReferenceData(db: Db, reference: string, now: Date): Promise<{ kenmerk: string; changed: Record<string, number> }> {
  const ref = normalizeReference(reference);
  return withMaintenanceWindow(db, "privacy-delete", now, async (tx) => {
    const deleted = await deleteCasesWithHistory(tx, await findCaseIdsByReference(tx, ref));
    const mentions = await scrubReferenceMentions(tx, ref);
    return { kenmerk: ref, changed: { zaken: deleted.cases, zaakgeschiedenis: deleted.events, berichten: deleted.messages, vermeldingen: mentions } };
  });
}
