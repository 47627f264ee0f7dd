/**
 * Teams' proactive-messaging limits as a pure, clock-injected rate limiter. Every call takes
 * `nowMs` (a monotonic millisecond clock), so tests drive it with virtual time.
 *
 * Two kinds of limits apply at once:
 * - per bot per conversation: sliding windows (7 per 1 s, 8 per 2 s, 60 per 30 s, 1800 per
 *   hour). Sliding windows, not buckets, because that is how the table is written: in ANY
 *   second no more than 7, in ANY two seconds no more than 8, and so on;
 * - per app per tenant: Teams allows 50 requests per second for the whole app. That budget is a
 *   token bucket of its own (`appPerSecond`, one second's worth of burst) shared by two lanes:
 *   - the turns (answers to someone who is waiting: `tryAcquireTurn`) take from it first and
 *     may empty it;
 *   - the dispatcher (`tryAcquire`) must leave `turnReserve` tokens in it for the turns, and
 *     keeps to its own, lower, configured rate as well (`globalPerSecond`, small burst), which
 *     is cut when Teams throttles app-wide and recovers gradually (adaptive-rate.ts).
 *   So a person who presses a button never queues behind a reminder run: the dispatcher gets
 *   what the turns leave, up to its own rate.
 *
 * Teams counts a request when it arrives, the limiter when it grants the slot. The caller
 * closes that gap with `restamp` once the answer is in (arrival lies between grant and
 * answer, so windows counted from the answer are never shorter than Teams' own), and
 * `marginMs` widens each window a little more for whatever Teams does after answering.
 *
 * That reasoning holds only while one request per conversation is in flight: a second one
 * granted while the first is still on its way would be judged against the first's grant time,
 * earlier than its arrival. The dispatcher and the turns of the bot both send to a conversation,
 * so the limiter itself keeps them to one in flight: a grant holds the conversation until
 * `restamp` or `release`, at most `inFlightMs` (a caller that never answers cannot hold it forever).
 */
import { createAdaptiveRate, type AdaptiveRateOptions } from "./adaptive-rate.js";

export type SlidingWindow = { limit: number; windowMs: number };

/** Teams: requests per second per app per tenant, all conversations together (same source as below). */
export const TEAMS_APP_PER_SECOND = 50;

/** Teams: per bot per conversation (thread). Source: Teams "Optimize your bot: rate limiting and best practices". */
export const TEAMS_CONVERSATION_WINDOWS: readonly SlidingWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export type RateLimiterOptions = {
  windows?: readonly SlidingWindow[];
  /** Sustained requests per second of the dispatcher (its share of the app's budget, at most). */
  globalPerSecond: number;
  /** How many requests the dispatcher may send at once after a quiet period (bucket size). */
  globalBurst: number;
  /** The whole app's budget, turns and dispatcher together. Default: Teams' 50, or `globalPerSecond` if that is set higher. */
  appPerSecond?: number;
  /** Bucket size of the app's budget. Default: one second's worth. */
  appBurst?: number;
  /** Tokens of the app's budget the dispatcher leaves for turns. Default: a fifth of `appBurst`. */
  turnReserve?: number;
  marginMs?: number;
  /** The longest a granted request holds its conversation without `restamp` or `release`. Default 5 s. */
  inFlightMs?: number;
  /** How the global rate adapts to app-wide throttling (the ceiling is `globalPerSecond`). */
  adaptive?: Omit<AdaptiveRateOptions, "ceiling">;
};

export type Acquisition =
  | { ok: true }
  | { ok: false; scope: "conversation" | "paused" | "global"; waitMs: number };

export type RateLimiter = {
  /**
   * Takes a slot for one request to conversation `key` (null: a request that belongs to no
   * conversation, such as creating one) plus `globalCost` global tokens, or says how long to
   * wait. Nothing is taken when the answer is no.
   */
  tryAcquire: (key: string | null, nowMs: number, globalCost?: number, requests?: number) => Acquisition;
  /**
   * The same for `requests` answers within a turn (someone is waiting for them): the
   * conversation's windows and hold as for the dispatcher, but only the app's budget, ahead
   * of the dispatcher and down to its last token.
   */
  tryAcquireTurn: (key: string, nowMs: number, requests?: number) => Acquisition;
  /** Moves the latest stamp of `key` to `nowMs` (later only): e.g. to when the request was answered. Ends the request's hold. */
  restamp: (key: string, nowMs: number) => void;
  /** Ends the hold of a granted request that was not sent after all (or whose answer is in). */
  release: (key: string) => void;
  /** Teams said 429 with Retry-After: nothing goes to this conversation before `untilMs`. */
  pause: (key: string, untilMs: number) => void;
  /** Teams said 429 to a request for `key`: true when that made it lower the global rate (app-wide throttling). */
  noteThrottle: (key: string, nowMs: number) => boolean;
  /** The global rate (requests per second) at `nowMs`. */
  globalRate: (nowMs: number) => number;
  /**
   * Counts sends made before this limiter existed (by a process that was restarted), for
   * conversations it does not track yet: their windows start where the last process left them.
   */
  restore: (stamps: ReadonlyMap<string, readonly number[]>) => void;
  /** Forgets conversations with nothing left in any window. */
  prune: (nowMs: number) => void;
  /** Conversations tracked (for memory checks). */
  size: () => number;
};

/**
 * How long before one more request fits in every window, given the sorted `stamps` of the
 * requests so far (0: now). The limit-th most recent request must have left a window before
 * another may go. Shared by the in-process limiter and the one shared through the database.
 */
export function computeWindowWaitMs(stamps: readonly number[], nowMs: number, windows: readonly SlidingWindow[], marginMs = 0): number {
  let wait = 0;
  const n = stamps.length;
  for (const w of windows) {
    if (n < w.limit) continue;
    const leaving = stamps[n - w.limit]!;
    const span = w.windowMs + marginMs;
    if (leaving > nowMs - span) wait = Math.max(wait, leaving + span - nowMs);
  }
  return wait;
}

/**
 * What the dispatcher and the turns need from a limiter: the in-process RateLimiter (answers at
 * once) or the one shared by several instances through the database (answers after a round
 * trip; src/services/delivery/shared-limiter.ts). Callers await every answer.
 */
export type DeliveryLimiter = {
  /** Other instances send for the app too (the limits live in the shared database). */
  shared?: boolean;
  tryAcquire: (key: string | null, nowMs: number, globalCost?: number, requests?: number) => Acquisition | Promise<Acquisition>;
  tryAcquireTurn: (key: string, nowMs: number, requests?: number) => Acquisition | Promise<Acquisition>;
  /**
   * `tryAcquire` for several conversations at once, in order, until `max` are granted (null: not
   * decided) or the app's budget says no. The shared limiter decides them in one round trip.
   */
  tryAcquireMany?: (keys: readonly string[], nowMs: number, max: number) => Promise<(Acquisition | null)[]>;
  restamp: (key: string, nowMs: number) => void | Promise<void>;
  release: (key: string) => void | Promise<void>;
  /**
   * The grant for `key` was not used: no request was made (another instance claimed the row
   * first). The shared limiter gives the slot back; the in-process one has no other instance
   * to lose a claim to and leaves it out.
   */
  refund?: (key: string) => void | Promise<void>;
  pause: (key: string, untilMs: number) => void | Promise<void>;
  noteThrottle: (key: string, nowMs: number) => boolean;
  globalRate: (nowMs: number) => number;
  restore: (stamps: ReadonlyMap<string, readonly number[]>) => void;
  prune: (nowMs: number) => void | Promise<void>;
  size: () => number;
};

type ConversationState = { stamps: number[]; pausedUntil: number; heldUntil: number };

/** How often a caller waiting for a held conversation looks again (the holder's answer usually comes sooner than its bound). */
const HELD_POLL_MS = 20;

export function createRateLimiter(options: RateLimiterOptions): RateLimiter {
  const windows = [...(options.windows ?? TEAMS_CONVERSATION_WINDOWS)].sort((a, b) => a.windowMs - b.windowMs);
  const margin = options.marginMs ?? 0;
  const inFlightMs = options.inFlightMs ?? 5_000;
  const burst = options.globalBurst;
  if (!(options.globalPerSecond > 0) || !(burst >= 1)) throw new Error("rate limiter needs globalPerSecond > 0 and globalBurst >= 1");
  if (windows.some((w) => !(w.limit >= 1) || !(w.windowMs > 0))) throw new Error("every window needs limit >= 1 and windowMs > 0");
  const appPerSecond = options.appPerSecond ?? Math.max(TEAMS_APP_PER_SECOND, options.globalPerSecond);
  const appBurst = options.appBurst ?? Math.max(1, Math.ceil(appPerSecond));
  const reserve = options.turnReserve ?? Math.floor(appBurst / 5);
  if (!(appPerSecond > 0) || !(appBurst >= 1) || !(reserve >= 0 && reserve < appBurst)) throw new Error("rate limiter needs appPerSecond > 0, appBurst >= 1 and 0 <= turnReserve < appBurst");
  const longest = windows.length > 0 ? windows[windows.length - 1]!.windowMs + margin : 0;
  const adaptive = createAdaptiveRate({ ...options.adaptive, ceiling: options.globalPerSecond });
  const conversations = new Map<string, ConversationState>();
  let tokens = burst;
  let refilledAt: number | null = null;
  let appTokens = appBurst;
  let appRefilledAt: number | null = null;

  function refill(nowMs: number) {
    if (refilledAt === null) refilledAt = nowMs;
    if (nowMs > refilledAt) {
      tokens = Math.min(burst, tokens + ((nowMs - refilledAt) * adaptive.rate(nowMs)) / 1000);
      refilledAt = nowMs;
    }
    if (appRefilledAt === null) appRefilledAt = nowMs;
    if (nowMs > appRefilledAt) {
      appTokens = Math.min(appBurst, appTokens + ((nowMs - appRefilledAt) * appPerSecond) / 1000);
      appRefilledAt = nowMs;
    }
  }

  function dropExpired(state: ConversationState, nowMs: number) {
    let drop = 0;
    while (drop < state.stamps.length && state.stamps[drop]! <= nowMs - longest) drop++;
    if (drop > 0) state.stamps.splice(0, drop);
  }

  /** Why `key` may not have a request at `nowMs` (null: it may, as far as the conversation goes). */
  function refuseConversation(key: string, nowMs: number): Acquisition | null {
    const state = conversations.get(key);
    if (!state) return null;
    if (state.pausedUntil > nowMs) return { ok: false, scope: "paused", waitMs: state.pausedUntil - nowMs };
    if (state.heldUntil > nowMs) return { ok: false, scope: "conversation", waitMs: Math.min(HELD_POLL_MS, state.heldUntil - nowMs) };
    dropExpired(state, nowMs);
    const wait = computeWindowWaitMs(state.stamps, nowMs, windows, margin);
    return wait > 0 ? { ok: false, scope: "conversation", waitMs: wait } : null;
  }

  function stampConversation(key: string, nowMs: number, requests: number) {
    let state = conversations.get(key);
    if (!state) {
      state = { stamps: [], pausedUntil: 0, heldUntil: 0 };
      conversations.set(key, state);
    }
    for (let i = 0; i < Math.max(1, requests); i++) state.stamps.push(nowMs);
    state.heldUntil = nowMs + inFlightMs;
  }

  const waitForTokens = (missing: number, perSecond: number) => Math.max(1, Math.ceil((missing * 1000) / perSecond));

  return {
    tryAcquire(key, nowMs, globalCost = 1, requests = 1) {
      const cost = Math.min(globalCost, burst);
      if (key !== null) {
        const refusal = refuseConversation(key, nowMs);
        if (refusal) return refusal;
      }
      refill(nowMs);
      if (cost > 0 && tokens < cost) return { ok: false, scope: "global", waitMs: waitForTokens(cost - tokens, adaptive.rate(nowMs)) };
      // The dispatcher leaves the turns their reserve of the app's budget.
      if (cost > 0 && appTokens - cost < reserve) return { ok: false, scope: "global", waitMs: waitForTokens(reserve + cost - appTokens, appPerSecond) };
      tokens -= cost;
      appTokens -= cost;
      if (key !== null) stampConversation(key, nowMs, requests);
      return { ok: true };
    },
    tryAcquireTurn(key, nowMs, requests = 1) {
      const cost = Math.min(Math.max(1, requests), appBurst);
      const refusal = refuseConversation(key, nowMs);
      if (refusal) return refusal;
      refill(nowMs);
      if (appTokens < cost) return { ok: false, scope: "global", waitMs: waitForTokens(cost - appTokens, appPerSecond) };
      appTokens -= cost;
      stampConversation(key, nowMs, requests);
      return { ok: true };
    },
    restamp(key, nowMs) {
      const state = conversations.get(key);
      if (!state) return;
      state.heldUntil = 0;
      if (state.stamps.length === 0) return;
      const last = state.stamps.length - 1;
      if (nowMs > state.stamps[last]!) state.stamps[last] = nowMs;
    },
    release(key) {
      const state = conversations.get(key);
      if (state) state.heldUntil = 0;
    },
    pause(key, untilMs) {
      let state = conversations.get(key);
      if (!state) {
        state = { stamps: [], pausedUntil: 0, heldUntil: 0 };
        conversations.set(key, state);
      }
      state.pausedUntil = Math.max(state.pausedUntil, untilMs);
    },
    noteThrottle(key, nowMs) {
      refill(nowMs);
      if (!adaptive.noteThrottle(key, nowMs)) return false;
      // Stop at once: what is left of the bucket was filled at the old rate.
      tokens = Math.min(tokens, 0);
      return true;
    },
    globalRate: (nowMs) => adaptive.rate(nowMs),
    restore(stamps) {
      for (const [key, list] of stamps) {
        if (conversations.has(key) || list.length === 0) continue;
        conversations.set(key, { stamps: [...list].sort((a, b) => a - b), pausedUntil: 0, heldUntil: 0 });
      }
    },
    prune(nowMs) {
      for (const [key, state] of conversations) {
        dropExpired(state, nowMs);
        if (state.stamps.length === 0 && state.pausedUntil <= nowMs && state.heldUntil <= nowMs) conversations.delete(key);
      }
    },
    size: () => conversations.size,
  };
}

/**
 * The shortest possible time between the first and the last of `count` messages to one
 * conversation under `windows` (greedy is optimal for sliding windows: sending each message
 * at the earliest allowed moment never delays a later one). Used to state the theoretical
 * minimum of a drain.
 */
export function computeMinimumSpanMs(count: number, windows: readonly SlidingWindow[] = TEAMS_CONVERSATION_WINDOWS): number {
  if (count <= 1) return 0;
  const limiter = createRateLimiter({ windows, globalPerSecond: 1e9, globalBurst: 1e9 });
  let now = 0;
  for (let sent = 0; sent < count; ) {
    const result = limiter.tryAcquire("one", now, 0);
    if (result.ok) {
      sent++;
      limiter.release("one");
    }
    else now += result.waitMs;
  }
  return now;
}

/** How far back sends still count in some window: what a restarted limiter must know. */
export function computeLookbackMs(windows: readonly SlidingWindow[] = TEAMS_CONVERSATION_WINDOWS, marginMs = 0): number {
  return windows.reduce((longest, w) => Math.max(longest, w.windowMs), 0) + marginMs;
}

/**
 * The stamps a new limiter starts from, rebuilt from sends recorded on the wall clock (the
 * outbox's sentAt, per route key): each becomes a stamp as far before `monotonicNowMs` as it
 * was before `wallNowMs`. A send recorded after `wallNowMs` (clocks disagree) counts as now;
 * sends older than the lookback no longer matter and are left out.
 */
export function rebuildConversationStamps(
  sends: readonly { key: string; sentAtMs: number }[],
  wallNowMs: number,
  monotonicNowMs: number,
  lookbackMs: number = computeLookbackMs(),
): Map<string, number[]> {
  const stamps = new Map<string, number[]>();
  for (const send of sends) {
    const ago = Math.max(0, wallNowMs - send.sentAtMs);
    if (ago >= lookbackMs) continue;
    const list = stamps.get(send.key);
    if (list) list.push(monotonicNowMs - ago);
    else stamps.set(send.key, [monotonicNowMs - ago]);
  }
  for (const list of stamps.values()) list.sort((a, b) => a - b);
  return stamps;
}
