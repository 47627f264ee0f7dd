import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listLatestKpiMeasurements } from "../../src/services/meetmoment-summary-source.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager();
});
afterEach(async () => {
  await bot.close();
});

describe("the weekly summary's measurement source", () => {
  it("gives the latest submitted value per round and KPI known at asOf, never a draft", async () => {
    const db = bot.app.db;
    const kpi = await db.kpi.findFirstOrThrow({ where: { activityId: "ddd", unit: { in: ["count", "percentage"] } }, orderBy: { position: "asc" } });
    const round = await db.meetmomentRound.create({
      data: { activityId: "ddd", schoolYear: "2026-2027", meetmomentDate: "2026-11-02", openDay: "2026-11-02", periodLabel: "november 2026", status: "open", closesAt: new Date("2026-11-16T16:00:00Z") },
    });
    const at = (iso: string) => new Date(iso);
    await db.measurement.createMany({
      data: [
        { roundId: round.id, kpiId: kpi.id, version: 1, status: "ingediend", valueNumber: 42, source: "card", recordedAt: at("2026-11-03T10:00:00Z") },
        { roundId: round.id, kpiId: kpi.id, version: 2, status: "ingediend", valueNumber: 43, source: "card", recordedAt: at("2026-11-05T10:00:00Z") },
        { roundId: round.id, kpiId: kpi.id, version: 3, status: "concept", valueNumber: 99, source: "card", recordedAt: at("2026-11-06T10:00:00Z") },
      ],
    });
    expect(await listLatestKpiMeasurements(db, { from: "2026-08-01" as never, asOf: at("2026-11-20T10:00:00Z") })).toEqual([{ activityId: "ddd", kpiKey: kpi.key, measuredOn: "2026-11-02", value: 43 }]);
    // A later correction must not change an earlier week's summary.
    expect(await listLatestKpiMeasurements(db, { from: "2026-08-01" as never, asOf: at("2026-11-04T10:00:00Z") })).toEqual([{ activityId: "ddd", kpiKey: kpi.key, measuredOn: "2026-11-02", value: 42 }]);
    expect(await listLatestKpiMeasurements(db, { from: "2026-12-01" as never, asOf: at("2026-12-20T10:00:00Z") })).toEqual([]);
  });
});
