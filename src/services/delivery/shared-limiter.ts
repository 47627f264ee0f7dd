import type { DeliverySettings } from "../../config.js";
import type { Db } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import { decideAndRecordGrant, decideAndRecordGrants, deleteGrant, pruneGrants, readGrantLedger, recordPause, releaseGrant, restampGrant } from "../../db/delivery-grants.js";
import { createAdaptiveRate } from "../../domain/delivery/adaptive-rate.js";
import type { Acquisition, DeliveryLimiter } from "../../domain/delivery/rate-limiter.js";
import { conversationLookbackMs, createSharedLimits, decideSharedGrant, recentLookbackMs, type GrantLedger } from "../../domain/delivery/shared-limits.js";

/**
 * Teams' limits shared by every instance on one database (the design is written down in
 * src/domain/delivery/shared-limits.ts). Same contract as the in-process limiter, but each
 * answer is a transaction: the dispatcher and the turns await it.
 *
 * Callers pass their monotonic clock, as to the in-process limiter; the ledger needs a clock
 * all instances share, so each time is moved onto the wall clock by the current offset
 * between the two (re-read on every call: NTP may slew the wall clock of a long-running process).
 *
 * A refusal is remembered until its wait is over: nothing another instance does can make a
 * conversation's window or the app's budget free up sooner (holds end sooner, but they are
 * polled every 20 ms), so the dispatcher asks the database only when a grant can be expected.
 */
export type SharedLimiterDeps = {
  db: Db;
  settings: DeliverySettings;
  logger: Logger;
  /** The wall clock shared by the instances, and the callers' monotonic clock (tests: one virtual clock for both). */
  wallClock?: () => number;
  monotonic?: () => number;
  /** The longest a granted request holds its conversation without `restamp` or `release`. Default 5 s. */
  inFlightMs?: number;
  appPerSecond?: number;
  turnReserve?: number;
};

const PRUNE_EVERY_MS = 60_000;
/** How soon a conversation held by a request in flight is asked about again (a round trip each time). */
const HELD_POLL_MS = 100;

export function createSharedLimiter(deps: SharedLimiterDeps): DeliveryLimiter {
  const { db, settings, logger } = deps;
  /**
   * Ending a hold, moving a stamp, recording a pause: a failed write must not turn a sent
   * message into a failed one. The hold runs out by itself; the pause is kept here as well.
   */
  const bestEffort = (what: string, write: Promise<unknown>) =>
    write.then(
      () => undefined,
      (error: unknown) => logger.warn({ err: error instanceof Error ? error.message : String(error), what }, "shared rate limit: write failed; the hold runs out by itself"),
    );
  const wallClock = deps.wallClock ?? Date.now;
  const monotonic = deps.monotonic ?? (() => performance.now());
  const inFlightMs = deps.inFlightMs ?? 5_000;
  const limits = createSharedLimits({ dispatchPerSecond: settings.globalPerSecond, dispatchBurst: settings.globalBurst, marginMs: settings.windowMarginMs, appPerSecond: deps.appPerSecond, turnReserve: deps.turnReserve });
  const adaptive = createAdaptiveRate({ ceiling: settings.globalPerSecond });
  const toWall = (monotonicMs: number) => monotonicMs + (wallClock() - monotonic());
  /** This instance's latest grant per conversation, until restamped or released. */
  const grants = new Map<string, { id: number; grantedAt: number }>();
  /** Refused until then (wall ms): per conversation, and per lane for the app's budget. */
  const refusedUntil = new Map<string, number>();
  const globalRefusedUntil = { turn: 0, dispatch: 0 };
  let prunedAt = -Infinity;

  async function acquire(key: string | null, lane: "turn" | "dispatch", nowMs: number, requests: number, cost: number): Promise<Acquisition> {
    const now = toWall(nowMs);
    const until = key === null ? undefined : refusedUntil.get(key);
    if (until !== undefined && until > now) return { ok: false, scope: "conversation", waitMs: until - now };
    if (cost > 0 && globalRefusedUntil[lane] > now) return { ok: false, scope: "global", waitMs: globalRefusedUntil[lane] - now };
    const current = { ...limits, dispatchPerSecond: adaptive.rate(nowMs) };
    const input = { key, lane, requests, cost, nowMs: now, heldUntil: now + inFlightMs, conversationSince: now - conversationLookbackMs(current), recentSince: now - recentLookbackMs(current) };
    const judge = (ledger: GrantLedger) => decideSharedGrant(ledger, { key, lane, requests, cost, nowMs: now }, current);
    const remember = (decision: Acquisition) => {
      if (decision.ok) return;
      if (decision.scope === "global") globalRefusedUntil[lane] = now + decision.waitMs;
      // Held by a request in flight (perhaps another instance's): look again a little later than in-process.
      // (The policy answers a held conversation with a short poll; a window's wait is exact and longer.)
      else if (key !== null) refusedUntil.set(key, now + (decision.scope === "conversation" && decision.waitMs <= 20 ? HELD_POLL_MS : decision.waitMs));
    };
    // Most questions are refused (the pump asks until the budget says no): a read outside the
    // lock answers those, and only a likely grant waits for the lock and is decided again under it.
    const likely = judge(await readGrantLedger(db, input));
    if (!likely.ok) {
      remember(likely);
      return likely;
    }
    const { decision, id } = await decideAndRecordGrant(db, input, judge);
    remember(decision);
    if (decision.ok && key !== null && id !== null) {
      refusedUntil.delete(key);
      grants.set(key, { id, grantedAt: now });
    }
    return decision;
  }

  async function acquireMany(keys: readonly string[], nowMs: number, max: number): Promise<(Acquisition | null)[]> {
    const now = toWall(nowMs);
    const results: (Acquisition | null)[] = keys.map(() => null);
    if (globalRefusedUntil.dispatch > now) return keys.map(() => ({ ok: false, scope: "global", waitMs: globalRefusedUntil.dispatch - now }));
    const asked: number[] = [];
    keys.forEach((key, i) => {
      const until = refusedUntil.get(key);
      if (until !== undefined && until > now) results[i] = { ok: false, scope: "conversation", waitMs: until - now };
      else asked.push(i);
    });
    if (asked.length === 0 || max <= 0) return results;
    const current = { ...limits, dispatchPerSecond: adaptive.rate(nowMs) };
    const { decisions, ids } = await decideAndRecordGrants(
      db,
      { keys: asked.map((i) => keys[i]!), max, lane: "dispatch", requests: 1, cost: 1, nowMs: now, heldUntil: now + inFlightMs, conversationSince: now - conversationLookbackMs(current), recentSince: now - recentLookbackMs(current) },
      (ledger, key) => decideSharedGrant(ledger, { key, lane: "dispatch", requests: 1, cost: 1, nowMs: now }, current),
    );
    asked.forEach((index, j) => {
      const key = keys[index]!;
      const decision = decisions[j] ?? null;
      results[index] = decision;
      if (!decision) return;
      if (decision.ok) {
        refusedUntil.delete(key);
        grants.set(key, { id: ids.get(key)!, grantedAt: now });
      } else if (decision.scope === "global") globalRefusedUntil.dispatch = now + decision.waitMs;
      else refusedUntil.set(key, now + (decision.scope === "conversation" && decision.waitMs <= 20 ? HELD_POLL_MS : decision.waitMs));
    });
    return results;
  }

  return {
    shared: true,
    tryAcquireMany: acquireMany,
    tryAcquire: (key, nowMs, globalCost = 1, requests = 1) => acquire(key, "dispatch", nowMs, Math.max(1, requests), Math.min(globalCost, limits.dispatchBurst)),
    tryAcquireTurn: (key, nowMs, requests = 1) => acquire(key, "turn", nowMs, Math.max(1, requests), Math.min(Math.max(1, requests), limits.appPerSecond)),
    async restamp(key, nowMs) {
      const grant = grants.get(key);
      if (!grant) return;
      grants.delete(key);
      await bestEffort("restamp", restampGrant(db, grant.id, Math.max(toWall(nowMs), grant.grantedAt)));
    },
    async release(key) {
      const grant = grants.get(key);
      if (!grant) return;
      grants.delete(key);
      await bestEffort("release", releaseGrant(db, grant.id));
    },
    async refund(key) {
      const grant = grants.get(key);
      if (!grant) return;
      grants.delete(key);
      // The app's budget may have a slot free sooner now.
      globalRefusedUntil.dispatch = 0;
      globalRefusedUntil.turn = 0;
      await bestEffort("refund", deleteGrant(db, grant.id));
    },
    async pause(key, untilMs) {
      const until = toWall(untilMs);
      refusedUntil.set(key, Math.max(refusedUntil.get(key) ?? 0, until));
      await bestEffort("pause", recordPause(db, key, wallClock(), until));
    },
    noteThrottle: (key, nowMs) => adaptive.noteThrottle(key, nowMs),
    globalRate: (nowMs) => adaptive.rate(nowMs),
    // The ledger in the database already holds what earlier processes sent.
    restore: () => undefined,
    async prune(nowMs) {
      const now = toWall(nowMs);
      for (const [key, until] of refusedUntil) if (until <= now) refusedUntil.delete(key);
      // Every instance prunes, at most once a minute: a delete of what no window counts is idempotent.
      if (now - prunedAt < PRUNE_EVERY_MS) return;
      prunedAt = now;
      await bestEffort("prune", pruneGrants(db, now - conversationLookbackMs(limits), now));
    },
    size: () => grants.size + refusedUntil.size,
  };
}
