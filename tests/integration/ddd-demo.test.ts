import { afterEach, describe, expect, it } from "vitest";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { forecastCompletion, isComplete } from "../../src/domain/ddd/index.js";
import { resolveCampaign } from "../../src/services/ddd/campaign.js";
import { loadSchoolViews } from "../../src/services/ddd/progress.js";
import { listDemoExportMoments } from "../../src/services/ddd/demo-progress.js";
import { loadWorkCalendar } from "../../src/services/calendar-data.js";
import { seedDemoData } from "../../src/services/demo-seed.js";
import { amsterdam } from "../support/ddd.js";
import { createTestDatabase } from "../support/test-db.js";

/** `aanjager demo seed` loads believable, deterministic DDD history for the current school year. */
const dbs: Db[] = [];
async function freshDb(): Promise<Db> {
  const db = await createDb(createTestDatabase());
  await configureDb(db);
  dbs.push(db);
  return db;
}
afterEach(async () => {
  await Promise.all(dbs.splice(0).map((db) => db.$disconnect()));
});

describe("demo DDD progress", () => {
  it("writes six weekly exports up to the seed moment, once", async () => {
    const db = await freshDb();
    const now = amsterdam("2027-03-10T12:00");
    const first = await seedDemoData(db, now);
    expect(first.dddSnapshots).toBeGreaterThan(100);
    expect(listDemoExportMoments(now)).toEqual(["2027-02-01", "2027-02-08", "2027-02-15", "2027-02-22", "2027-03-01", "2027-03-08"].map((d) => amsterdam(`${d}T07:00`)));
    const imports = await db.dddImport.findMany({ orderBy: { importedAt: "asc" } });
    expect(imports.map((i) => [i.source, i.importedAt])).toEqual(listDemoExportMoments(now).map((m) => ["demo", m]));
    expect((await seedDemoData(db, now)).dddSnapshots).toBe(0);
  });

  it("is deterministic and shows every kind of school: done, on track, behind, stalled and without figures", async () => {
    const now = amsterdam("2027-03-10T12:00");
    const calendar = await loadWorkCalendar();
    const ctx = resolveCampaign(now, calendar, { ddd: { deadline: "04-01", campaignStart: null } });
    const summarise = async (db: Db) => {
      await seedDemoData(db, now);
      const views = await loadSchoolViews(db, { schoolYear: ctx.schoolYear, asOf: now, calendar });
      return views.map((v) => ({
        brin: v.school.brin,
        figures: v.figures,
        status: forecastCompletion({ points: v.points, today: ctx.today, deadlineDay: ctx.plan.deadlineDay, normPercent: 97, index: ctx.index }).status,
      }));
    };
    const a = await summarise(await freshDb());
    const b = await summarise(await freshDb());
    expect(a).toEqual(b);
    const count = (status: string) => a.filter((s) => s.status === status).length;
    expect(a.filter((s) => s.figures && isComplete(s.figures)).length).toBeGreaterThanOrEqual(5);
    expect(count("onder-norm")).toBeGreaterThanOrEqual(5);
    expect(count("stilstand")).toBeGreaterThanOrEqual(3);
    expect(count("haalt-100") + count("haalt-norm")).toBeGreaterThanOrEqual(3);
    expect(count("geen-cijfers")).toBeGreaterThanOrEqual(2);
  });
});
