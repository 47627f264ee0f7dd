/**
 * A fixed-budget sliding window per key (e.g. per Teams user): at most `limit` events in any
 * `windowMs`. Pure apart from its own memory; the caller passes the clock. Keys with no recent
 * events are forgotten so memory stays bounded by the number of active users.
 */
export type SlidingWindowLimiter = {
  /** Records an event if allowed; otherwise returns how long to wait. */
  take: (key: string, nowMs: number) => { allowed: true } | { allowed: false; retryAfterMs: number };
  /** Whether `take` would be allowed now, without recording an event. */
  peek: (key: string, nowMs: number) => { allowed: true } | { allowed: false; retryAfterMs: number };
  size: () => number;
};

export function createSlidingWindowLimiter(limit: number, windowMs: number): SlidingWindowLimiter {
  const events = new Map<string, number[]>();
  let lastSweep = 0;
  const sweep = (nowMs: number) => {
    if (nowMs - lastSweep < windowMs) return;
    lastSweep = nowMs;
    for (const [key, times] of events) if (times.length === 0 || times[times.length - 1]! <= nowMs - windowMs) events.delete(key);
  };
  return {
    take(key, nowMs) {
      sweep(nowMs);
      const times = (events.get(key) ?? []).filter((t) => t > nowMs - windowMs);
      if (times.length >= limit) {
        events.set(key, times);
        return { allowed: false, retryAfterMs: Math.max(1, times[0]! + windowMs - nowMs) };
      }
      times.push(nowMs);
      events.set(key, times);
      return { allowed: true };
    },
    peek(key, nowMs) {
      const times = (events.get(key) ?? []).filter((t) => t > nowMs - windowMs);
      return times.length >= limit ? { allowed: false, retryAfterMs: Math.max(1, times[0]! + windowMs - nowMs) } : { allowed: true };
    },
    size: () => events.size,
  };
}
