import type { Db, DbOrTx } from "./client.js";
import { isRecordNotFound, isUniqueViolation, Prisma, tryWrite } from "./client.js";

/**
 * The outbox table. Every state change is a conditional update (on the state, or on the
 * claim token), so two dispatchers, or a dispatcher and a crashed one's lease, can never both
 * own a row.
 */
export type OutboxRow = {
  id: number;
  key: string;
  purpose: string;
  kind: string;
  targetId: number | null;
  recipientPersonId: number | null;
  recipientConversationId: string | null;
  payload: string;
  revision: number;
  state: string;
  attempts: number;
  nextAttemptAt: Date;
  claimToken: string | null;
  claimedAt: Date | null;
  leaseUntil: Date | null;
  lastError: string | null;
  resendSuspect: number;
  conversationId: string | null;
  activityId: string | null;
  sentAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
};

export type NewOutboxRow = {
  key: string;
  purpose: string;
  kind: "send" | "update";
  targetId: number | null;
  recipientPersonId: number | null;
  recipientConversationId: string | null;
  payload: string;
  nextAttemptAt: Date;
};

/** Inserts unless the key exists. Returns the row and whether it was new. */
export async function insertOutboxRowOnce(db: DbOrTx, row: NewOutboxRow): Promise<{ created: boolean; row: OutboxRow }> {
  const existing = await db.outboxMessage.findUnique({ where: { key: row.key } });
  if (existing) return { created: false, row: existing };
  try {
    return { created: true, row: await tryWrite(db, () => db.outboxMessage.create({ data: row })) };
  } catch (error) {
    // Another writer inserted the same key between our read and insert.
    if (!isUniqueViolation(error)) throw error;
    return { created: false, row: await db.outboxMessage.findUniqueOrThrow({ where: { key: row.key } }) };
  }
}

const OUTBOX_INSERT_COLUMNS = ["key", "purpose", "kind", "targetId", "recipientPersonId", "recipientConversationId", "payload", "nextAttemptAt", "createdAt", "updatedAt"] as const;
/** Rows per insert: few enough (x 10 columns) to stay one statement under SQLite's 999 parameters. */
const OUTBOX_ROWS_PER_INSERT = 90;

/**
 * Inserts the rows whose key does not exist yet (the first of two rows with one key wins) and
 * returns the keys it inserted. The unique key decides, in the insert itself, so a writer that
 * inserted one of the keys a moment earlier simply keeps its row.
 *
 * Raw SQL on purpose: Prisma's createMany cost about half a millisecond of CPU per row (a card
 * payload is several kB that it walks), a job enqueues one per recipient (660 on the region).
 * The other columns take the table's defaults (pending, revision 1, no attempts), as through
 * Prisma; the timestamps are bound as Date, so the adapter stores them as Prisma's own.
 */
export async function insertOutboxRowsOnce(db: DbOrTx, rows: readonly NewOutboxRow[]): Promise<Set<string>> {
  const inserted = new Set<string>();
  const now = new Date();
  const columns = Prisma.raw(OUTBOX_INSERT_COLUMNS.map((c) => `"${c}"`).join(", "));
  for (let i = 0; i < rows.length; i += OUTBOX_ROWS_PER_INSERT) {
    const slice = rows.slice(i, i + OUTBOX_ROWS_PER_INSERT);
    // Prisma.sql binds the values with each database's own placeholders (? or $n).
    const values = slice.map((row) => Prisma.sql`(${Prisma.join([row.key, row.purpose, row.kind, row.targetId, row.recipientPersonId, row.recipientConversationId, row.payload, row.nextAttemptAt, now, now])})`);
    const returned = await db.$queryRaw<{ key: string }[]>`INSERT INTO "OutboxMessage" (${columns}) VALUES ${Prisma.join(values)} ON CONFLICT ("key") DO NOTHING RETURNING "key"`;
    for (const row of returned) inserted.add(row.key);
  }
  return inserted;
}

export async function findOutboxRowByKey(db: DbOrTx, key: string): Promise<OutboxRow | null> {
  return db.outboxMessage.findUnique({ where: { key } });
}

export async function findOutboxRow(db: DbOrTx, id: number): Promise<OutboxRow | null> {
  return db.outboxMessage.findUnique({ where: { id } });
}

/** The pending update row of a message, if one is still waiting (updates are coalesced into it). */
export async function findPendingUpdateRow(db: DbOrTx, targetId: number): Promise<OutboxRow | null> {
  return db.outboxMessage.findFirst({ where: { targetId, kind: "update", state: "pending" }, orderBy: { id: "desc" } });
}

/** Replaces the payload of a row that is not in flight; returns false if it is (or no longer pending). */
export async function replaceOutboxPayload(db: DbOrTx, id: number, payload: string, states: readonly string[]): Promise<boolean> {
  const result = await db.outboxMessage.updateMany({ where: { id, state: { in: [...states] } }, data: { payload, revision: { increment: 1 } } });
  return result.count === 1;
}

export async function bumpOutboxRevision(db: DbOrTx, id: number, payload: string): Promise<OutboxRow> {
  return db.outboxMessage.update({ where: { id }, data: { payload, revision: { increment: 1 } } });
}

export type DueOutboxRow = { id: number; kind: string; recipientPersonId: number | null; recipientConversationId: string | null; nextAttemptAt: Date };

/**
 * Pending rows that are due, in due order, after `after` (a scan cursor): the dispatcher's
 * work list. Ids and recipients only; the payload is read when a row is claimed.
 */
export async function listDueOutboxRows(db: Db, now: Date, limit: number, after: { nextAttemptAt: Date; id: number } | null = null): Promise<DueOutboxRow[]> {
  return db.outboxMessage.findMany({
    where: {
      state: "pending",
      nextAttemptAt: { lte: now },
      ...(after ? { OR: [{ nextAttemptAt: { gt: after.nextAttemptAt } }, { nextAttemptAt: after.nextAttemptAt, id: { gt: after.id } }] } : {}),
    },
    orderBy: [{ nextAttemptAt: "asc" }, { id: "asc" }],
    take: limit,
    select: { id: true, kind: true, recipientPersonId: true, recipientConversationId: true, nextAttemptAt: true },
  });
}

/**
 * Requests to Teams since `since`, with their recipient: what Teams may still count against
 * each conversation's windows, for a dispatcher that just started. Sent rows at their sentAt;
 * rows claimed but not (yet) sent at their claim, because that request may have reached Teams
 * (a process killed in the middle of it, a timeout).
 */
export async function listRequestsSince(db: Db, since: Date): Promise<{ recipientPersonId: number | null; recipientConversationId: string | null; at: Date }[]> {
  const rows = await db.outboxMessage.findMany({
    where: { OR: [{ state: "sent", sentAt: { gte: since } }, { state: { not: "sent" }, claimedAt: { gte: since } }] },
    select: { recipientPersonId: true, recipientConversationId: true, state: true, sentAt: true, claimedAt: true },
  });
  return rows.map((row) => ({ recipientPersonId: row.recipientPersonId, recipientConversationId: row.recipientConversationId, at: (row.state === "sent" ? row.sentAt : row.claimedAt)! }));
}

/**
 * pending -> sending, if the row is still pending and due. The token and lease make the claim
 * ours alone; a crashed owner's lease runs out and the row is re-queued (see requeueExpiredClaims).
 */
export async function claimOutboxRow(db: Db, id: number, claim: { token: string; dueBy: Date; claimedAt: Date; leaseUntil: Date }): Promise<OutboxRow | null> {
  try {
    return await db.outboxMessage.update({
      where: { id, state: "pending", nextAttemptAt: { lte: claim.dueBy } },
      data: { state: "sending", claimToken: claim.token, claimedAt: claim.claimedAt, leaseUntil: claim.leaseUntil, attempts: { increment: 1 } },
    });
  } catch (error) {
    if (isRecordNotFound(error)) return null;
    throw error;
  }
}

export async function markOutboxSent(db: Db, id: number, token: string, sent: { conversationId: string; activityId: string | null; sentAt: Date }): Promise<boolean> {
  const result = await db.outboxMessage.updateMany({
    where: { id, state: "sending", claimToken: token },
    data: { state: "sent", conversationId: sent.conversationId, activityId: sent.activityId, sentAt: sent.sentAt, claimToken: null, leaseUntil: null, lastError: null },
  });
  return result.count === 1;
}

/** sending -> pending for another attempt later. `giveBackAttempt` when the attempt never reached Teams (waiting for the original of an update). */
export async function rescheduleOutboxRow(
  db: Db,
  id: number,
  token: string,
  retry: { nextAttemptAt: Date; lastError: string | null; resendSuspect: boolean; giveBackAttempt?: boolean },
): Promise<boolean> {
  const result = await db.outboxMessage.updateMany({
    where: { id, state: "sending", claimToken: token },
    data: {
      state: "pending",
      nextAttemptAt: retry.nextAttemptAt,
      lastError: retry.lastError,
      claimToken: null,
      leaseUntil: null,
      ...(retry.resendSuspect ? { resendSuspect: { increment: 1 } } : {}),
      ...(retry.giveBackAttempt ? { attempts: { decrement: 1 } } : {}),
    },
  });
  return result.count === 1;
}

export async function finishOutboxRow(db: Db, id: number, token: string, outcome: { state: "failed" | "blocked"; lastError: string }): Promise<boolean> {
  const result = await db.outboxMessage.updateMany({
    where: { id, state: "sending", claimToken: token },
    data: { state: outcome.state, lastError: outcome.lastError, claimToken: null, leaseUntil: null },
  });
  return result.count === 1;
}

/**
 * Rows left in `sending` by a process that died (its lease ran out) go back to pending. Their
 * HTTP call may or may not have reached Teams, so each is counted as a possible re-send.
 */
export async function requeueExpiredClaims(db: Db, now: Date): Promise<number> {
  const result = await db.outboxMessage.updateMany({
    where: { state: "sending", leaseUntil: { lt: now } },
    data: { state: "pending", claimToken: null, leaseUntil: null, resendSuspect: { increment: 1 }, lastError: "lease-expired (outcome unknown)" },
  });
  return result.count;
}

export async function countOutstandingOutboxRows(db: Db): Promise<{ pending: number; sending: number; nextDueAt: Date | null }> {
  const [pending, sending, next] = await Promise.all([
    db.outboxMessage.count({ where: { state: "pending" } }),
    db.outboxMessage.count({ where: { state: "sending" } }),
    db.outboxMessage.findFirst({ where: { state: "pending" }, orderBy: { nextAttemptAt: "asc" }, select: { nextAttemptAt: true } }),
  ]);
  return { pending, sending, nextDueAt: next?.nextAttemptAt ?? null };
}

export type OutboxCount = { purpose: string; state: string; count: number; resendSuspect: number };

export async function countOutboxByPurposeAndState(db: Db): Promise<OutboxCount[]> {
  // Messages only: in-place updates of them are not messages of their own.
  const groups = await db.outboxMessage.groupBy({ by: ["purpose", "state"], where: { kind: "send" }, _count: { _all: true }, _sum: { resendSuspect: true }, orderBy: [{ purpose: "asc" }, { state: "asc" }] });
  return groups.map((g) => ({ purpose: g.purpose, state: g.state, count: g._count._all, resendSuspect: g._sum.resendSuspect ?? 0 }));
}

export type UndeliveredRow = {
  purpose: string;
  state: string;
  lastError: string | null;
  recipientPersonId: number | null;
  recipientPersonNaam: string | null;
  recipientConversationId: string | null;
  updatedAt: Date;
};

/** Failed and blocked messages, newest first, with the person's name for the projectteam's status card. */
export async function listUndeliveredOutboxRows(db: Db, limit: number): Promise<UndeliveredRow[]> {
  const rows = await db.outboxMessage.findMany({
    where: { state: { in: ["failed", "blocked"] }, kind: "send" },
    orderBy: { updatedAt: "desc" },
    take: limit,
    select: { purpose: true, state: true, lastError: true, recipientPersonId: true, recipientConversationId: true, updatedAt: true, recipientPerson: { select: { naam: true } } },
  });
  return rows.map(({ recipientPerson, ...row }) => ({ ...row, recipientPersonNaam: recipientPerson?.naam ?? null }));
}
