import { describe, expect, it } from "vitest";
import { TEAMS_CONVERSATION_WINDOWS } from "../../../src/domain/delivery/rate-limiter.js";
import { createSharedLimits, decideSharedGrant, type GrantRecord, type SharedLimits } from "../../../src/domain/delivery/shared-limits.js";
import { findBusiestWindow, findWindowExcesses } from "../../support/window-check.js";

type Row = GrantRecord & { key: string; answerAt: number };

/**
 * Several instances deciding against one ledger (what the database's lock makes of them: one
 * decision at a time), on virtual time: each instance asks for a random conversation now and
 * then, a granted request is answered `latency` later (restamped, hold ended).
 */
function simulate(options: { limits: SharedLimits; instances: number; keys: string[]; durationMs: number; turnShare?: number; seed?: number; latencyMs?: [number, number] }) {
  const ledger: Row[] = [];
  let seed = options.seed ?? 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const [minLatency, maxLatency] = options.latencyMs ?? [5, 200];
  for (let now = 0; now < options.durationMs; now += 1 + Math.floor(random() * 4)) {
    for (const row of ledger) {
      if (row.heldUntil > 0 && row.answerAt <= now) {
        row.stampAt = row.answerAt;
        row.heldUntil = 0;
      }
    }
    for (let instance = 0; instance < options.instances; instance++) {
      const key = options.keys[Math.floor(random() * options.keys.length)]!;
      const lane = random() < (options.turnShare ?? 0) ? "turn" : "dispatch";
      const conversation = ledger.filter((row) => row.key === key && row.stampAt > now - 3_700_000);
      const recent = ledger.filter((row) => row.grantedAt > now - 2_000);
      const decision = decideSharedGrant({ conversation, recent }, { key, lane, requests: 1, cost: 1, nowMs: now }, options.limits);
      if (decision.ok) ledger.push({ key, lane, requests: 1, cost: 1, grantedAt: now, stampAt: now, heldUntil: now + 5_000, answerAt: now + minLatency + random() * (maxLatency - minLatency) });
    }
  }
  return ledger;
}

describe("shared limits: the pure policy several instances decide by", () => {
  it("three instances hammering five conversations never exceed any of Teams' windows, counted from the arrivals (between grant and answer)", () => {
    const limits = createSharedLimits({ dispatchPerSecond: 1_000, dispatchBurst: 1_000, appPerSecond: 1_000 });
    const ledger = simulate({ limits, instances: 3, keys: ["a", "b", "c", "d", "e"], durationMs: 65_000, turnShare: 0.3 });
    for (const key of ["a", "b", "c", "d", "e"]) {
      const rows = ledger.filter((row) => row.key === key);
      // Teams counts a request when it arrives: anywhere between its grant and its answer. Both ends are checked.
      expect(findWindowExcesses(rows.map((row) => row.grantedAt), TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
      expect(findWindowExcesses(rows.map((row) => row.stampAt), TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
      // 60 per 30 s is what bounds a busy conversation over a minute: the windows are used, not just respected.
      expect(rows.length).toBeGreaterThanOrEqual(120);
    }
  });

  it("one request in flight per conversation, across instances: no grant while another is unanswered", () => {
    const limits = createSharedLimits({ dispatchPerSecond: 1_000, dispatchBurst: 1_000, appPerSecond: 1_000 });
    const ledger = simulate({ limits, instances: 3, keys: ["a"], durationMs: 20_000, latencyMs: [50, 400] });
    const rows = ledger.sort((x, y) => x.grantedAt - y.grantedAt);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.grantedAt).toBeGreaterThanOrEqual(rows[i - 1]!.answerAt);
  });

  it("the dispatchers of all instances together keep to the configured rate in every second, and leave turns their reserve of Teams' 50", () => {
    const limits = createSharedLimits({ dispatchPerSecond: 30, dispatchBurst: 5 });
    const keys = Array.from({ length: 2_000 }, (_, i) => `p${i}`);
    // Some 12 turns a second ask besides the dispatchers' constant demand.
    const ledger = simulate({ limits, instances: 3, keys, durationMs: 20_000, turnShare: 0.01 });
    const dispatched = ledger.filter((row) => row.lane === "dispatch").map((row) => row.grantedAt);
    const all = ledger.map((row) => row.grantedAt);
    expect(findBusiestWindow(dispatched, 1_000)).toBeLessThanOrEqual(30);
    expect(findBusiestWindow(all, 1_000)).toBeLessThanOrEqual(50);
    // The rate is used: close to 30 per second; and the turns that asked got their slots.
    expect(dispatched.length).toBeGreaterThan(30 * 20 * 0.9);
    expect(ledger.filter((row) => row.lane === "turn").length).toBeGreaterThan(10 * 20);
  });

  it("a turn may take the whole app budget; the dispatcher stops at 50 minus the reserve", () => {
    const limits = createSharedLimits({ dispatchPerSecond: 100, dispatchBurst: 100, appPerSecond: 50, turnReserve: 10 });
    const recent: GrantRecord[] = Array.from({ length: 40 }, () => ({ lane: "dispatch", requests: 1, cost: 1, grantedAt: 500, stampAt: 500, heldUntil: 0 }));
    const dispatch = decideSharedGrant({ conversation: [], recent }, { key: "x", lane: "dispatch", requests: 1, cost: 1, nowMs: 900 }, limits);
    expect(dispatch).toEqual({ ok: false, scope: "global", waitMs: 600 });
    expect(decideSharedGrant({ conversation: [], recent }, { key: "x", lane: "turn", requests: 10, cost: 10, nowMs: 900 }, limits)).toEqual({ ok: true });
    expect(decideSharedGrant({ conversation: [], recent }, { key: "x", lane: "turn", requests: 11, cost: 11, nowMs: 900 }, limits)).toMatchObject({ ok: false, scope: "global" });
  });

  it("a conversation paused by a 429 at one instance is paused for all until Retry-After", () => {
    const limits = createSharedLimits({ dispatchPerSecond: 30, dispatchBurst: 5 });
    const pause: GrantRecord = { lane: "pause", requests: 0, cost: 0, grantedAt: 1_000, stampAt: 1_000, heldUntil: 4_000 };
    expect(decideSharedGrant({ conversation: [pause], recent: [] }, { key: "x", lane: "turn", requests: 1, cost: 1, nowMs: 1_500 }, limits)).toEqual({ ok: false, scope: "paused", waitMs: 2_500 });
    expect(decideSharedGrant({ conversation: [pause], recent: [] }, { key: "x", lane: "dispatch", requests: 1, cost: 1, nowMs: 4_000 }, limits)).toEqual({ ok: true });
  });
});
