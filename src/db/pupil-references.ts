import { writeInChunks } from "./chunks.js";
import { containsIgnoringCase, type Db, type DbOrTx, type DbTx } from "./client.js";

/**
 * Everything Aanjager stores about one pupil reference (the pseudonymous kenmerk of an overstap
 * case): the cases with that reference and their history and messages, and where the reference
 * is mentioned in other text. Used by the purpose-bound retention of overstap cases and by
 * `aanjager privacy kenmerk-*` (an AVG request about a pupil).
 */

export type OverstapCaseRow = { id: number; overstapRef: string; overstapReason: string | null; openedAt: Date; ownerId: number | null; openedById: number | null; schoolId: number | null };

export async function listOverstapCases(db: DbOrTx): Promise<OverstapCaseRow[]> {
  const rows = await db.case.findMany({
    where: { type: "overstap", overstapRef: { not: null } },
    select: { id: true, overstapRef: true, overstapReason: true, openedAt: true, ownerId: true, openedById: true, schoolId: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => ({ ...r, overstapRef: r.overstapRef! }));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The reference as a whole word, in any case ("os-2027-0042" in a comment is the same pupil). */
function matchReference(reference: string): RegExp {
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(reference)}(?![\\p{L}\\p{N}])`, "giu");
}

/** Outbox rows that belong to a case: its escalation messages, their updates and notices ("zaak-12-..."). */
const caseMessageKeys = (caseId: number) => ({ key: { startsWith: `zaak-${caseId}-` } });

export type ReferenceData = {
  zaken: unknown[];
  zaakgeschiedenis: unknown[];
  berichten: unknown[];
  vermeldingen: { tabel: string; id: number; tekst: string }[];
};

/** What is stored about a reference, found in any case (references are ASCII). */
export async function collectReferenceData(db: Db, reference: string): Promise<ReferenceData> {
  const cases = await db.case.findMany({ where: { overstapRef: reference.toUpperCase() } });
  const ids = cases.map((c) => c.id);
  const pattern = matchReference(reference);
  const mentions = await findMentions(db, reference, ids);
  return {
    zaken: cases,
    zaakgeschiedenis: await db.caseEvent.findMany({ where: { caseId: { in: ids } }, orderBy: { id: "asc" } }),
    berichten: await db.outboxMessage.findMany({ where: { OR: ids.map(caseMessageKeys) }, select: { key: true, purpose: true, state: true, createdAt: true, sentAt: true } }),
    vermeldingen: mentions.filter((m) => m.tekst.match(pattern) !== null),
  };
}

/** Mentions outside the reference's own cases: other cases' reasons, history notes, sent cards, summaries, text KPIs. */
async function findMentions(db: DbOrTx, reference: string, ownCaseIds: readonly number[]): Promise<{ tabel: string; id: number; tekst: string }[]> {
  const contains = containsIgnoringCase(db, reference);
  const notOwn = { notIn: [...ownCaseIds] };
  return [
    ...(await db.case.findMany({ where: { id: notOwn, reason: contains }, select: { id: true, reason: true } })).map((r) => ({ tabel: "Case.reason", id: r.id, tekst: r.reason })),
    ...(await db.caseEvent.findMany({ where: { caseId: notOwn, note: contains }, select: { id: true, note: true } })).map((r) => ({ tabel: "CaseEvent.note", id: r.id, tekst: r.note! })),
    ...(await db.outboxMessage.findMany({ where: { payload: contains, NOT: { OR: ownCaseIds.map(caseMessageKeys) } }, select: { id: true, payload: true } })).map((r) => ({ tabel: "OutboxMessage.payload", id: r.id, tekst: r.payload })),
    ...(await db.weeklySummary.findMany({ where: { data: contains }, select: { id: true, data: true } })).map((r) => ({ tabel: "WeeklySummary.data", id: r.id, tekst: r.data })),
    ...(await db.measurement.findMany({ where: { valueText: contains }, select: { id: true, valueText: true } })).map((r) => ({ tabel: "Measurement.valueText", id: r.id, tekst: r.valueText! })),
  ];
}

export const ERASED_REFERENCE = "[kenmerk verwijderd]";

/** Deletes cases with their history and messages (inside a maintenance window). */
export async function deleteCasesWithHistory(tx: DbTx, caseIds: readonly number[]): Promise<{ cases: number; events: number; messages: number }> {
  if (caseIds.length === 0) return { cases: 0, events: 0, messages: 0 };
  // In slices: on the deletion day a whole school year of overstap cases goes at once.
  const messages = await writeInChunks(caseIds, (ids) => tx.outboxMessage.deleteMany({ where: { OR: ids.map(caseMessageKeys) } }));
  const events = await writeInChunks(caseIds, (ids) => tx.caseEvent.deleteMany({ where: { caseId: { in: ids } } }));
  const cases = await writeInChunks(caseIds, (ids) => tx.case.deleteMany({ where: { id: { in: ids } } }));
  return { cases, events, messages };
}

/** Replaces every mention of the reference outside its own (deleted) cases; returns how many rows changed. */
export async function scrubReferenceMentions(tx: DbTx, reference: string): Promise<number> {
  const pattern = matchReference(reference);
  let changed = 0;
  for (const mention of await findMentions(tx, reference, [])) {
    const text = mention.tekst.replace(pattern, ERASED_REFERENCE);
    if (text === mention.tekst) continue;
    changed++;
    if (mention.tabel === "Case.reason") await tx.case.update({ where: { id: mention.id }, data: { reason: text } });
    else if (mention.tabel === "CaseEvent.note") await tx.caseEvent.update({ where: { id: mention.id }, data: { note: text } });
    else if (mention.tabel === "OutboxMessage.payload") await tx.outboxMessage.update({ where: { id: mention.id }, data: { payload: text } });
    else if (mention.tabel === "WeeklySummary.data") await tx.weeklySummary.update({ where: { id: mention.id }, data: { data: text } });
    else await tx.measurement.update({ where: { id: mention.id }, data: { valueText: text } });
  }
  return changed;
}

export async function findCaseIdsByReference(db: DbOrTx, reference: string): Promise<number[]> {
  return (await db.case.findMany({ where: { overstapRef: reference.toUpperCase() }, select: { id: true } })).map((c) => c.id);
}

/** The states of the cases with these references (a reference may have several cases over time). */
export async function listReferenceCaseStates(db: DbOrTx, references: readonly string[]): Promise<{ reference: string; state: string }[]> {
  if (references.length === 0) return [];
  const rows = await db.case.findMany({ where: { overstapRef: { in: references.map((r) => r.toUpperCase()) } }, select: { overstapRef: true, state: true } });
  return rows.map((r) => ({ reference: r.overstapRef!, state: r.state }));
}
