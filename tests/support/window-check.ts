import type { SlidingWindow } from "../../src/domain/delivery/rate-limiter.js";

/**
 * Independent check of recorded request times: in every window, no more than its limit.
 * Returns one line per excess ("9 in 2000 ms at ..."). Used for Teams' per-conversation
 * windows and for the app's rate (a 1 s window).
 */
export function findWindowExcesses(stamps: readonly number[], windows: readonly SlidingWindow[]): string[] {
  const sorted = [...stamps].sort((a, b) => a - b);
  const found: string[] = [];
  for (const w of windows) {
    let start = 0;
    for (let end = 0; end < sorted.length; end++) {
      while (sorted[start]! <= sorted[end]! - w.windowMs) start++;
      if (end - start + 1 > w.limit) found.push(`${end - start + 1} in ${w.windowMs} ms at ${sorted[end]}`);
    }
  }
  return found;
}

/** The most requests in any window of `windowMs`. */
export function findBusiestWindow(stamps: readonly number[], windowMs: number): number {
  const sorted = [...stamps].sort((a, b) => a - b);
  let most = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[start]! <= sorted[end]! - windowMs) start++;
    most = Math.max(most, end - start + 1);
  }
  return most;
}
