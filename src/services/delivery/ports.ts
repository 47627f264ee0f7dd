import type { Db, DbTx } from "../../db/client.js";
import { AppError } from "../../errors.js";
import { findLinkedChannel } from "../channel-links.js";
import type { EnqueueMessage, OutboundMessage } from "../ports.js";
import { enqueueMessage } from "./outbox.js";

/**
 * The delivery port (src/services/ports.ts) on top of the outbox. `onEnqueued` wakes the
 * server's dispatcher, so a message due now leaves at once instead of at the next poll.
 */
export function createOutboxEnqueue(onEnqueued: () => void): EnqueueMessage {
  return async (tx: DbTx, message: OutboundMessage, now: Date) => {
    let recipient: { personId: number } | { conversationId: string };
    if ("channel" in message.recipient) {
      const channel = await findLinkedChannel(tx as unknown as Db, message.recipient.channel);
      if (!channel) throw new AppError("NOT_FOUND", `no ${message.recipient.channel} channel linked (koppel ${message.recipient.channel})`);
      recipient = { conversationId: channel.conversationId };
    } else {
      recipient = message.recipient;
    }
    const result = await enqueueMessage(tx, { key: message.key, purpose: message.purpose, recipient, card: message.card, notBefore: message.notBefore }, now);
    if (result.enqueued) onEnqueued();
    return { enqueued: result.enqueued };
  };
}
