/**
 * What to do after a failed call to Teams, as a pure function of the failure, the attempts
 * made so far and an injected random source (for jitter).
 *
 * - 429: wait Retry-After when Teams gives it, else back off; retried.
 * - 408, 412, 500, 502, 503, 504 and network errors: exponential backoff with jitter; retried.
 * - 403: the recipient cannot be reached (blocked the bot, app removed, writes blocked):
 *   the message is `blocked` and never retried; the recipient is marked unreachable.
 * - 404 and every other 4xx: `failed`, not retried (the conversation is gone or the message
 *   is wrong; trying again would fail the same way).
 * Attempts are bounded: after `maxAttempts` a retryable failure becomes `failed`.
 */
export type SendFailure = {
  /** HTTP status, or null for a network error (no response). */
  status: number | null;
  /** The Bot Framework error code (e.g. ConversationBlockedByUser) or the network error code. */
  code: string | null;
  /** Parsed Retry-After, when the response had one. */
  retryAfterMs: number | null;
  /**
   * True when the request may have reached Teams although no success came back (connection
   * reset, timeout): a retry may then deliver the message a second time.
   */
  ambiguous: boolean;
};

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

export type FailureDecision =
  | { action: "retry"; delayMs: number; throttled: boolean; reason: string }
  | { action: "blocked"; reason: string }
  | { action: "failed"; reason: string };

const RETRYABLE_STATUSES = new Set([408, 412, 429, 500, 502, 503, 504]);
/** Longest Retry-After honoured as given; anything longer is treated as this. */
export const MAX_RETRY_AFTER_MS = 3_600_000;

/** Short machine-readable description for lastError and logs: status and code, never content. */
export function describeFailure(failure: SendFailure): string {
  const code = failure.code ? ` ${failure.code.slice(0, 80)}` : "";
  return failure.status === null ? `network${code}` : `${failure.status}${code}`;
}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries spread out. */
export function computeBackoffMs(attempts: number, policy: RetryPolicy, random: () => number): number {
  const exponent = Math.max(0, attempts - 1);
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.min(exponent, 30));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Retry-After is either delta-seconds or an HTTP date. Returns milliseconds from now, or null. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | null {
  if (value === null || value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === "") return null;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.min(MAX_RETRY_AFTER_MS, Math.round(Number(trimmed) * 1000));
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, at - nowMs));
}

/** `attempts` counts the attempt that just failed. */
export function decideAfterFailure(failure: SendFailure, attempts: number, policy: RetryPolicy, random: () => number): FailureDecision {
  const description = describeFailure(failure);
  if (failure.status === 403) return { action: "blocked", reason: description };
  const retryable = failure.status === null || RETRYABLE_STATUSES.has(failure.status);
  if (!retryable) return { action: "failed", reason: description };
  if (attempts >= policy.maxAttempts) return { action: "failed", reason: `max-attempts ${attempts}: ${description}` };
  const throttled = failure.status === 429;
  if (throttled && failure.retryAfterMs !== null) {
    // Honour Retry-After exactly, plus a little spread so that paused senders do not return in step.
    return { action: "retry", delayMs: failure.retryAfterMs + Math.round(100 * random()), throttled, reason: description };
  }
  return { action: "retry", delayMs: computeBackoffMs(attempts, policy, random), throttled, reason: description };
}
