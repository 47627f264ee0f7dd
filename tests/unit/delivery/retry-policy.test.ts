import { describe, expect, it } from "vitest";
import { computeBackoffMs, decideAfterFailure, describeFailure, parseRetryAfter, type SendFailure } from "../../../src/domain/delivery/retry-policy.js";
import { buildRouteKey, describeDeliveryProblem, toBaseConversationId } from "../../../src/domain/delivery/outbox.js";

const policy = { maxAttempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };
const failure = (status: number | null, extra: Partial<SendFailure> = {}): SendFailure => ({ status, code: null, retryAfterMs: null, ambiguous: false, ...extra });

describe("decideAfterFailure", () => {
  it("honours Retry-After on 429, with a small spread upward only", () => {
    expect(decideAfterFailure(failure(429, { retryAfterMs: 3000 }), 1, policy, () => 0)).toEqual({ action: "retry", delayMs: 3000, throttled: true, reason: "429" });
    expect(decideAfterFailure(failure(429, { retryAfterMs: 3000 }), 1, policy, () => 1)).toMatchObject({ delayMs: 3100 });
  });

  it("backs off exponentially with jitter on 429 without Retry-After, 412, 5xx and network errors", () => {
    for (const status of [429, 412, 500, 502, 503, 504, null]) {
      const decision = decideAfterFailure(failure(status), 3, policy, () => 0.5);
      expect(decision, String(status)).toMatchObject({ action: "retry", delayMs: 3000 });
    }
  });

  it("blocks on 403 and never retries it", () => {
    expect(decideAfterFailure(failure(403, { code: "ConversationBlockedByUser" }), 1, policy, () => 0)).toEqual({ action: "blocked", reason: "403 ConversationBlockedByUser" });
  });

  it("fails on 404 and other client errors without retrying", () => {
    expect(decideAfterFailure(failure(404, { code: "ConversationNotFound" }), 1, policy, () => 0)).toEqual({ action: "failed", reason: "404 ConversationNotFound" });
    expect(decideAfterFailure(failure(400), 1, policy, () => 0)).toMatchObject({ action: "failed" });
  });

  it("gives up after the last attempt", () => {
    expect(decideAfterFailure(failure(503, { code: "X" }), 5, policy, () => 0)).toEqual({ action: "failed", reason: "max-attempts 5: 503 X" });
    expect(decideAfterFailure(failure(503), 4, policy, () => 0).action).toBe("retry");
  });
});

describe("backoff and Retry-After parsing", () => {
  it("doubles per attempt up to the maximum, half fixed and half random", () => {
    expect(computeBackoffMs(1, policy, () => 0)).toBe(500);
    expect(computeBackoffMs(1, policy, () => 1)).toBe(1000);
    expect(computeBackoffMs(4, policy, () => 1)).toBe(8000);
    expect(computeBackoffMs(40, policy, () => 1)).toBe(60_000);
  });

  it("reads seconds and HTTP dates, and ignores garbage", () => {
    expect(parseRetryAfter("2", 0)).toBe(2000);
    expect(parseRetryAfter("0.5", 0)).toBe(500);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter("soon", 0)).toBeNull();
    expect(parseRetryAfter(undefined, 0)).toBeNull();
    expect(parseRetryAfter("999999", 0)).toBe(3_600_000);
  });

  it("describes failures by status and code only", () => {
    expect(describeFailure(failure(null, { code: "ECONNRESET" }))).toBe("network ECONNRESET");
    expect(describeFailure(failure(503))).toBe("503");
  });
});

describe("routing vocabulary", () => {
  it("sends a channel message to the channel, not to the thread it was captured in", () => {
    expect(toBaseConversationId("19:abc@thread.tacv2;messageid=123")).toBe("19:abc@thread.tacv2");
    expect(buildRouteKey({ personId: null, conversationId: "19:abc@thread.tacv2;messageid=1" })).toBe(buildRouteKey({ personId: null, conversationId: "19:abc@thread.tacv2" }));
    expect(buildRouteKey({ personId: 7, conversationId: null })).toBe("person:7");
  });

  it("explains problems in Dutch", () => {
    expect(describeDeliveryProblem("403 ConversationBlockedByUser")).toBe("heeft Aanjager geblokkeerd (403 ConversationBlockedByUser)");
    expect(describeDeliveryProblem("max-attempts 10: 503 X")).toContain("bleef mislukken");
    expect(describeDeliveryProblem("404 NotFound")).toContain("gesprek bestaat niet meer");
  });
});
