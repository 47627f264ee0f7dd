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
