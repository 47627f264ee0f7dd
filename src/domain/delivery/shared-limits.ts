/**
 * Teams' limits when several instances send for one app (App Service instances on one
 * PostgreSQL). Each instance's in-process limiter (rate-limiter.ts) is exact only for what that
 * process sends: three instances would send three times what Teams allows. So on a shared
 * database the instances keep one ledger of requests in the database, and every grant is
 * decided against it.
 *
 * Design, and why:
 * - The ledger is a table of grants: one row per request (or per turn's batch of requests) with
 *   its conversation key, its lane (turn or dispatch), its cost in the app's budget, when it
 *   was granted, when it counts in the conversation's windows (the grant, moved to the answer
 *   once it is in, as in the in-process limiter) and until when it holds its conversation (one
 *   request in flight per conversation, across instances). A 429 with Retry-After is a row of
 *   its own (lane `pause`), so every instance holds off that conversation.
 * - A grant is decided in one transaction that first writes a single lock row: PostgreSQL then
 *   serialises all grants on that row lock (SQLite on its write lock), so two instances can
 *   never both take the last slot. At most ~50 grants a second, each a few statements on the
 *   database's loopback or LAN: one lock is far from a bottleneck, and it makes the ledger exact.
 * - The windows are counted from the rows (this file: pure, with `now` passed in), with the
 *   same functions as the in-process limiter. The app's budget is a sliding window per second
 *   instead of a token bucket (a bucket is state to keep in step; counting rows is not): turns
 *   may use all of Teams' 50 per second, the dispatcher leaves `turnReserve` of it to them and
 *   keeps to its configured rate in every second as well (all instances together). Not the
 *   in-process limiter's small burst: a window of a fifth of a second would have the instances
 *   queue for the lock five times a second for a few grants each, and lose the round trip
 *   every time; a second's window is granted in batches and still never exceeds the rate.
 * - Clocks: the rows carry the instances' wall clocks (NTP-synchronised on App Service, a few
 *   milliseconds apart); the window margin covers that.
 * - Rows older than the longest window (an hour) are pruned; a dead instance's held
 *   conversations are free again when their hold runs out (`inFlightMs`).
 * - What stays per instance: the adaptive cut of the global rate after app-wide 429s (each
 *   instance lowers its own share, which only lowers the total).
 *
 * SQLite has one instance (the server lock refuses a second), so it keeps the in-process
 * limiter: exact there, and without a database round trip per message.
 */
import { computeWindowWaitMs, TEAMS_CONVERSATION_WINDOWS, type Acquisition, type SlidingWindow } from "./rate-limiter.js";

export type GrantLane = "turn" | "dispatch" | "pause";

/** One row of the ledger, as the decision needs it (times in wall-clock milliseconds). */
export type GrantRecord = { lane: GrantLane; requests: number; cost: number; grantedAt: number; stampAt: number; heldUntil: number };

/** The rows a decision reads: the conversation's (within its longest window) and every grant of the last second. */
export type GrantLedger = { conversation: readonly GrantRecord[]; recent: readonly GrantRecord[] };

export type SharedLimits = {
  windows: readonly SlidingWindow[];
  marginMs: number;
  /** Teams' budget for the whole app, per second. */
  appPerSecond: number;
  /** Of that, what the dispatcher leaves for turns. */
  turnReserve: number;
  /** The dispatcher's own rate (all instances together), and the most one request may cost. */
  dispatchPerSecond: number;
  dispatchBurst: number;
};

export type GrantRequest = { key: string | null; lane: "turn" | "dispatch"; requests: number; cost: number; nowMs: number };

/** How long a caller waiting for a held conversation looks again (as in the in-process limiter). */
const HELD_POLL_MS = 20;
const SECOND_MS = 1_000;

export function createSharedLimits(options: { dispatchPerSecond: number; dispatchBurst: number; marginMs?: number; appPerSecond?: number; turnReserve?: number; windows?: readonly SlidingWindow[] }): SharedLimits {
  const appPerSecond = options.appPerSecond ?? Math.max(50, options.dispatchPerSecond);
  return {
    windows: options.windows ?? TEAMS_CONVERSATION_WINDOWS,
    marginMs: options.marginMs ?? 0,
    appPerSecond,
    turnReserve: options.turnReserve ?? Math.floor(appPerSecond / 5),
    dispatchPerSecond: options.dispatchPerSecond,
    dispatchBurst: Math.max(1, options.dispatchBurst),
  };
}

/** How far back a decision reads the conversation's rows. */
export function conversationLookbackMs(limits: SharedLimits): number {
  return limits.windows.reduce((longest, w) => Math.max(longest, w.windowMs), 0) + limits.marginMs;
}

/** How far back a decision reads every instance's grants: a second, or one request's interval at a rate below 1 per second. */
export function recentLookbackMs(limits: SharedLimits): number {
  return Math.max(SECOND_MS, Math.ceil(SECOND_MS / limits.dispatchPerSecond));
}

/** The dispatcher's rate as a window: at most the rate in any second (below 1 per second: one per interval). */
function dispatchWindows(perSecond: number): SlidingWindow[] {
  return perSecond >= 1 ? [{ limit: Math.floor(perSecond), windowMs: SECOND_MS }] : [{ limit: 1, windowMs: SECOND_MS / perSecond }];
}

/** Each request of a row as a stamp at `at`, sorted. */
function toStamps(rows: readonly GrantRecord[], at: (row: GrantRecord) => number, count: (row: GrantRecord) => number): number[] {
  const stamps: number[] = [];
  for (const row of rows) for (let i = 0; i < count(row); i++) stamps.push(at(row));
  return stamps.sort((a, b) => a - b);
}

/** The wait before `cost` more fit in `windows` (a cost above a limit waits for that window to be empty). */
function waitForCost(stamps: readonly number[], nowMs: number, windows: readonly SlidingWindow[], cost: number): number {
  if (cost <= 0) return 0;
  const shrunk = windows.map((w) => ({ limit: Math.max(1, w.limit - Math.min(cost, w.limit) + 1), windowMs: w.windowMs }));
  return computeWindowWaitMs(stamps, nowMs, shrunk);
}

/**
 * Whether `request` may go now, from the ledger: the conversation's hold, pause and windows,
 * then the app's budget for its lane. Nothing is decided here about writing: a yes means the
 * caller records the grant in the same transaction.
 */
export function decideSharedGrant(ledger: GrantLedger, request: GrantRequest, limits: SharedLimits): Acquisition {
  const now = request.nowMs;
  if (request.key !== null) {
    let pausedUntil = 0;
    let heldUntil = 0;
    for (const row of ledger.conversation) {
      if (row.lane === "pause") pausedUntil = Math.max(pausedUntil, row.heldUntil);
      else heldUntil = Math.max(heldUntil, row.heldUntil);
    }
    if (pausedUntil > now) return { ok: false, scope: "paused", waitMs: pausedUntil - now };
    if (heldUntil > now) return { ok: false, scope: "conversation", waitMs: Math.min(HELD_POLL_MS, heldUntil - now) };
    const sent = ledger.conversation.filter((row) => row.lane !== "pause");
    const wait = computeWindowWaitMs(
      toStamps(sent, (row) => row.stampAt, (row) => row.requests),
      now,
      limits.windows,
      limits.marginMs,
    );
    if (wait > 0) return { ok: false, scope: "conversation", waitMs: wait };
  }
  if (request.cost <= 0) return { ok: true };
  const recent = ledger.recent.filter((row) => row.lane !== "pause" && row.grantedAt > now - recentLookbackMs(limits));
  const all = toStamps(recent, (row) => row.grantedAt, (row) => row.cost);
  if (request.lane === "turn") {
    const wait = waitForCost(all, now, [{ limit: limits.appPerSecond, windowMs: SECOND_MS }], request.cost);
    return wait > 0 ? { ok: false, scope: "global", waitMs: Math.ceil(wait) } : { ok: true };
  }
  const dispatched = toStamps(
    recent.filter((row) => row.lane === "dispatch"),
    (row) => row.grantedAt,
    (row) => row.cost,
  );
  const wait = Math.max(
    waitForCost(dispatched, now, dispatchWindows(limits.dispatchPerSecond), request.cost),
    waitForCost(all, now, [{ limit: Math.max(1, limits.appPerSecond - limits.turnReserve), windowMs: SECOND_MS }], request.cost),
  );
  return wait > 0 ? { ok: false, scope: "global", waitMs: Math.max(1, Math.ceil(wait)) } : { ok: true };
}
