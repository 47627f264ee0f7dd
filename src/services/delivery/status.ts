import type { Db } from "../../db/client.js";
import { countOutboxByPurposeAndState, listUndeliveredOutboxRows } from "../../db/outbox.js";
import { describeDeliveryProblem, toBaseConversationId } from "../../domain/delivery/outbox.js";

/**
 * The `verzending` overview: per purpose how many messages wait, went out, failed or were
 * blocked, and who did not get theirs. Names appear here (the projectteam needs them to act),
 * never in logs.
 */
export type PurposeCounts = { purpose: string; pending: number; sent: number; failed: number; blocked: number; resendSuspect: number };

export type UndeliveredRecipient = { recipient: string; purpose: string; state: "failed" | "blocked"; reason: string; messages: number };

export type DeliverySummary = {
  purposes: PurposeCounts[];
  totals: Omit<PurposeCounts, "purpose">;
  undelivered: UndeliveredRecipient[];
  /** Undelivered recipients beyond the list. */
  undeliveredMore: number;
};

const SCAN_LIMIT = 1_000;

function describeConversation(conversationId: string): string {
  const base = toBaseConversationId(conversationId);
  const kind = base.startsWith("19:") ? "kanaal of groepschat" : "chat";
  return `${kind} ${base.length > 24 ? `${base.slice(0, 24)}…` : base}`;
}

export async function summarizeDelivery(db: Db, options: { recipientLimit?: number } = {}): Promise<DeliverySummary> {
  const limit = options.recipientLimit ?? 20;
  const counts = await countOutboxByPurposeAndState(db);
  const byPurpose = new Map<string, PurposeCounts>();
  for (const c of counts) {
    const entry = byPurpose.get(c.purpose) ?? { purpose: c.purpose, pending: 0, sent: 0, failed: 0, blocked: 0, resendSuspect: 0 };
    // "sending" is a moment inside a send; for people it is still waiting.
    if (c.state === "pending" || c.state === "sending") entry.pending += c.count;
    else if (c.state === "sent") entry.sent += c.count;
    else if (c.state === "failed") entry.failed += c.count;
    else if (c.state === "blocked") entry.blocked += c.count;
    entry.resendSuspect += c.resendSuspect;
    byPurpose.set(c.purpose, entry);
  }
  const purposes = [...byPurpose.values()];
  const totals = purposes.reduce(
    (t, p) => ({ pending: t.pending + p.pending, sent: t.sent + p.sent, failed: t.failed + p.failed, blocked: t.blocked + p.blocked, resendSuspect: t.resendSuspect + p.resendSuspect }),
    { pending: 0, sent: 0, failed: 0, blocked: 0, resendSuspect: 0 },
  );

  const rows = await listUndeliveredOutboxRows(db, SCAN_LIMIT);
  const groups = new Map<string, UndeliveredRecipient>();
  for (const row of rows) {
    const recipient = row.recipientPersonId !== null ? (row.recipientPersonNaam ?? `persoon ${row.recipientPersonId}`) : row.recipientConversationId ? describeConversation(row.recipientConversationId) : "onbekende ontvanger";
    const state = row.state === "blocked" ? "blocked" : "failed";
    const reason = describeDeliveryProblem(row.lastError);
    const key = `${row.recipientPersonId ?? row.recipientConversationId}|${row.purpose}|${state}|${reason}`;
    const group = groups.get(key);
    if (group) group.messages += 1;
    else groups.set(key, { recipient, purpose: row.purpose, state, reason, messages: 1 });
  }
  const all = [...groups.values()];
  return { purposes, totals, undelivered: all.slice(0, limit), undeliveredMore: Math.max(0, all.length - limit) };
}
