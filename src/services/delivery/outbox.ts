import { z } from "zod";
import type { DbOrTx } from "../../db/client.js";
import { bumpOutboxRevision, findOutboxRowByKey, findPendingUpdateRow, insertOutboxRowOnce, insertOutboxRowsOnce, replaceOutboxPayload, type NewOutboxRow, type OutboxRow } from "../../db/outbox.js";
import { buildUpdateKey, type OutboxState, type Recipient } from "../../domain/delivery/outbox.js";
import { AppError } from "../../errors.js";

/**
 * The outbox API every feature uses. A feature never sends a proactive message itself: it
 * enqueues one, in the same transaction as the change that causes it, and the dispatcher
 * delivers it within Teams' limits, exactly once (see dispatcher.ts for the one exception).
 */

/** Teams refuses messages over about 28 KB; a card that large is a bug, caught at enqueue. */
export const MAX_PAYLOAD_BYTES = 27 * 1024;

const cardSchema = z.object({ type: z.literal("AdaptiveCard"), version: z.string(), body: z.array(z.unknown()) }).passthrough();
const activitySchema = z.object({ type: z.literal("message").optional() }).passthrough();

export type MessageContent = { card: Record<string, unknown>; summary?: string } | { activity: Record<string, unknown> };

export type EnqueueInput = {
  /** Idempotency key, unique over all messages: e.g. `ddd-reminder:2027-03-01:school-12:person-7`. */
  key: string;
  /** What the message is for, as shown in `verzending` (e.g. "ddd-herinnering"). */
  purpose: string;
  recipient: Recipient;
  /** Not sent before this moment (e.g. the next working moment from the calendar). Default: now. */
  notBefore?: Date;
} & MessageContent;

export type EnqueueResult = { enqueued: boolean; id: number; state: OutboxState };

const keySchema = z.string().trim().min(1).max(500);
const purposeSchema = z.string().trim().min(1).max(100);
const recipientSchema = z.union([z.object({ personId: z.number().int().positive() }).strict(), z.object({ conversationId: z.string().min(1).max(1024) }).strict()]);

/** The stored payload: always an activity (a card becomes a message with one Adaptive Card attachment). */
export function buildPayload(content: MessageContent): string {
  let activity: Record<string, unknown>;
  if ("card" in content) {
    const card = cardSchema.safeParse(content.card);
    if (!card.success) throw new AppError("VALIDATION", `invalid-payload: not an Adaptive Card (${card.error.issues[0]?.message ?? "?"})`);
    activity = {
      type: "message",
      ...(content.summary ? { summary: content.summary } : {}),
      attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", content: card.data }],
    };
  } else {
    const parsed = activitySchema.safeParse(content.activity);
    if (!parsed.success) throw new AppError("VALIDATION", "invalid-payload: activity must be a message");
    activity = { ...parsed.data, type: "message" };
  }
  const payload = JSON.stringify(activity);
  if (Buffer.byteLength(payload, "utf8") > MAX_PAYLOAD_BYTES) throw new AppError("VALIDATION", `invalid-payload: ${Buffer.byteLength(payload, "utf8")} bytes, Teams accepts at most about 28 KB`);
  return payload;
}

/**
 * Puts a message in the outbox. Pass the transaction client of the business change (`tx` in
 * `runInTransaction(db, async (tx) => ...)`) so that both commit or neither does. Enqueueing a key
 * that exists already changes nothing and returns `enqueued: false` with the existing row.
 */
export async function enqueueMessage(db: DbOrTx, input: EnqueueInput, now: Date): Promise<EnqueueResult> {
  const { created, row } = await insertOutboxRowOnce(db, toOutboxRow(input, now));
  return { enqueued: created, id: row.id, state: row.state as OutboxState };
}

/**
 * Puts many messages in the outbox at once (a job's run): the same contract as `enqueueMessage`
 * for each (a known key is a no-op; of two with one key the first counts), in a few queries.
 */
export async function enqueueMessages(db: DbOrTx, inputs: readonly EnqueueInput[], now: Date): Promise<{ enqueued: boolean }[]> {
  const rows = inputs.map((input) => toOutboxRow(input, now));
  const inserted = await insertOutboxRowsOnce(db, rows);
  // Of two messages with one key only the first was inserted.
  return rows.map((row) => ({ enqueued: inserted.delete(row.key) }));
}

function toOutboxRow(input: EnqueueInput, now: Date): NewOutboxRow {
  const key = keySchema.parse(input.key);
  const purpose = purposeSchema.parse(input.purpose);
  const recipient = recipientSchema.parse(input.recipient);
  return {
    key,
    purpose,
    kind: "send",
    targetId: null,
    recipientPersonId: "personId" in recipient ? recipient.personId : null,
    recipientConversationId: "conversationId" in recipient ? recipient.conversationId : null,
    payload: buildPayload(input),
    nextAttemptAt: input.notBefore && input.notBefore > now ? input.notBefore : now,
  };
}

export type CardUpdateResult =
  /** Not sent yet: the waiting message now carries the new content; nothing extra is sent. */
  | { mode: "replaced-pending"; id: number }
  /** Sent (or on its way): an update row will replace the card in place (PUT with the stored activity id). */
  | { mode: "update-enqueued"; id: number; updateId: number }
  /** Never delivered (failed or blocked): there is nothing in Teams to update. */
  | { mode: "not-delivered"; id: number; state: OutboxState };

/**
 * Replaces the content of a message sent earlier (by its key), e.g. a reminder whose figures
 * changed. A message still waiting gets the new content; a sent one is updated in place in
 * Teams. Several updates before the dispatcher gets to them are coalesced into one PUT, which
 * always carries the latest content.
 */
export async function requestCardUpdate(db: DbOrTx, input: { key: string } & MessageContent, now: Date): Promise<CardUpdateResult> {
  const run = async (tx: DbOrTx): Promise<CardUpdateResult> => {
    const payload = buildPayload(input);
    const target = await findOutboxRowByKey(tx, keySchema.parse(input.key));
    if (!target || target.kind !== "send") throw new AppError("NOT_FOUND", `no outbox message with this key`);
    if (await replaceOutboxPayload(tx, target.id, payload, ["pending"])) return { mode: "replaced-pending", id: target.id };
    const latest: OutboxRow = await bumpOutboxRevision(tx, target.id, payload);
    if (latest.state === "failed" || latest.state === "blocked") return { mode: "not-delivered", id: target.id, state: latest.state };
    // Coalesce: a pending update row will PUT the latest payload of the target anyway.
    const waiting = await findPendingUpdateRow(tx, target.id);
    if (waiting) {
      await replaceOutboxPayload(tx, waiting.id, payload, ["pending"]);
      return { mode: "update-enqueued", id: target.id, updateId: waiting.id };
    }
    const { row } = await insertOutboxRowOnce(tx, {
      key: buildUpdateKey(target.key, latest.revision),
      purpose: target.purpose,
      kind: "update",
      targetId: target.id,
      recipientPersonId: target.recipientPersonId,
      recipientConversationId: target.recipientConversationId,
      payload,
      nextAttemptAt: now,
    });
    return { mode: "update-enqueued", id: target.id, updateId: row.id };
  };
  // With a plain client, do it in a transaction of our own; inside the caller's, use theirs.
  return "$transaction" in db ? db.$transaction((tx) => run(tx)) : run(db);
}

export type DeliveryStatus = {
  id: number;
  key: string;
  purpose: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  activityId: string | null;
  conversationId: string | null;
  sentAt: Date | null;
  resendSuspect: number;
  revision: number;
};

/** The delivery state of one message, by its idempotency key (null: never enqueued). */
export async function getDeliveryStatus(db: DbOrTx, key: string): Promise<DeliveryStatus | null> {
  const row = await findOutboxRowByKey(db, key);
  if (!row) return null;
  return {
    id: row.id,
    key: row.key,
    purpose: row.purpose,
    state: row.state as OutboxState,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastError: row.lastError,
    activityId: row.activityId,
    conversationId: row.conversationId,
    sentAt: row.sentAt,
    resendSuspect: row.resendSuspect,
    revision: row.revision,
  };
}
