import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runInTransaction, type Db } from "../../src/db/client.js";
import type { DirectoryRecord } from "../../src/domain/directory.js";
import { dddRemindersJob } from "../../src/jobs/ddd-reminders.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { overstapYearJob } from "../../src/jobs/overstap-year.js";
import { appendDddSnapshots } from "../../src/db/ddd.js";
import { createLogger } from "../../src/logger.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { importDirectoryRecords } from "../../src/services/directory-import.js";
import { importRows } from "../support/ddd.js";
import { buildBrinFor } from "../support/directory-file.js";
import { createTestDatabaseEnv, testDatabaseProvider } from "../support/test-db.js";

// The daily jobs read what a run needs once and write in slices: the number of queries of a run
// must not grow with the number of targets or cases, beyond the one conditional update each
// fired case needs. Counted on the real outbox and case service, on a region of N and of 2N schools.

const GROUPS = 10;
const contexts: Awaited<ReturnType<typeof createCliContext>>[] = [];

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}

/** The job's database, counting every query it makes (inside transactions too). */
function countQueries(db: Db): { db: Db; count: () => number } {
  let queries = 0;
  const counted = db.$extends({
    // Top level, not per model: raw statements (the batched inserts) are queries too.
    query: {
      async $allOperations({ args, query }) {
        queries++;
        return query(args);
      },
    },
  });
  return { db: counted as unknown as Db, count: () => queries };
}

/** A fresh database with `schools` vmbo schools, each with a decaan and ten mentor groups of one mentor. */
async function openRegion(schools: number) {
  const ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv(), LOG_LEVEL: "silent" }), logger: createLogger("silent") });
  contexts.push(ctx);
  const records: DirectoryRecord[] = [];
  const add = (values: DirectoryRecord["values"]) => records.push({ line: records.length + 2, values });
  for (let s = 0; s < schools; s++) {
    const brin = buildBrinFor(s);
    add({ email: `decaan${s}@school${s}.example`, naam: `Decaan ${s}`, rol: "decaan", school_brin: brin, school_naam: `School ${s}`, school_soort: "vmbo", subregio: "parkstad" });
    for (let g = 0; g < GROUPS; g++) add({ email: `mentor${s}-${g}@school${s}.example`, naam: `Mentor ${s}-${g}`, rol: "mentor", school_brin: brin, mentorgroep: `4${String.fromCharCode(65 + g)}` });
  }
  for (let i = 0; i < 3; i++) add({ email: `projectteam${i}@vsv.example`, naam: `Projectteam ${i}`, rol: "projectteam" });
  add({ email: "programmaleider@vsv.example", naam: "Programma Leider", rol: "programmaleider" });
  const imported = await importDirectoryRecords(ctx.db, records);
  expect(imported.ok).toBe(true);
  return ctx;
}

async function runCounted(ctx: Awaited<ReturnType<typeof createCliContext>>, job: typeof dddRemindersJob, when: Date) {
  const counted = countQueries(ctx.db);
  const result = await job.run({ ...ctx.jobDeps, db: counted.db }, when);
  return { result, queries: counted.count() };
}

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((ctx) => ctx.close()));
});

describe("the daily jobs cost a fixed number of queries, not a few per item", () => {
  it("the DDD reminder run of a step day makes the same queries for 20 schools as for 10 (220 and 110 targets), besides opening each school's case", async () => {
    const runOn = async (schools: number) => {
      const ctx = await openRegion(schools);
      const rows = Array.from({ length: schools }, (_, s) => Array.from({ length: GROUPS }, (_, g) => `${buildBrinFor(s)};4${String.fromCharCode(65 + g)};20;18;16;${10 + (g % 5)};20`)).flat();
      await importRows(ctx.db, rows, at("2027-03-15T07:00"));
      return runCounted(ctx, dddRemindersJob, at("2027-03-18T08:15"));
    };
    const small = await runOn(10);
    const large = await runOn(20);
    expect(small.result).toMatchObject({ campaign: "actief", planned: 110, lostRace: 0, noRecipient: 0 });
    expect(large.result).toMatchObject({ campaign: "actief", planned: 220, lostRace: 0, noRecipient: 0 });
    expect(large.result.enqueued).toBe(2 * (small.result.enqueued as number));
    // Opening a school's escalation case (a few queries in the case service) is the work per item
    // that is left; everything else is a fixed number of reads and one write per slice. (One
    // transaction per item made 5.7 queries per item: 600 here for the small region.)
    // On PostgreSQL the case's insert runs under a savepoint (two statements more, see tryWrite)
    // and the run's transactions take the writer lock (one statement each).
    const perCase = testDatabaseProvider === "postgresql" ? 7 : 5;
    const fixed = testDatabaseProvider === "postgresql" ? 20 : 15;
    const escalations = (run: typeof small) => run.result.escalations as number;
    expect(escalations(small)).toBeGreaterThan(0);
    expect(small.queries).toBeLessThanOrEqual(fixed + perCase * escalations(small));
    expect(large.queries - small.queries).toBeLessThanOrEqual(perCase * (escalations(large) - escalations(small)) + 4);
  });

  it("the escalation run makes one query per case it escalates (its conditional update) besides a fixed few", async () => {
    const runOn = async (cases: number) => {
      const ctx = await openRegion(cases);
      for (const school of await ctx.db.school.findMany({ orderBy: { id: "asc" } })) {
        await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "geen reactie", source: "job" }, at("2027-03-16T10:00")));
      }
      return runCounted(ctx, escalationsJob, at("2027-03-17T08:35"));
    };
    const small = await runOn(15);
    const large = await runOn(30);
    expect(small.result).toMatchObject({ due: 15, escalated: 15, failed: 0, byLevel: { L0: 15 } });
    expect(large.result).toMatchObject({ due: 30, escalated: 30, failed: 0, byLevel: { L0: 30 } });
    // Per case one conditional update; the reads, the events and the cards go at once. (One
    // transaction per case made about 19 queries per case.)
    expect(large.queries - small.queries).toBeLessThanOrEqual(15);
    expect(small.queries).toBeLessThanOrEqual(15 + 12 + (testDatabaseProvider === "postgresql" ? 5 : 0));
  });

  it("the overstap-year run of a reminder step makes the same queries for 20 schools as for 10", async () => {
    const runOn = async (schools: number) => {
      const ctx = await openRegion(schools);
      const ids = (await ctx.db.school.findMany({ select: { id: true } })).map((s) => s.id);
      // Every school is behind (pupils without an aanmelding): every decaan gets a card.
      const rows = ids.map((schoolId) => ({ schoolId, mentorGroup: "", source: "import" as const, overstappers: 20, gestart: 20, deelB: 20, afgerond: 20, inBeeld: 20, aangemeld: 18, geenAanmelding: 2, afgewezen: 0, geplaatst: 18, geplaatstMetDdd: 18 }));
      await runInTransaction(ctx.db, (tx) => appendDddSnapshots(tx, "2026-2027", rows, { importId: null, recordedAt: at("2027-04-12T07:00") }));
      return runCounted(ctx, overstapYearJob, at("2027-04-15T08:20"));
    };
    const small = await runOn(10);
    const large = await runOn(20);
    expect(small.result).toMatchObject({ steps: ["2026-2027:toelating-april"], reminders: 10, enqueued: 10 });
    expect(large.result).toMatchObject({ steps: ["2026-2027:toelating-april"], reminders: 20, enqueued: 20 });
    expect(large.queries).toBe(small.queries);
    expect(small.queries).toBeLessThanOrEqual(10);
  });
});
