import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { catchUpMissedSlots, runJobManually, runScheduledSlot } from "../../src/jobs/job-runner.js";
import { housekeepingJob } from "../../src/jobs/housekeeping.js";
import type { JobDefinition } from "../../src/jobs/types.js";
import { createLogger } from "../../src/logger.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

let ctx: Awaited<ReturnType<typeof createCliContext>>;
let database: DatabaseTarget;

beforeEach(async () => {
  database = createTestDatabase();
  ctx = await createCliContext({ config: loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent" }), logger: createLogger("silent") });
});
afterEach(async () => {
  await ctx.close();
});

function countingJob(name = "teller"): JobDefinition & { runs: Date[] } {
  const runs: Date[] = [];
  return {
    name,
    description: "telt",
    schedule: { kind: "weekly", weekday: 1, time: "08:30" },
    catchUp: true,
    runs,
    async run(_deps, now) {
      runs.push(now);
      return { runs: runs.length };
    },
  };
}

describe("job runs", () => {
  it("runs a scheduled slot once, however often it is triggered (restarts, a second instance)", async () => {
    const job = countingJob();
    const slot = new Date("2027-03-01T07:30:00Z");
    const outcomes = await Promise.all([
      runScheduledSlot(ctx.jobDeps, job, slot, "schedule", slot),
      runScheduledSlot(ctx.jobDeps, job, slot, "startup", slot),
      runScheduledSlot(ctx.jobDeps, job, slot, "schedule", slot),
    ]);
    expect(outcomes.filter((o) => o.status === "succeeded")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "skipped")).toHaveLength(2);
    expect(job.runs).toHaveLength(1);
    expect(await ctx.db.jobRun.count({ where: { job: "teller" } })).toBe(1);
  });

  it("catches up a missed Monday 08:30 slot once at start-up, and not again after a restart", async () => {
    const job = countingJob();
    // The bot was down on Monday 1 March 2027 at 08:30 and comes back on Tuesday.
    const tuesday = new Date("2027-03-02T10:00:00+01:00");
    const first = await catchUpMissedSlots(ctx.jobDeps, [job], tuesday, 7);
    expect(first).toEqual([{ job: "teller", slot: "2027-03-01T07:30:00.000Z", status: "succeeded", result: { runs: 1 } }]);
    const afterRestart = await catchUpMissedSlots(ctx.jobDeps, [job], new Date("2027-03-02T11:00:00+01:00"), 7);
    expect(afterRestart).toEqual([]);
    expect(job.runs).toEqual([tuesday]);
    const run = await ctx.db.jobRun.findFirstOrThrow({ where: { job: "teller" } });
    expect(run).toMatchObject({ trigger: "startup", status: "succeeded", key: "teller@2027-03-01T07:30:00.000Z" });
  });

  it("leaves slots older than the catch-up window alone", async () => {
    const job = countingJob();
    expect(await catchUpMissedSlots(ctx.jobDeps, [job], new Date("2027-03-07T10:00:00+01:00"), 3)).toEqual([]);
    expect(job.runs).toHaveLength(0);
  });

  it("records a failing job as failed with its error, without throwing", async () => {
    const job: JobDefinition = { ...countingJob("kapot"), run: async () => Promise.reject(new Error("stuk")) };
    const outcome = await runJobManually(ctx.jobDeps, job, new Date("2027-01-04T09:00:00+01:00"));
    expect(outcome).toMatchObject({ job: "kapot", status: "failed", error: "stuk" });
    expect(await ctx.db.jobRun.findFirstOrThrow({ where: { job: "kapot" } })).toMatchObject({ status: "failed", error: "stuk", trigger: "cli" });
  });

  it("housekeeping prunes job history older than 90 days and keeps the rest", async () => {
    const at = new Date("2027-06-01T03:15:00+02:00");
    await runJobManually(ctx.jobDeps, countingJob("oud"), new Date("2027-01-01T09:00:00+01:00"));
    await ctx.db.jobRun.updateMany({ where: { job: "oud" }, data: { startedAt: new Date("2027-01-01T08:00:00Z") } });
    await runJobManually(ctx.jobDeps, countingJob("recent"), new Date("2027-05-20T09:00:00+02:00"));
    const outcome = await runJobManually(ctx.jobDeps, housekeepingJob, at);
    expect(outcome).toMatchObject({ status: "succeeded", result: { prunedJobRuns: 1 } });
    expect((await ctx.db.jobRun.findMany()).map((r) => r.job).sort()).toEqual(["housekeeping", "recent"]);
  });
});

describe("npx aanjager", () => {
  const run = (args: string[]) => runAanjagerCli(["--json", ...args], { ...databaseEnv(database), LOG_LEVEL: "silent" });
  /** The output of a command that must succeed. */
  const cli = async (args: string[]) => {
    const { code, stdout, stderr } = await run(args);
    if (code !== 0) throw new Error(`aanjager ${args.join(" ")} exited ${code}: ${stderr}`);
    return stdout;
  };

  it("`run <job> --at` runs the job as of that moment and prints one JSON line", async () => {
    const out = (await cli(["run", "housekeeping", "--at", "2027-03-01T09:00:00+01:00"])).trim().split("\n");
    expect(out).toHaveLength(1);
    expect(JSON.parse(out[0]!)).toEqual({ job: "housekeeping", at: "2027-03-01T08:00:00.000Z", status: "succeeded", prunedJobRuns: 0, prunedDownloads: 0 });
  });

  it("`jobs` lists every job with its schedule, last and next run", async () => {
    await cli(["run", "housekeeping", "--at", "2027-03-01T09:00:00+01:00"]);
    const lines = (await cli(["jobs"])).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toContainEqual(expect.objectContaining({ job: "housekeeping", schedule: "dagelijks 03:15", lastRun: expect.objectContaining({ trigger: "cli", status: "succeeded" }) }));
    expect(new Date(lines[0].nextRun).getTime()).toBeGreaterThan(Date.now());
  });

  it("exits non-zero with a clear message on bad input", async () => {
    expect(await run(["run", "bestaat-niet"])).toMatchObject({ code: 1, stderr: expect.stringContaining('Onbekende job "bestaat-niet"') });
    expect(await run(["run", "housekeeping", "--at", "gisteren"])).toMatchObject({ code: 2, stderr: expect.stringContaining("Ongeldig tijdstip") });
    expect((await run(["onzin"])).code).toBe(2);
  });
});
