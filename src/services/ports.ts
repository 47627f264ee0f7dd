import type { AdaptiveCard } from "../domain/adaptive-card.js";
import type { DbTx } from "../db/client.js";
import type { OpenCaseInput } from "./cases/index.js";

export type { OpenCaseInput };

/**
 * The seams between features, so each can be built and tested on its own and wired together in
 * src/app.ts. Implementations: the delivery outbox (issue 4) and the escalation service (issue 6).
 */
/** A person (their personal chat), or a conversation such as a linked channel (the caller looks it up in its own transaction). */
export type OutboundRecipient = { personId: number } | { conversationId: string };

export type OutboundMessage = {
  /** Idempotency key: enqueueing the same key twice is a no-op (e.g. "ddd:2026-2027:step-3:school-12:person-40"). */
  key: string;
  /** What the message is for, for the `verzending` overview (e.g. "ddd-herinnering"). */
  purpose: string;
  recipient: OutboundRecipient;
  card: AdaptiveCard;
  /** Not sent before this moment (a working moment computed with the calendar). */
  notBefore?: Date;
};

/** Enqueue inside the same transaction as the business change that causes the message. */
export type EnqueueMessage = (tx: DbTx, message: OutboundMessage, now: Date) => Promise<{ enqueued: boolean }>;

/**
 * Enqueue many at once, for a job's run: the same contract per message as `EnqueueMessage`, in a
 * few queries instead of two per message. The result is in the order of `messages`.
 */
export type EnqueueMessages = (tx: DbTx, messages: readonly OutboundMessage[], now: Date) => Promise<{ enqueued: boolean }[]>;

/** The batch port on top of a one-message port (test fakes record each message as before). */
export function enqueueOneByOne(enqueue: EnqueueMessage): EnqueueMessages {
  return async (tx, messages, now) => {
    const results: { enqueued: boolean }[] = [];
    for (const message of messages) results.push(await enqueue(tx, message, now));
    return results;
  };
}

/** Opens a case, or returns the open case with the same subject and type (one open case per subject and type); in the cases' own vocabulary. */
export type OpenCase = (tx: DbTx, input: OpenCaseInput, now: Date) => Promise<{ caseId: number; caseNumber: number; created: boolean }>;
