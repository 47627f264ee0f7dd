/**
 * The app-wide rate, adapted to what Teams says (AIMD, as TCP does with congestion). Teams
 * limits the whole app per tenant as well as each conversation; when it throttles app-wide,
 * every conversation gets 429s, and pausing each one on its own Retry-After still leaves the
 * dispatcher sending at the full configured rate into the storm. So: 429s from several
 * different conversations within a short time mean the app as a whole is throttled, and the
 * rate is cut (multiplied by `factor`, at most once per `holdMs`, not below `floor`); from
 * `holdMs` after the last cut it grows back linearly (`recoverPerSecond` every second) to the
 * configured ceiling. Pure: every call takes `nowMs` (a monotonic clock).
 */
export type AdaptiveRateOptions = {
  /** The configured rate: never exceeded. */
  ceiling: number;
  /** The lowest rate a cut goes to. Default: a thirtieth of the ceiling, at least 0.5 per second. */
  floor?: number;
  /** Default 0.5: halve the rate. */
  factor?: number;
  /** Requests per second added each second once recovering. Default: a tenth of the ceiling (full rate some 10 s after the last cut). */
  recoverPerSecond?: number;
  /** This many different conversations throttled within `spreadWindowMs` is app-wide throttling. Default 3 in 5 s. */
  spreadConversations?: number;
  spreadWindowMs?: number;
  /** At most one cut per this long (the answers to requests sent at the old rate are still coming in), and no recovery before. Default 1 s. */
  holdMs?: number;
};

export type AdaptiveRate = {
  /** Requests per second allowed at `nowMs`. */
  rate: (nowMs: number) => number;
  /** Teams answered 429 for conversation `key`. True when this cut the app-wide rate. */
  noteThrottle: (key: string, nowMs: number) => boolean;
};

export function createAdaptiveRate(options: AdaptiveRateOptions): AdaptiveRate {
  const { ceiling } = options;
  const floor = Math.min(ceiling, options.floor ?? Math.max(0.5, ceiling / 30));
  const factor = options.factor ?? 0.5;
  const recoverPerSecond = options.recoverPerSecond ?? ceiling / 10;
  const spreadConversations = options.spreadConversations ?? 3;
  const spreadWindowMs = options.spreadWindowMs ?? 5_000;
  const holdMs = options.holdMs ?? 1_000;
  if (!(ceiling > 0) || !(factor > 0 && factor < 1) || !(recoverPerSecond > 0)) throw new Error("adaptive rate needs ceiling > 0, 0 < factor < 1 and recoverPerSecond > 0");
  let cutTo = ceiling;
  let cutAt = -Infinity;
  let recent: { key: string; at: number }[] = [];

  const rate = (nowMs: number) => Math.min(ceiling, cutTo + (recoverPerSecond * Math.max(0, nowMs - cutAt - holdMs)) / 1000);

  return {
    rate,
    noteThrottle(key, nowMs) {
      recent = recent.filter((t) => t.at > nowMs - spreadWindowMs);
      recent.push({ key, at: nowMs });
      if (new Set(recent.map((t) => t.key)).size < spreadConversations || nowMs - cutAt < holdMs) return false;
      cutTo = Math.max(floor, rate(nowMs) * factor);
      cutAt = nowMs;
      // The next cut needs new evidence: 429s to requests sent at the lowered rate.
      recent = [];
      return true;
    },
  };
}
