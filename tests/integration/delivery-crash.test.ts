import { describe, expect, it } from "vitest";
import { runCrashDrill } from "../support/crash-drill.js";
import { createTestDatabasePath } from "../support/test-db.js";

/**
 * kill -9 in the middle of a drain, twice, then a restart: nothing is lost, and a message
 * reaches Teams twice only when its row counted a possible re-send. CI runs a small N
 * (CRASH_N, default 150: the drill's time is mostly its three process starts); `npm run
 * bench:delivery` runs the same drill at N = 2,000.
 */
const n = Number(process.env.CRASH_N ?? 150);

describe("crash safety", () => {
  it(`delivers all ${n} messages exactly once, except counted re-sends, across two SIGKILLs`, { timeout: 180_000 }, async () => {
    const report = await runCrashDrill({ databasePath: createTestDatabasePath(), n, kills: 2, globalPerSecond: 150, leaseMs: 1000 });

    console.log(JSON.stringify(report));
    expect(report.killedAfterSends.length).toBe(2);
    // The kills really fell mid-drain.
    expect(report.killedAfterSends[0]!).toBeGreaterThan(0);
    expect(report.killedAfterSends[1]!).toBeLessThan(n);
    expect(report.lost).toBe(0);
    expect(report.notSent).toBe(0);
    expect(report.delivered).toBe(n);
    expect(report.unexplainedDuplicates).toBe(0);
    expect(report.duplicates).toBeLessThanOrEqual(report.resendSuspects);
    expect(report.throttled429).toBe(0);
  });
});
