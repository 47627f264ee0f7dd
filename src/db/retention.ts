import { writeInChunks } from "./chunks.js";
import type { DbTx } from "./client.js";

/** Deletes cases closed before `cutoff` with their events (inside a maintenance window). */
export async function pruneClosedCases(tx: DbTx, cutoff: Date): Promise<{ cases: number; events: number }> {
  const old = await tx.case.findMany({ where: { state: "opgelost", resolvedAt: { lt: cutoff } }, select: { id: true } });
  const ids = old.map((c) => c.id);
  if (ids.length === 0) return { cases: 0, events: 0 };
  // Slices: a year of a busy region expires more than the 999 ids one statement may carry.
  const events = await writeInChunks(ids, (slice) => tx.caseEvent.deleteMany({ where: { caseId: { in: slice } } }));
  const cases = await writeInChunks(ids, (slice) => tx.case.deleteMany({ where: { id: { in: slice } } }));
  return { cases, events };
}

/** Outbox states after which a row is only a record of what was sent (or could not be). */
const SETTLED_OUTBOX_STATES = ["sent", "failed", "blocked"];

/**
 * Deletes settled outbox rows last touched before `cutoff`. Their payloads are sent cards, which
 * name staff, so they follow the cases' retention. A row that a waiting update still points at
 * stays: the dispatcher needs it to find the message in Teams. Idempotency does not suffer: every
 * feature also records what it did in its own table (case level, reminder log, summary, round).
 */
export async function pruneSettledOutboxRows(tx: DbTx, cutoff: Date): Promise<number> {
  const waiting = await tx.outboxMessage.findMany({ where: { kind: "update", state: { notIn: SETTLED_OUTBOX_STATES }, targetId: { not: null } }, select: { targetId: true } });
  const kept = new Set(waiting.map((w) => w.targetId!));
  // The ids to keep are left out in memory, not in a NOT IN list that could pass SQLite's 999 parameters.
  const expired = await tx.outboxMessage.findMany({ where: { state: { in: SETTLED_OUTBOX_STATES }, updatedAt: { lt: cutoff } }, select: { id: true } });
  return writeInChunks(
    expired.map((r) => r.id).filter((id) => !kept.has(id)),
    (slice) => tx.outboxMessage.deleteMany({ where: { id: { in: slice } } }),
  );
}
