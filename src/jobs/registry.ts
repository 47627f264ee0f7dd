import { AppError } from "../errors.js";
import { escalationsJob } from "./escalations.js";
import { contactCheckJob } from "./contact-check.js";
import { housekeepingJob } from "./housekeeping.js";
import { meetmomentenJob } from "./meetmomenten.js";
import { syncRostersJob } from "./sync-rosters.js";
import type { JobDefinition } from "./types.js";

/** Every job Aanjager knows. Features add theirs here; the scheduler and the CLI read this list. */
export const JOBS: readonly JobDefinition[] = [housekeepingJob, syncRostersJob, contactCheckJob, escalationsJob, meetmomentenJob];

export function findJob(name: string, jobs: readonly JobDefinition[] = JOBS): JobDefinition {
  const job = jobs.find((j) => j.name === name);
  if (!job) {
    throw new AppError("JOB_UNKNOWN", `Onbekende job "${name}". Bekende jobs: ${jobs.map((j) => j.name).join(", ")}`);
  }
  return job;
}
