import { AppError } from "../errors.js";
import type { JobDefinition } from "./types.js";
import type { Config } from "../config.js";

/** The jobs with their schedules for this configuration (e.g. SUMMARY_TIME moves the weekly summary). Features declare the jobs (src/features/). */
export function configureJobs(config: Config, jobs: readonly JobDefinition[]): JobDefinition[] {
  return jobs.map((job) => (job.configureSchedule ? { ...job, schedule: job.configureSchedule(config) } : job));
}

export function findJob(name: string, jobs: readonly JobDefinition[]): JobDefinition {
  const job = jobs.find((j) => j.name === name);
  if (!job) {
    throw new AppError("JOB_UNKNOWN", `Onbekende job "${name}". Bekende jobs: ${jobs.map((j) => j.name).join(", ")}`);
  }
  return job;
}
