import { randomUUID } from "node:crypto";
import { DateTime } from "luxon";
import { claimJobRun, finishJobRun, hasJobRunForKey, type JobTrigger } from "../db/job-runs.js";
import { buildSlotKey, findPreviousSlot } from "../domain/schedule.js";
import type { JobDefinition, JobDeps, JobResult } from "./types.js";
import { describeErrorForLog } from "../logger.js";

export type JobRunOutcome =
  | { job: string; slot: string; status: "succeeded"; result: JobResult }
  | { job: string; slot: string; status: "failed"; error: string }
  | { job: string; slot: string; status: "skipped"; reason: "already-ran" };

async function execute(deps: JobDeps, job: JobDefinition, key: string, slot: Date, trigger: JobTrigger, now: Date): Promise<JobRunOutcome> {
  const runId = await claimJobRun(deps.db, { key, job: job.name, slot, trigger, at: now });
  if (runId === null) return { job: job.name, slot: slot.toISOString(), status: "skipped", reason: "already-ran" };
  const log = deps.logger.child({ job: job.name, slot: slot.toISOString(), trigger });
  try {
    const result = await job.run(deps, now);
    await finishJobRun(deps.db, runId, { status: "succeeded", result, at: new Date() });
    log.info({ result }, "job succeeded");
    return { job: job.name, slot: slot.toISOString(), status: "succeeded", result };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await finishJobRun(deps.db, runId, { status: "failed", error: message, at: new Date() });
    log.error({ err: describeErrorForLog(error) }, "job failed");
    return { job: job.name, slot: slot.toISOString(), status: "failed", error: message };
  }
}

/** Runs a scheduled slot once: a second call for the same slot (restart, second instance) is skipped. */
export async function runScheduledSlot(deps: JobDeps, job: JobDefinition, slot: Date, trigger: "schedule" | "startup", now: Date): Promise<JobRunOutcome> {
  return execute(deps, job, buildSlotKey(job.name, slot), slot, trigger, now);
}

/** `aanjager run <job> --at`: always runs (idempotency is the job's own business) and is recorded. */
export async function runJobManually(deps: JobDeps, job: JobDefinition, at: Date): Promise<JobRunOutcome> {
  return execute(deps, job, `${job.name}@cli@${at.toISOString()}@${randomUUID()}`, at, "cli", at);
}

/**
 * At start-up, the latest slot of every catch-up job that was missed while the bot was down
 * runs once. Slots older than the catch-up window are left alone: a summary from two weeks ago
 * is no longer news.
 */
export async function catchUpMissedSlots(deps: JobDeps, jobs: readonly JobDefinition[], now: Date, catchUpDays: number): Promise<JobRunOutcome[]> {
  const outcomes: JobRunOutcome[] = [];
  const horizon = DateTime.fromJSDate(now).minus({ days: catchUpDays }).toJSDate();
  for (const job of jobs) {
    if (!job.catchUp) continue;
    const slot = findPreviousSlot(job.schedule, now);
    if (slot < horizon) continue;
    if (await hasJobRunForKey(deps.db, buildSlotKey(job.name, slot))) continue;
    outcomes.push(await runScheduledSlot(deps, job, slot, "startup", now));
  }
  return outcomes;
}
