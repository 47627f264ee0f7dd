import { describe, expect, it } from "vitest";
import { createAdaptiveRate } from "../../../src/domain/delivery/adaptive-rate.js";
import { createRateLimiter } from "../../../src/domain/delivery/rate-limiter.js";

describe("the adaptive global rate", () => {
  it("is not cut by 429s from one conversation: that is its own window, not the app", () => {
    const rate = createAdaptiveRate({ ceiling: 30 });
    for (let t = 0; t < 5; t++) expect(rate.noteThrottle("a", t * 100)).toBe(false);
    expect(rate.rate(1_000)).toBe(30);
  });

  it("halves when three conversations are throttled within 5 s, at most once a second, down to the floor", () => {
    const rate = createAdaptiveRate({ ceiling: 30, floor: 2 });
    expect(rate.noteThrottle("a", 0)).toBe(false);
    expect(rate.noteThrottle("b", 10)).toBe(false);
    expect(rate.noteThrottle("c", 20)).toBe(true);
    expect(rate.rate(20)).toBe(15);
    // The answers to what was sent at the old rate: no second cut within the second.
    for (const key of ["d", "e", "f"]) expect(rate.noteThrottle(key, 500)).toBe(false);
    for (const [i, key] of ["g", "h", "i"].entries()) rate.noteThrottle(key, 1_100 + i);
    // Half of what it had grown back to.
    expect(rate.rate(1_102)).toBeCloseTo(7.6, 1);
    for (let round = 1; round < 6; round++) for (const [i, key] of ["x", "y", "z"].entries()) rate.noteThrottle(key, 1_102 + round * 1_000 + i);
    expect(rate.rate(6_104)).toBe(2);
  });

  it("recovers linearly after a second without cuts, up to the ceiling and no further", () => {
    const rate = createAdaptiveRate({ ceiling: 30, recoverPerSecond: 3 });
    for (const key of ["a", "b", "c"]) rate.noteThrottle(key, 0);
    expect(rate.rate(1_000)).toBe(15);
    expect(rate.rate(2_000)).toBe(18);
    expect(rate.rate(6_000)).toBe(30);
    expect(rate.rate(60_000)).toBe(30);
  });

  it("slows the limiter's bucket at once: what is left in it was filled at the old rate", () => {
    const limiter = createRateLimiter({ globalPerSecond: 10, globalBurst: 5 });
    for (const key of ["a", "b", "c"]) limiter.noteThrottle(key, 0);
    expect(limiter.globalRate(0)).toBe(5);
    expect(limiter.tryAcquire("d", 0)).toMatchObject({ ok: false, scope: "global", waitMs: 200 });
    expect(limiter.tryAcquire("d", 200).ok).toBe(true);
  });
});
