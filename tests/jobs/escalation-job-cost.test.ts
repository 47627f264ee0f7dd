import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { runInTransaction, type Db } from "../../src/db/client.js";
import { isWorkingDay, shiftIsoDate } from "../../src/domain/calendar/index.js";
import { escalationsJob } from "../../src/jobs/escalations.js";
import { createLogger } from "../../src/logger.js";
import { openOrUpdateCase, performCaseAction, type CaseActor } from "../../src/services/cases/index.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

// The escalation job runs every day and each case it looks at costs a transaction. These tests
// pin down which cases it looks at: only those something can happen to.

let ctx: Awaited<ReturnType<typeof createCliContext>>;

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}

/** The job's database, counting the transactions it opens (each case it looks at gets one). */
function countTransactions(db: Db): { db: Db; count: () => number } {
  let transactions = 0;
  const counted = new Proxy(db, {
    get(target, prop) {
      const value: unknown = Reflect.get(target, prop, target);
      if (prop === "$transaction") {
        return (...args: unknown[]) => {
          transactions++;
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db: counted, count: () => transactions };
}

async function runCounted(localIso: string) {
  const counted = countTransactions(ctx.jobDeps.db);
  const result = await escalationsJob.run({ ...ctx.jobDeps, db: counted.db }, at(localIso));
  return { result, transactions: counted.count() };
}

async function snapshot(ids: number[]) {
  return ctx.db.case.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" }, select: { id: true, version: true, state: true, level: true, nextEscalationAt: true, updatedAt: true } });
}

beforeEach(async () => {
  ctx = await createCliContext({ config: loadConfig({ ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: createRecordingOutbox().enqueue } });
});
afterEach(async () => {
  await ctx.close();
});

describe("the escalation job looks only at cases something can happen to", () => {
  it("on a weekend it opens no transaction for open cases (due, or at the top level): only an ended pause is handled", async () => {
    const [a, b, c] = await ctx.db.school.findMany({ orderBy: { id: "asc" }, take: 3 });
    const person = await ctx.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" }, include: { roles: true } });
    const projectteam: CaseActor = { personId: person.id, naam: person.naam, roles: person.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
    const open = (schoolId: number, when: string) => runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId }, reason: "achter op de DDD-norm", source: "job" }, at(when)));

    // Case "top" climbs the whole ladder in March, as the daily job makes it.
    const { case: top } = await open(a!.id, "2027-03-01T10:00");
    for (let day = "2027-03-02"; (await ctx.db.case.findUniqueOrThrow({ where: { id: top.id } })).level < 3; day = shiftIsoDate(day, 1)) {
      expect(day < "2027-04-01").toBe(true);
      await escalationsJob.run(ctx.jobDeps, at(`${day}T08:05`));
    }
    // Friday 9 April: case "due" is opened (its L0 is due from now on), case "paused" is paused until Saturday.
    const { case: due } = await open(b!.id, "2027-04-09T10:00");
    const { case: paused } = await open(c!.id, "2027-04-08T10:00");
    expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: paused.id, action: { kind: "pause", until: at("2027-04-10T00:00") }, actor: projectteam, via: "chat" }, at("2027-04-09T11:00"))).toMatchObject({ kind: "done" });
    const before = await snapshot([top.id, due.id]);
    expect(before.map((r) => [r.state, r.level])).toEqual([["open", 3], ["open", -1]]);

    // Saturday 10 April: the pause ends (one transaction); the open cases cost nothing.
    expect(isWorkingDay("2027-04-10", ctx.jobDeps.calendar)).toBe(false);
    const saturday = await runCounted("2027-04-10T08:05");
    expect(saturday.result).toMatchObject({ workingDay: false, due: 1, resumed: 1, escalated: 0, failed: 0 });
    expect(saturday.transactions).toBe(1);
    expect(await snapshot([top.id, due.id])).toEqual(before);
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: paused.id } })).state).toBe("open");

    // Sunday: nothing at all.
    expect(await runCounted("2027-04-11T08:05")).toMatchObject({ result: { workingDay: false, due: 0 }, transactions: 0 });
    expect(await snapshot([top.id, due.id])).toEqual(before);
  });

  it("on a working day the case at the top level costs nothing, while a due case still escalates", async () => {
    const [a, b] = await ctx.db.school.findMany({ orderBy: { id: "asc" }, take: 2 });
    const open = (schoolId: number, when: string) => runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId }, reason: "achter op de DDD-norm", source: "job" }, at(when)));
    const { case: top } = await open(a!.id, "2027-03-01T10:00");
    for (let day = "2027-03-02"; (await ctx.db.case.findUniqueOrThrow({ where: { id: top.id } })).level < 3; day = shiftIsoDate(day, 1)) {
      expect(day < "2027-04-01").toBe(true);
      await escalationsJob.run(ctx.jobDeps, at(`${day}T08:05`));
    }
    const { case: due } = await open(b!.id, "2027-04-12T10:00");
    const before = await snapshot([top.id]);

    // Tuesday 13 April: one transaction, for the due case's L0; the top-level case is not looked at.
    expect(isWorkingDay("2027-04-13", ctx.jobDeps.calendar)).toBe(true);
    expect(await runCounted("2027-04-13T08:05")).toMatchObject({ result: { workingDay: true, due: 1, escalated: 1, byLevel: { L0: 1 } }, transactions: 1 });
    expect((await ctx.db.case.findUniqueOrThrow({ where: { id: due.id } })).level).toBe(0);
    expect(before[0]).toMatchObject({ state: "open", level: 3 });
    expect(await snapshot([top.id])).toEqual(before);
  });
});
