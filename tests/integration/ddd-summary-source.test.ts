import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createDddSummarySource } from "../../src/services/ddd/summary-source.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager();
});
afterEach(async () => {
  await bot.close();
});

describe("the weekly summary's DDD source", () => {
  it("gives per school the completed and in-beeld counts over time from the snapshots, as known at asOf", async () => {
    const source = createDddSummarySource(bot.app.jobDeps.calendar, bot.config.ddd);
    const years = await bot.app.db.dddSnapshot.groupBy({ by: ["schoolYear"], _count: true });
    expect(years.length).toBeGreaterThan(0);
    const schoolYear = years[0]!.schoolYear as never;
    const progress = await source(bot.app.db, { schoolYear, asOf: new Date("2030-01-01T00:00:00Z") });
    expect(progress).not.toBeNull();
    expect(progress!.deadline.endsWith("-04-01")).toBe(true);
    expect(progress!.schools.length).toBeGreaterThan(30);
    for (const school of progress!.schools) {
      expect(school.series.length).toBeGreaterThan(0);
      for (const point of school.series) expect(point.completed).toBeLessThanOrEqual(point.overstappers);
      const days = school.series.map((p) => p.on);
      expect([...days].sort()).toEqual(days);
      expect(new Set(days).size).toBe(days.length);
    }
    // Before anything was recorded there is nothing to show.
    expect(await source(bot.app.db, { schoolYear, asOf: new Date("2000-01-01T00:00:00Z") })).toBeNull();
  });
});
