import { describe, expect, it } from "vitest";
import { findWindowExcesses } from "../../support/window-check.js";
import { TEAMS_CONVERSATION_WINDOWS, computeLookbackMs, computeMinimumSpanMs, createRateLimiter, rebuildConversationStamps } from "../../../src/domain/delivery/rate-limiter.js";


/** Sends greedily: every time the limiter allows, for `durationMs` of virtual time. */
function sendGreedily(options: { keys: string[]; durationMs: number; globalPerSecond?: number; globalBurst?: number; marginMs?: number }) {
  const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: options.globalPerSecond ?? 1e6, globalBurst: options.globalBurst ?? 1e6, marginMs: options.marginMs ?? 0 });
  const sent = new Map<string, number[]>(options.keys.map((k) => [k, []]));
  const all: number[] = [];
  let now = 0;
  while (now <= options.durationMs) {
    let nextWait = Infinity;
    for (const key of options.keys) {
      const result = limiter.tryAcquire(key, now);
      if (result.ok) {
        sent.get(key)!.push(now);
        all.push(now);
      } else nextWait = Math.min(nextWait, result.waitMs);
    }
    now += Number.isFinite(nextWait) ? Math.max(1, nextWait) : 1;
  }
  return { sent, all };
}

describe("per-conversation sliding windows (Teams: 7/1 s, 8/2 s, 60/30 s, 1800/hour)", () => {
  it("lets 7 messages go at once and holds the 8th until the first leaves the 1-second window", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000 });
    for (let i = 0; i < 7; i++) expect(limiter.tryAcquire("c", 0)).toEqual({ ok: true });
    expect(limiter.tryAcquire("c", 0)).toEqual({ ok: false, scope: "conversation", waitMs: 1000 });
    expect(limiter.tryAcquire("c", 999).ok).toBe(false);
    expect(limiter.tryAcquire("c", 1000)).toEqual({ ok: true });
    // The 9th: 8 per 2 s is now the binding window.
    expect(limiter.tryAcquire("c", 1500)).toEqual({ ok: false, scope: "conversation", waitMs: 500 });
    expect(limiter.tryAcquire("c", 2000)).toEqual({ ok: true });
  });

  it("widens every window by the margin", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000, marginMs: 50 });
    for (let i = 0; i < 7; i++) limiter.tryAcquire("c", 0);
    expect(limiter.tryAcquire("c", 1000)).toEqual({ ok: false, scope: "conversation", waitMs: 50 });
    expect(limiter.tryAcquire("c", 1050).ok).toBe(true);
  });

  it("keeps conversations apart", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000 });
    for (let i = 0; i < 7; i++) limiter.tryAcquire("a", 0);
    expect(limiter.tryAcquire("a", 0).ok).toBe(false);
    expect(limiter.tryAcquire("b", 0).ok).toBe(true);
  });

  it("never breaks any window under greedy sending for two hours, and reaches exactly the hourly limit", () => {
    const { sent } = sendGreedily({ keys: ["x", "y"], durationMs: 2 * 3_600_000 });
    for (const stamps of sent.values()) {
      expect(findWindowExcesses(stamps, TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
      expect(stamps.filter((t) => t < 3_600_000)).toHaveLength(1800);
    }
  });

  it("paces a burst of 100 to one channel at the 30-second limit: 60, then the rest after the window", () => {
    const { sent } = sendGreedily({ keys: ["channel"], durationMs: 60_000 });
    const stamps = sent.get("channel")!;
    expect(stamps.filter((t) => t < 30_000)).toHaveLength(60);
    expect(findWindowExcesses(stamps.slice(0, 100), TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
    expect(computeMinimumSpanMs(100)).toBe(stamps[99]);
    expect(computeMinimumSpanMs(7)).toBe(0);
    expect(computeMinimumSpanMs(8)).toBe(1000);
  });

  it("obeys Retry-After: a paused conversation waits, others do not", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000 });
    limiter.pause("c", 5_000);
    expect(limiter.tryAcquire("c", 1_000)).toEqual({ ok: false, scope: "paused", waitMs: 4_000 });
    expect(limiter.tryAcquire("d", 1_000).ok).toBe(true);
    expect(limiter.tryAcquire("c", 5_000).ok).toBe(true);
  });

  it("restamps the latest send of a conversation to when it really left, never earlier", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000 });
    for (let i = 0; i < 7; i++) limiter.tryAcquire("c", 0);
    limiter.restamp("c", 300);
    limiter.restamp("c", 100);
    // Six stamps at 0, one at 300: the 8th may go when the oldest of the last 7 (at 0) leaves.
    expect(limiter.tryAcquire("c", 1000).ok).toBe(true);
    // Now 0,0,0,0,0,300,1000 after the first 0 left... the 9th needs 8 per 2 s: stamps at 0 leave at 2000.
    expect(limiter.tryAcquire("c", 1200)).toMatchObject({ ok: false });
  });

  it("forgets idle conversations on prune", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1000, globalBurst: 1000 });
    limiter.tryAcquire("a", 0);
    limiter.tryAcquire("b", 3_000_000);
    limiter.prune(3_600_001);
    expect(limiter.size()).toBe(1);
  });
});

describe("global token bucket (per app per tenant)", () => {
  it("allows the burst at once, then the configured rate", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 30, globalBurst: 5 });
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire(`k${i}`, 0).ok).toBe(true);
    expect(limiter.tryAcquire("k5", 0)).toEqual({ ok: false, scope: "global", waitMs: 34 });
    expect(limiter.tryAcquire("k5", 34).ok).toBe(true);
  });

  it("sustains exactly the rate over time (requests to many conversations)", () => {
    const keys = Array.from({ length: 400 }, (_, i) => `person:${i}`);
    const { all } = sendGreedily({ keys, durationMs: 10_000, globalPerSecond: 30, globalBurst: 5 });
    // 5 at once plus 30 per second for 10 seconds.
    expect(all.length).toBeGreaterThanOrEqual(300);
    expect(all.length).toBeLessThanOrEqual(305);
    // In any one second no more than rate + burst.
    expect(findWindowExcesses(all, [{ limit: 35, windowMs: 1000 }])).toEqual([]);
  });

  it("charges a creation (no conversation) against the global bucket only", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1, globalBurst: 2 });
    expect(limiter.tryAcquire(null, 0).ok).toBe(true);
    expect(limiter.tryAcquire("c", 0).ok).toBe(true);
    expect(limiter.tryAcquire("c", 0)).toMatchObject({ ok: false, scope: "global" });
    expect(limiter.size()).toBe(1);
  });

  it("takes nothing when it says no", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1, globalBurst: 1, windows: [{ limit: 1, windowMs: 10_000 }] });
    expect(limiter.tryAcquire("c", 0).ok).toBe(true);
    // At 1000 the global token is back; "c" is still full, and its refusal must leave the token for "d".
    expect(limiter.tryAcquire("c", 1000)).toMatchObject({ ok: false, scope: "conversation", waitMs: 9000 });
    expect(limiter.tryAcquire("d", 1000).ok).toBe(true);
    expect(limiter.tryAcquire("e", 1000)).toMatchObject({ ok: false, scope: "global" });
  });

  it("rejects nonsense settings", () => {
    expect(() => createRateLimiter({ inFlightMs: 0, globalPerSecond: 0, globalBurst: 1 })).toThrow();
    expect(() => createRateLimiter({ inFlightMs: 0, globalPerSecond: 1, globalBurst: 0 })).toThrow();
  });
});

describe("one request in flight per conversation (the dispatcher and the turns share it)", () => {
  it("holds a conversation from the grant until restamp or release, never past inFlightMs", () => {
    const limiter = createRateLimiter({ globalPerSecond: 1000, globalBurst: 1000, inFlightMs: 3_000 });
    expect(limiter.tryAcquire("c", 0).ok).toBe(true);
    // A second sender (a turn's answer while a reminder is on its way) waits for the first answer.
    expect(limiter.tryAcquire("c", 100)).toMatchObject({ ok: false, scope: "conversation" });
    expect(limiter.tryAcquire("other", 100).ok).toBe(true);
    limiter.restamp("c", 400);
    expect(limiter.tryAcquire("c", 400).ok).toBe(true);
    limiter.release("c");
    expect(limiter.tryAcquire("c", 500).ok).toBe(true);
    // Never answered: the hold ends by itself.
    expect(limiter.tryAcquire("c", 3_499).ok).toBe(false);
    expect(limiter.tryAcquire("c", 3_500).ok).toBe(true);
  });

  it("counts a batch of requests in one grant", () => {
    const limiter = createRateLimiter({ globalPerSecond: 1000, globalBurst: 1000, inFlightMs: 0 });
    expect(limiter.tryAcquire("c", 0, 3, 3).ok).toBe(true);
    for (let i = 0; i < 4; i++) expect(limiter.tryAcquire("c", 0).ok).toBe(true);
    expect(limiter.tryAcquire("c", 0)).toMatchObject({ ok: false, scope: "conversation", waitMs: 1000 });
  });
});

describe("windows rebuilt after a restart", () => {
  it("turns wall-clock send times into stamps as long ago on the monotonic clock, leaving out what no window counts any more", () => {
    const wallNow = 1_800_000_000_000;
    const sends = [
      { key: "a", sentAtMs: wallNow - 500 },
      { key: "a", sentAtMs: wallNow - 1_500 },
      { key: "b", sentAtMs: wallNow - 3_600_000 },
      { key: "b", sentAtMs: wallNow + 2_000 },
    ];
    const stamps = rebuildConversationStamps(sends, wallNow, 10_000, computeLookbackMs());
    expect([...stamps]).toEqual([
      ["a", [8_500, 9_500]],
      // An hour ago counts no more; a send "in the future" (clocks disagree) counts as now.
      ["b", [10_000]],
    ]);
  });

  it("a limiter restored from them refuses what the windows still hold, and keeps what it knew itself", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1e6, globalBurst: 1e6 });
    expect(limiter.tryAcquire("mine", 0).ok).toBe(true);
    limiter.restore(new Map([
      ["full", [0, 100, 200, 300, 400, 500, 600]],
      ["mine", [0, 1, 2, 3, 4, 5, 6]],
    ]));
    expect(limiter.tryAcquire("full", 700)).toMatchObject({ ok: false, scope: "conversation", waitMs: 300 });
    expect(limiter.tryAcquire("full", 1_000).ok).toBe(true);
    // Known to this limiter already: its own stamps stand.
    expect(limiter.tryAcquire("mine", 700).ok).toBe(true);
  });
});

describe("turns before the dispatcher in the app's budget (Teams: 50 per second per app per tenant)", () => {
  it("a turn's answer goes at once when the dispatcher has used up its own rate", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 30, globalBurst: 5 });
    for (let i = 0; i < 5; i++) expect(limiter.tryAcquire(`person:${i}`, 0).ok).toBe(true);
    expect(limiter.tryAcquire("person:5", 0)).toMatchObject({ ok: false, scope: "global" });
    // The answers of 40 people at once: Teams' burst, none waits for the dispatcher.
    for (let i = 0; i < 40; i++) expect(limiter.tryAcquireTurn(`person:${100 + i}`, 0)).toEqual({ ok: true });
  });

  it("the dispatcher leaves the turns' reserve; turns may take the last token", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 1_000, globalBurst: 1_000, appPerSecond: 50, appBurst: 50, turnReserve: 10 });
    for (let i = 0; i < 40; i++) expect(limiter.tryAcquire(`d${i}`, 0).ok).toBe(true);
    // 10 left: the dispatcher must leave them, and waits for the 11th (20 ms at 50 per second).
    expect(limiter.tryAcquire("d40", 0)).toEqual({ ok: false, scope: "global", waitMs: 20 });
    for (let i = 0; i < 10; i++) expect(limiter.tryAcquireTurn(`t${i}`, 0).ok).toBe(true);
    expect(limiter.tryAcquireTurn("t10", 0)).toEqual({ ok: false, scope: "global", waitMs: 20 });
    // At 20 ms one token is back: the waiting turn gets it, the dispatcher still waits for the reserve.
    expect(limiter.tryAcquire("d40", 20)).toMatchObject({ ok: false, scope: "global" });
    expect(limiter.tryAcquireTurn("t10", 20).ok).toBe(true);
  });

  it("the dispatcher gets what the turns leave, up to its own rate; together never more than the app's budget", () => {
    const limiter = createRateLimiter({ inFlightMs: 0, globalPerSecond: 30, globalBurst: 5 });
    const dispatched: number[] = [];
    const answered: number[] = [];
    let turn = 0;
    // 10 virtual seconds: turns want 40 per second (one every 25 ms); the dispatcher tries every millisecond.
    for (let now = 0; now < 10_000; now++) {
      if (now % 25 === 0) {
        const key = `turn:${turn++}`;
        let at = now;
        while (!limiter.tryAcquireTurn(key, at).ok) at++;
        answered.push(at - now);
      }
      if (limiter.tryAcquire(`person:${now}`, now).ok) dispatched.push(now);
    }
    // Every answer went within the millisecond it was asked for.
    expect(Math.max(...answered)).toBe(0);
    // 50 - 40 = 10 per second left for the dispatcher (plus the app's full bucket at the start).
    expect(dispatched.length).toBeGreaterThanOrEqual(100);
    expect(dispatched.length).toBeLessThanOrEqual(100 + 50);
    const all = [...dispatched, ...Array.from({ length: turn }, (_, i) => i * 25)];
    expect(findWindowExcesses(all, [{ limit: 50 + 50, windowMs: 1000 }])).toEqual([]);
    // With no turns the dispatcher keeps its configured rate.
    const alone = sendGreedily({ keys: Array.from({ length: 400 }, (_, i) => `person:${i}`), durationMs: 10_000, globalPerSecond: 30, globalBurst: 5 });
    expect(alone.all.length).toBeGreaterThanOrEqual(300);
  });

  it("a turn keeps to its conversation's windows and waits while the dispatcher's message is in flight", () => {
    const limiter = createRateLimiter({ globalPerSecond: 30, globalBurst: 5, inFlightMs: 5_000 });
    expect(limiter.tryAcquire("person:1", 0).ok).toBe(true);
    expect(limiter.tryAcquireTurn("person:1", 10)).toMatchObject({ ok: false, scope: "conversation" });
    limiter.restamp("person:1", 50);
    expect(limiter.tryAcquireTurn("person:1", 50, 6).ok).toBe(true);
    limiter.restamp("person:1", 60);
    // 7 in this second: the 8th waits for the first (answered at 50) to leave the 1-second window.
    expect(limiter.tryAcquireTurn("person:1", 60)).toEqual({ ok: false, scope: "conversation", waitMs: 990 });
    limiter.pause("person:2", 3_000);
    expect(limiter.tryAcquireTurn("person:2", 0)).toEqual({ ok: false, scope: "paused", waitMs: 3_000 });
  });

  it("rejects a reserve that leaves the dispatcher nothing", () => {
    expect(() => createRateLimiter({ globalPerSecond: 30, globalBurst: 5, appBurst: 10, turnReserve: 10 })).toThrow();
  });
});
