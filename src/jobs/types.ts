import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { JobSchedule } from "../domain/schedule.js";

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
};

export type JobResult = Record<string, unknown>;

export type JobDefinition = {
  name: string;
  description: string;
  schedule: JobSchedule;
  /** Missed slots of this job run once at start-up (false for frequent loops such as dispatch). */
  catchUp: boolean;
  run: (deps: JobDeps, now: Date) => Promise<JobResult>;
};
