import { describe, expect, it } from "vitest";
import { startAanjager } from "../../src/main.js";
import { createTestDatabasePath } from "../support/test-db.js";

/** The production entry point (`npm run serve` and `npm start` end in startAanjager) on a new database. */
describe("the first start of a new region", () => {
  it("loads the bundled catalogue, and runs the start's preparation before any job catches up", async () => {
    const seen: { activities: number; jobRuns: number }[] = [];
    const running = await startAanjager(
      { BOT_MODE: "local", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", DATABASE_PATH: createTestDatabasePath({ seeded: false }), DELIVERY_ENABLED: "false", SHUTDOWN_TIMEOUT_MS: "2000" },
      { prepare: async (app) => void seen.push({ activities: await app.db.activity.count(), jobRuns: await app.db.jobRun.count() }) },
    );
    try {
      // Without the catalogue a directory naming an owner was refused and there were no meetmomenten.
      expect(seen).toEqual([{ activities: expect.any(Number), jobRuns: 0 }]);
      expect(seen[0]!.activities).toBeGreaterThan(10);
      // The scheduler does catch up, after the preparation (npm start seeds the demo there).
      await expect.poll(() => running.app.db.jobRun.count()).toBeGreaterThan(0);
    } finally {
      await running.app.close();
    }
  });
});
