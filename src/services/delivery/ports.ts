import type { DbTx } from "../../db/client.js";
import type { EnqueueMessage, OutboundMessage } from "../ports.js";
import { enqueueMessage } from "./outbox.js";

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
