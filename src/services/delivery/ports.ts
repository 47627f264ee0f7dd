import type { DbTx } from "../../db/client.js";
import type { EnqueueMessage, EnqueueMessages, OutboundMessage } from "../ports.js";
import { enqueueMessage, enqueueMessages } from "./outbox.js";

/**
 * The delivery port (src/services/ports.ts) on top of the outbox. `onEnqueued` wakes the
 * server's dispatcher, so a message due now leaves at once instead of at the next poll.
 */
export function createOutboxEnqueue(onEnqueued: () => void): EnqueueMessage {
  return async (tx: DbTx, message: OutboundMessage, now: Date) => {
    const result = await enqueueMessage(tx, { key: message.key, purpose: message.purpose, recipient: message.recipient, card: message.card, notBefore: message.notBefore }, now);
    if (result.enqueued) onEnqueued();
    return { enqueued: result.enqueued };
  };
}

/** The batch delivery port (a job's run) on top of the outbox. */
export function createOutboxEnqueueMany(onEnqueued: () => void): EnqueueMessages {
  return async (tx: DbTx, messages: readonly OutboundMessage[], now: Date) => {
    const results = await enqueueMessages(tx, messages.map((m) => ({ key: m.key, purpose: m.purpose, recipient: m.recipient, card: m.card, notBefore: m.notBefore })), now);
    if (results.some((r) => r.enqueued)) onEnqueued();
    return results;
  };
}
