import type { SendFailure } from "../../domain/delivery/retry-policy.js";

/**
 * What the dispatcher needs from Teams, and nothing more. The production implementation
 * (src/teams/proactive-sender.ts) goes through the Bot Framework CloudAdapter; tests can
 * supply their own. Every method makes exactly one HTTP call (no hidden retries: retrying is
 * the dispatcher's decision, counted against Teams' limits) and throws DeliverySendError.
 */
export type OutboundActivity = Record<string, unknown>;

export type DeliverySender = {
  /** Posts a new activity into the conversation of a stored ConversationReference; returns Teams' activity id. */
  send: (reference: unknown, activity: OutboundActivity) => Promise<{ activityId: string | null }>;
  /** Replaces an activity sent earlier (PUT), e.g. a card whose figures changed. */
  update: (reference: unknown, activityId: string, activity: OutboundActivity) => Promise<void>;
  /** Creates the 1:1 chat between the bot and a user (Teams returns the existing one if there is one). */
  createPersonalConversation: (input: { serviceUrl: string; tenantId: string | null; botId: string; userId: string; userAadObjectId: string | null }) => Promise<{ conversationId: string; reference: unknown }>;
};

export class DeliverySendError extends Error {
  readonly failure: SendFailure;

  constructor(failure: SendFailure, message?: string, options?: { cause?: unknown }) {
    super(message ?? `send failed: ${failure.status ?? "network"} ${failure.code ?? ""}`.trim(), options);
    this.name = "DeliverySendError";
    this.failure = failure;
  }
}

/** Anything a sender throws, as a SendFailure. Unknown errors count as "may have reached Teams". */
export function toSendFailure(error: unknown): SendFailure {
  if (error instanceof DeliverySendError) return error.failure;
  const code = typeof error === "object" && error !== null && "code" in error ? String((error as { code: unknown }).code) : "unexpected";
  return { status: null, code, retryAfterMs: null, ambiguous: true };
}
