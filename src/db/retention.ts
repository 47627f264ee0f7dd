import type { DbTx } from "./client.js";

/** Deletes cases closed before `cutoff` with their events (inside a maintenance window). */
export async function pruneClosedCases(tx: DbTx, cutoff: Date): Promise<{ cases: number; events: number }> {
  const old = await tx.case.findMany({ where: { state: "opgelost", resolvedAt: { lt: cutoff } }, select: { id: true } });
  const ids = old.map((c) => c.id);
  if (ids.length === 0) return { cases: 0, events: 0 };
  const events = await tx.caseEvent.deleteMany({ where: { caseId: { in: ids } } });
  const cases = await tx.case.deleteMany({ where: { id: { in: ids } } });
  return { cases: cases.count, events: events.count };
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
  const { count } = await tx.outboxMessage.deleteMany({
    where: { state: { in: SETTLED_OUTBOX_STATES }, updatedAt: { lt: cutoff }, id: { notIn: waiting.map((w) => w.targetId!) } },
  });
  return count;
}
