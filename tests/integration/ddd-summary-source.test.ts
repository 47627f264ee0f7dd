import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { appendDddSnapshots } from "../../src/db/ddd.js";
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

  it("with `through` leaves out what was recorded after that day and after the year's deadline, Amsterdam time", async () => {
    const source = createDddSummarySource(bot.app.jobDeps.calendar, bot.config.ddd);
    const school = await bot.app.db.school.findFirstOrThrow({ orderBy: { id: "asc" } });
    const year = "2021-2022" as never;
    const figures = { schoolId: school.id, mentorGroup: "", source: "import" as const, overstappers: 40, gestart: 40, deelB: 30, afgerond: 20, inBeeld: 30 };
    // 1 April 2022 23:59:59 in Amsterdam is still the deadline day; midnight is the day after.
    for (const recordedAt of ["2022-03-31T10:00:00Z", "2022-04-01T21:59:59Z", "2022-04-01T22:00:00Z", "2022-05-02T08:00:00Z"]) {
      await runInTransaction(bot.app.db, (tx) => appendDddSnapshots(tx, year, [figures], { importId: null, recordedAt: new Date(recordedAt) }));
    }
    const asOf = new Date("2027-03-22T07:30:00Z");
    const daysOf = async (through?: string) => (await source(bot.app.db, { schoolYear: year, asOf, ...(through ? { through: through as never } : {}) }))!.schools.find((s) => s.schoolId === school.id)!.series.map((p) => p.on);
    expect(await daysOf()).toEqual(["2022-03-31", "2022-04-01", "2022-04-02", "2022-05-02"]);
    expect(await daysOf("2022-03-15")).toEqual(["2022-03-31", "2022-04-01"]);
    expect(await daysOf("2022-04-02")).toEqual(["2022-03-31", "2022-04-01", "2022-04-02"]);
  });
});
