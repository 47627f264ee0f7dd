import { CardFactory, type ConversationReference } from "botbuilder";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import { findDeliveryReference } from "../db/case-delivery.js";
import type { Logger } from "../logger.js";
import type { CaseNotifier } from "../services/case-notifier.js";

/**
 * FALLBACK until the durable outbox lands: sends a case message straight through the adapter
 * (continueConversationAsync with the stored conversation reference). The send starts after
 * the current call stack, i.e. normally after the caller's transaction committed, and is not
 * retried; `notBefore` is not honoured (messages created outside working time go out at once).
 * Keys already sent by this process are skipped. `flush` waits for sends in flight (CLI exit,
 * shutdown).
 */
export type DirectSendNotifier = CaseNotifier & { flush: () => Promise<void> };

export function createDirectSendNotifier(options: { adapter: TeamsAdapter; appId: string | undefined; logger: Logger }): DirectSendNotifier {
  const sentKeys = new Set<string>();
  const inFlight = new Set<Promise<void>>();
  return {
    async enqueue(tx, message) {
      if (sentKeys.has(message.key)) return;
      sentKeys.add(message.key);
      const stored = (await findDeliveryReference(tx, message.recipient)) as Partial<ConversationReference> | null;
      if (!stored) {
        options.logger.warn({ key: message.key, purpose: message.purpose }, "no conversation reference for recipient; message not sent (needs the outbox)");
        return;
      }
      // Without the activity id of the message it was captured from, the send is a new message, not a reply to it.
      const { activityId: _activityId, ...reference } = stored;
      const send = new Promise<void>((resolve) => setImmediate(resolve))
        .then(() =>
          options.adapter.continueConversationAsync(options.appId ?? "", reference, async (context) => {
            // The continuation activity carries a made-up id that sendActivity would turn into a
            // replyToId; a proactive message must start a new message (a new thread in a channel).
            context.activity.id = undefined;
            await context.sendActivity({ type: "message", attachments: [CardFactory.adaptiveCard(message.card)] });
          }),
        )
        .then(() => options.logger.info({ key: message.key, purpose: message.purpose }, "case message sent"))
        .catch((error: unknown) => options.logger.warn({ key: message.key, err: error instanceof Error ? error.message : String(error) }, "case message failed"));
      inFlight.add(send);
      void send.finally(() => inFlight.delete(send));
    },
    async flush() {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },
  };
}
