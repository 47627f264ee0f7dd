import { AppError } from "../errors.js";
import { escalationsJob } from "./escalations.js";
import { contactCheckJob } from "./contact-check.js";
import { dddRemindersJob } from "./ddd-reminders.js";
import { dispatchJob } from "./dispatch.js";
import { housekeepingJob } from "./housekeeping.js";
import { retentionJob } from "./retention.js";
import { meetmomentenJob } from "./meetmomenten.js";
import { syncRostersJob } from "./sync-rosters.js";
import type { JobDefinition } from "./types.js";
import { weeklySummaryJob } from "./weekly-summary.js";
import type { Config } from "../config.js";

/** Every job Aanjager knows. Features add theirs here; the scheduler and the CLI read this list. */
export const JOBS: readonly JobDefinition[] = [housekeepingJob, syncRostersJob, contactCheckJob, dddRemindersJob, escalationsJob, weeklySummaryJob, meetmomentenJob, retentionJob, dispatchJob];

/** The jobs with their schedules for this configuration (e.g. SUMMARY_TIME moves the weekly summary). */
export function configureJobs(config: Config, jobs: readonly JobDefinition[] = JOBS): JobDefinition[] {
  return jobs.map((job) => (job.configureSchedule ? { ...job, schedule: job.configureSchedule(config) } : job));
}

export function findJob(name: string, jobs: readonly JobDefinition[] = JOBS): JobDefinition {
  const job = jobs.find((j) => j.name === name);
  if (!job) {
    throw new AppError("JOB_UNKNOWN", `Onbekende job "${name}". Bekende jobs: ${jobs.map((j) => j.name).join(", ")}`);
  }
  return job;
}
