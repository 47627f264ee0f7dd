import type { Sleep } from "../../src/services/delivery/dispatcher.js";

/**
 * Virtual time for the dispatcher and the mock connector: a monotonic clock that stands still
 * until everything waits on a sleep, then jumps to the earliest wake-up. "Everything waits" is
 * judged from real time: `quietMs` of real time passed since the last jump, and nothing the
 * test declared busy (`holdWhile`: calls in flight) is going on, or `maxHoldMs` passed anyway
 * (a call that hangs must not stop time). A jump in the middle of a call only makes time later,
 * which is conservative for rate limits.
 */
export type VirtualTime = {
  monotonic: () => number;
  sleep: Sleep;
  /** Time waits while `busy()` holds (up to `maxHoldMs` of real time per jump). */
  holdWhile: (busy: () => boolean) => void;
  /** Stops the driver; pending sleeps stay pending. */
  stop: () => void;
};

type Timer = { at: number; wake: () => void };

export function startVirtualTime(options: { quietMs?: number; maxHoldMs?: number } = {}): VirtualTime {
  const quietMs = options.quietMs ?? 3;
  const maxHoldMs = options.maxHoldMs ?? 500;
  let busy = () => false;
  const timers = new Set<Timer>();
  let now = 0;
  let running = true;

  const sleep: Sleep = (ms, signal) =>
    new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const timer: Timer = {
        at: now + Math.max(0, ms),
        wake: () => {
          timers.delete(timer);
          signal?.removeEventListener("abort", timer.wake);
          resolve();
        },
      };
      timers.add(timer);
      signal?.addEventListener("abort", timer.wake, { once: true });
    });

  void (async () => {
    let heldSince = performance.now();
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, quietMs));
      const held = busy();
      if (!held) heldSince = performance.now();
      if (!running || timers.size === 0) continue;
      if (held && performance.now() - heldSince < maxHoldMs) continue;
      heldSince = performance.now();
      let next = Infinity;
      for (const timer of timers) next = Math.min(next, timer.at);
      now = Math.max(now, next);
      for (const timer of [...timers]) if (timer.at <= now) timer.wake();
    }
  })();

  return {
    monotonic: () => now,
    sleep,
    holdWhile: (predicate) => {
      busy = predicate;
    },
    stop: () => {
      running = false;
    },
  };
}
