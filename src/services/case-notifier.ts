import type { AdaptiveCard } from "../cards/render-card.js";
import type { DbTx } from "../db/client.js";

/**
 * The port through which cases (and evaluation invitations) send messages. It is called INSIDE
 * the transaction that changes the case, so a durable outbox can store the message atomically
 * with the change: nothing is sent for a change that rolled back, and nothing is lost for one
 * that committed. `key` is unique per message (e.g. case + round + level + recipient), so
 * enqueueing the same message twice (a job run repeated with the same --at) sends it once.
 *
 * Production wiring lives in src/app.ts (`createCaseNotifier`); tests use a recording fake.
 */
export type CaseRecipient = { personId: number } | { conversationId: string };

export type CaseMessage = {
  key: string;
  /** What the message is for, for delivery statistics: "zaak-escalatie", "evaluatie-uitnodiging". */
  purpose: string;
  recipient: CaseRecipient;
  card: AdaptiveCard;
  /** Not before this moment (the next working moment); delivery defers, never drops. */
  notBefore?: Date;
};

export type CaseNotifier = {
  enqueue(tx: DbTx, message: CaseMessage, now: Date): Promise<void>;
};

/** A notifier that only remembers what it was given, for tests and previews. */
export function createRecordingNotifier(): CaseNotifier & { messages: CaseMessage[]; keys: Set<string> } {
  const messages: CaseMessage[] = [];
  const keys = new Set<string>();
  return {
    messages,
    keys,
    async enqueue(_tx, message) {
      // Same contract as the outbox: one message per key.
      if (keys.has(message.key)) return;
      keys.add(message.key);
      messages.push(message);
    },
  };
}
