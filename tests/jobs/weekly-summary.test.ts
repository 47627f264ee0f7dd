import { DateTime } from "luxon";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAanjager, createCliContext } from "../../src/app.js";
import { renderSummaryCards } from "../../src/cards/summary-card.js";
import { loadConfig } from "../../src/config.js";
import { upsertChannelLink } from "../../src/db/channel-links.js";
import { runInTransaction } from "../../src/db/client.js";
import { getSchoolYear, isWorkingDay, shiftIsoDate, type SchoolYearLabel } from "../../src/domain/calendar/index.js";
import { findPreviousSlot } from "../../src/domain/schedule.js";
import { runJobManually, runScheduledSlot } from "../../src/jobs/job-runner.js";
import { findJob } from "../../src/jobs/registry.js";
import { weeklySummaryJob } from "../../src/jobs/weekly-summary.js";
import { createLogger } from "../../src/logger.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { openOrUpdateCase, performCaseAction } from "../../src/services/cases/index.js";
import type { SummarySources } from "../../src/services/summary/sources.js";
import { parseSummaryData } from "../../src/domain/summary/types.js";
import { createFakeSummarySources, generateDddProgress, generateMeasurements, listSchoolYearsBack, loadCatalogueActivities } from "../support/summary-fixtures.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

const CHANNEL = "19:stuurgroep@thread.tacv2";
let database: DatabaseTarget;
let ctx: Awaited<ReturnType<typeof createCliContext>>;
let outbox: ReturnType<typeof createRecordingOutbox>;

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
function local(date: Date | null | undefined): string {
  return date ? DateTime.fromJSDate(date, { zone: "Europe/Amsterdam" }).toFormat("ccc yyyy-MM-dd HH:mm") : "";
}
async function open(sources?: SummarySources) {
  outbox = createRecordingOutbox();
  ctx = await createCliContext({ config: loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue }, summarySources: sources });
}
async function linkChannel() {
  await upsertChannelLink(ctx.db, { purpose: "stuurgroep", conversationId: CHANNEL, teamId: "19:team", channelId: CHANNEL, linkedById: null }, at("2026-08-01T09:00"));
}
async function runAt(localIso: string) {
  const outcome = await runJobManually(ctx.jobDeps, weeklySummaryJob, at(localIso));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}

beforeEach(async () => {
  database = createTestDatabase({ seeded: true });
  await open();
});
afterEach(async () => {
  await ctx.close();
});

describe("weekly-summary job", () => {
  it("is registered daily at the summary time (configurable) with catch-up", () => {
    const job = findJob("weekly-summary", ctx.jobs);
    expect(job).toMatchObject({ schedule: { kind: "daily", time: "08:30" }, catchUp: true });
    const config = loadConfig({ ...databaseEnv(database), SUMMARY_TIME: "09:15", SUMMARY_WEEKDAY: "2" });
    expect(config.summary).toEqual({ weekday: 2, time: "09:15" });
    expect(() => loadConfig({ SUMMARY_WEEKDAY: "6" })).toThrow(/SUMMARY_WEEKDAY/);
  });

  it("produces the summaries of a whole school year: every Monday, Tuesday after a holiday Monday, none in holiday weeks", async () => {
    await ctx.close();
    const year = "2026-2027" as SchoolYearLabel;
    const activities = loadCatalogueActivities();
    await open(
      createFakeSummarySources({
        ddd: [generateDddProgress(year), generateDddProgress("2025-2026" as SchoolYearLabel)],
        measurements: generateMeasurements(activities, listSchoolYearsBack(year, 2)),
      }),
    );
    await linkChannel();
    const schools = await ctx.db.school.findMany({ orderBy: { id: "asc" }, take: 12 });
    const alex = await ctx.db.person.findUniqueOrThrow({ where: { email: "alexw@example.com" }, include: { roles: true } });
    const projectteam = { personId: alex.id, naam: alex.naam, roles: alex.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) };
    const job = findJob("weekly-summary", ctx.jobs);
    const escalations = findJob("escalations", ctx.jobs);
    let opened = 0;
    for (let day = "2026-08-01"; day <= "2027-07-31"; day = shiftIsoDate(day, 1)) {
      // The escalation ladder runs every morning, as in production.
      expect((await runScheduledSlot(ctx.jobDeps, escalations, findPreviousSlot(escalations.schedule, at(`${day}T08:05`)), "schedule", at(`${day}T08:05`))).status).toBe("succeeded");
      const outcome = await runScheduledSlot(ctx.jobDeps, job, findPreviousSlot(job.schedule, at(`${day}T08:30`)), "schedule", at(`${day}T08:30`));
      expect(outcome.status).toBe("succeeded");
      // Every other Wednesday a school falls behind; some cases are closed again two weeks later.
      if (DateTime.fromISO(day).weekday === 3 && DateTime.fromISO(day).weekNumber % 2 === 0 && isWorkingDay(day, ctx.jobDeps.calendar)) {
        const school = schools[opened++ % schools.length]!;
        await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "ddd-achterstand", subject: { kind: "school", schoolId: school.id }, reason: "achter op de DDD-norm", source: "job" }, at(`${day}T10:00`)));
        if (opened % 3 === 0) {
          const first = await ctx.db.case.findFirst({ where: { state: { not: "opgelost" } }, orderBy: { id: "asc" } });
          if (first) {
            expect(await performCaseAction(ctx.db, ctx.jobDeps, { caseId: first.id, action: { kind: "resolve", note: "bijgewerkt" }, actor: projectteam, via: "chat" }, at(`${day}T11:00`))).toMatchObject({ kind: "done" });
          }
        }
      }
    }

    const rows = await ctx.db.weeklySummary.findMany({ orderBy: { weekStart: "asc" } });
    const posted = rows.map((r) => `w${r.week} ${local(r.postedAt)}`);
    expect(rows).toHaveLength(42);
    expect(posted[0]).toBe("w35 Mon 2026-08-24 08:30");
    expect(posted.at(-1)).toBe("w28 Mon 2027-07-12 08:30");
    expect(posted).toContain("w13 Tue 2027-03-30 08:30"); // Tweede Paasdag
    expect(posted).toContain("w20 Tue 2027-05-18 08:30"); // Tweede Pinksterdag
    for (const holidayWeek of [43, 52, 53, 6, 18, 29, 30]) expect(rows.map((r) => r.week)).not.toContain(holidayWeek);
    expect(posted.filter((p) => !/ (Mon|Tue) \S+ 08:30$/.test(p))).toEqual([]);
    expect(posted.filter((p) => p.includes(" Tue "))).toHaveLength(2);
    // Cases were closed along the way too.
    expect(rows.reduce((s, r) => s + JSON.parse(r.data).sections.find((x: { id: string }) => x.id === "escalaties").data.resolved, 0)).toBeGreaterThan(0);
    expect(rows.every((r) => !r.late && r.schoolYear === "2026-2027" && r.conversationId === CHANNEL)).toBe(true);

    // One message per week for the main card (plus its follow-ups), all distinct keys, every card valid and small.
    const summaries = outbox.messages.filter((m) => m.purpose === "samenvatting");
    const mains = summaries.filter((m) => /^samenvatting-2026-2027-w\d\d$/.test(m.key));
    expect(mains).toHaveLength(42);
    expect(new Set(summaries.map((m) => m.key)).size).toBe(summaries.length);
    for (const message of summaries) {
      expect(message).toMatchObject({ purpose: "samenvatting", recipient: { conversationId: CHANNEL } });
      expect(message.card.version).toBe("1.5");
      expect(Buffer.byteLength(JSON.stringify(message.card))).toBeLessThan(28 * 1024);
    }
    expect(rows.every((r) => r.parts === summaries.filter((m) => m.key.startsWith(`samenvatting-2026-2027-w${String(r.week).padStart(2, "0")}`)).length)).toBe(true);

    // The content follows the year: the DDD campaign towards 1 April, then its final figure; cases escalate to L3.
    const week = (n: number) => JSON.parse(rows.find((r) => r.week === n)!.data);
    expect(week(35).sections.map((s: { id: string }) => s.id)).toEqual(["ddd", "escalaties", "kpis"]);
    expect(week(10).sections.find((s: { id: string }) => s.id === "ddd").data).toMatchObject({ phase: "campagne", forecast: { on: "2027-04-01" } });
    expect(week(20).sections.find((s: { id: string }) => s.id === "ddd").data).toMatchObject({ phase: "na-deadline", asOf: "2027-04-01", finals: [{ schoolYear: "2026-2027" }, { schoolYear: "2025-2026" }] });
    const escalationsOf = (n: number) => week(n).sections.find((s: { id: string }) => s.id === "escalaties").data;
    expect(escalationsOf(35)).toMatchObject({ opened: 0, openTotal: 0 });
    expect(escalationsOf(24).openByLevel.find((l: { level: number }) => l.level === 3).count).toBeGreaterThan(0);
    // L3 cases are listed by the school's name.
    expect(schools.map((s) => s.naam)).toContain(escalationsOf(24).stuurgroep[0].name);
    expect(escalationsOf(24).trend).toHaveLength(8);
    // Opened counts add up over the year: every case opened in term time is counted exactly once.
    const totalOpened = rows.reduce((s, r) => s + JSON.parse(r.data).sections.find((x: { id: string }) => x.id === "escalaties").data.opened, 0);
    expect(totalOpened).toBe(await ctx.db.caseEvent.count({ where: { kind: "opened", at: { lt: rows.at(-1)!.generatedAt } } }));
    const kpis = week(24).sections.find((s: { id: string }) => s.id === "kpis").data;
    expect(kpis.measurementsAvailable).toBe(true);
    expect(kpis.counts.geenMeting).toBe(0);
    // The stored data renders again exactly as posted (samenvatting week N).
    const row = rows.find((r) => r.week === 24)!;
    const again = renderSummaryCards(parseSummaryData(row.data), { posting: { postedAt: row.postedAt!.toISOString(), late: row.late } });
    expect(again[0]).toEqual(mains.find((m) => m.key === "samenvatting-2026-2027-w24")!.card);
  }, 240_000);

  it("is idempotent: twice at the same moment, later the same day, and in a new app instance on the same database", async () => {
    await linkChannel();
    expect(await runAt("2027-03-15T08:30")).toMatchObject({ outcome: "verstuurd", schoolYear: "2026-2027", week: 11, late: false, messages: 1 });
    expect(await runAt("2027-03-15T08:30")).toMatchObject({ outcome: "al-verstuurd" });
    expect(await runAt("2027-03-16T08:30")).toMatchObject({ outcome: "al-verstuurd" });
    expect(outbox.messages.map((m) => m.key)).toEqual(["samenvatting-2026-2027-w11"]);

    // A restart: a new instance with a outbox that remembers nothing. The database decides.
    await ctx.close();
    await open();
    expect(await runAt("2027-03-15T08:30")).toMatchObject({ outcome: "al-verstuurd" });
    expect(await runAt("2027-03-17T14:00")).toMatchObject({ outcome: "al-verstuurd" });
    expect(outbox.messages).toEqual([]);
    expect(await ctx.db.weeklySummary.count()).toBe(1);

    // Two instances racing for the same week: one posts.
    const other = await createCliContext({ config: loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: outbox.enqueue } });
    try {
      const results = await Promise.all([runJobManually(ctx.jobDeps, weeklySummaryJob, at("2027-03-22T08:30")), runJobManually(other.jobDeps, weeklySummaryJob, at("2027-03-22T08:30"))]);
      expect(results.map((r) => (r.status === "succeeded" ? r.result.outcome : r.status)).sort()).toEqual(["al-verstuurd", "verstuurd"]);
    } finally {
      await other.close();
    }
    expect(outbox.messages.map((m) => m.key)).toEqual(["samenvatting-2026-2027-w12"]);
  });

  it("`aanjager run weekly-summary --at` prints one JSON line and is idempotent", async () => {
    await linkChannel();
    const cli = async () => {
      const { code, stdout, stderr } = await runAanjagerCli(["--json", "run", "weekly-summary", "--at", "2027-03-15T08:30:00+01:00"], { ...databaseEnv(database), LOG_LEVEL: "silent" });
      expect(code, stderr).toBe(0);
      return stdout.trim().split("\n");
    };
    const first = await cli();
    const second = await cli();
    expect(first).toHaveLength(1);
    expect(JSON.parse(first[0]!)).toMatchObject({ job: "weekly-summary", status: "succeeded", outcome: "verstuurd", at: "2027-03-15T07:30:00.000Z", schoolYear: "2026-2027", week: 11, dueAt: "2027-03-15T07:30:00.000Z", late: false, messages: 1 });
    expect(second).toHaveLength(1);
    expect(JSON.parse(second[0]!)).toMatchObject({ job: "weekly-summary", status: "succeeded", outcome: "al-verstuurd", week: 11 });
    expect(await ctx.db.weeklySummary.count()).toBe(1);
    expect((await ctx.db.weeklySummary.findFirstOrThrow()).postedAt).not.toBeNull();
  });

  it("recovers a missed Monday: the bot comes back on Tuesday, catches up the slot and posts, marked late", async () => {
    await linkChannel();
    await ctx.close();
    // Down all of Monday 15 March; started again on Tuesday at 10:15.
    const config = loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent", PORT: "0", HOST: "127.0.0.1" });
    outbox = createRecordingOutbox();
    const app = await createAanjager({ config, logger: createLogger("silent"), clock: () => at("2027-03-16T10:15"), ports: { enqueue: outbox.enqueue } });
    try {
      const scheduler = await app.startScheduler();
      await scheduler.idle();
      await scheduler.stop();
      const row = await app.db.weeklySummary.findFirstOrThrow();
      expect(row).toMatchObject({ week: 11, late: true });
      expect(local(row.postedAt)).toBe("Tue 2027-03-16 10:15");
      expect(local(row.dueAt)).toBe("Mon 2027-03-15 08:30");
      expect(outbox.messages.map((m) => m.key).filter((k) => k.startsWith("samenvatting-"))).toEqual(["samenvatting-2026-2027-w11"]);
      const card = JSON.stringify(outbox.messages.find((m) => m.key.startsWith("samenvatting-"))!.card);
      expect(card).toContain("Later verstuurd: gepland voor maandag 15 maart 2027 om 08:30, verstuurd op dinsdag 16 maart 2027 om 10:15");
      const run = await app.db.jobRun.findFirstOrThrow({ where: { job: "weekly-summary" } });
      expect(run).toMatchObject({ trigger: "startup", status: "succeeded" });
    } finally {
      await app.close();
    }
    await open();
    expect(await runAt("2027-03-17T08:30")).toMatchObject({ outcome: "al-verstuurd" });
    expect(await runAt("2027-03-22T08:30")).toMatchObject({ outcome: "verstuurd", week: 12, late: false });
  });

  it("moves a holiday Monday to the next working day: Tweede Paasdag and Tweede Pinksterdag", async () => {
    await linkChannel();
    expect(await runAt("2027-03-29T08:30")).toMatchObject({ outcome: "geen-werkdag", week: 13 });
    expect(await runAt("2027-03-30T08:29")).toMatchObject({ outcome: "nog-niet", dueAt: at("2027-03-30T08:30").toISOString() });
    expect(await runAt("2027-03-30T08:30")).toMatchObject({ outcome: "verstuurd", week: 13, late: false });
    expect(await runAt("2027-05-17T08:30")).toMatchObject({ outcome: "geen-werkdag", week: 20 });
    expect(await runAt("2027-05-18T08:30")).toMatchObject({ outcome: "verstuurd", week: 20, late: false });
    // A school holiday week has no summary at all.
    expect(await runAt("2027-05-03T08:30")).toMatchObject({ outcome: "vakantieweek", week: 18 });
    expect(outbox.messages.map((m) => m.key)).toEqual(["samenvatting-2026-2027-w13", "samenvatting-2026-2027-w20"]);
  });

  it("without a stuurgroep channel stores the summary and posts it once the channel is linked, marked late", async () => {
    expect(await runAt("2027-03-15T08:30")).toMatchObject({ outcome: "geen-kanaal", stored: true });
    expect(await runAt("2027-03-16T08:30")).toMatchObject({ outcome: "geen-kanaal" });
    expect(await ctx.db.weeklySummary.count()).toBe(1);
    await linkChannel();
    expect(await runAt("2027-03-17T08:30")).toMatchObject({ outcome: "verstuurd", late: true });
    const row = await ctx.db.weeklySummary.findFirstOrThrow();
    // The figures are those of Monday (when it was made), the posting is Wednesday's.
    expect(local(row.generatedAt)).toBe("Mon 2027-03-15 08:30");
    expect(local(row.postedAt)).toBe("Wed 2027-03-17 08:30");
    expect(outbox.messages).toHaveLength(1);
  });

  it("counts only what happened since the previous summary", async () => {
    await linkChannel();
    const school = await ctx.db.school.findFirstOrThrow();
    await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, at("2027-03-10T10:00")));
    await runAt("2027-03-15T08:30");
    await runInTransaction(ctx.db, (tx) => openOrUpdateCase(tx, { type: "werkafspraak", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, at("2027-03-18T10:00")));
    await runAt("2027-03-22T08:30");
    const data = async (week: number) => JSON.parse((await ctx.db.weeklySummary.findFirstOrThrow({ where: { week } })).data);
    const escalations = async (week: number) => (await data(week)).sections.find((s: { id: string }) => s.id === "escalaties").data;
    expect(await escalations(11)).toMatchObject({ opened: 1, openTotal: 1 });
    expect(await escalations(12)).toMatchObject({ opened: 1, openTotal: 2, trend: [{ label: "w11", open: 1, opened: 1 }, { label: "w12", open: 2, opened: 1 }] });
    expect((await data(12)).period).toMatchObject({ from: at("2027-03-15T08:30").toISOString(), to: at("2027-03-22T08:30").toISOString() });
    expect(getSchoolYear(at("2027-03-22T08:30"))).toBe("2026-2027");
  });
});
