import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { JobSchedule } from "../domain/schedule.js";
import type { Dispatcher } from "../services/delivery/dispatcher.js";

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  /** The outbox dispatcher (shared with the server's loop, so both respect one set of Teams limits). */
  delivery: Dispatcher;
};

export type JobResult = Record<string, unknown>;

export type JobDefinition = {
  name: string;
  description: string;
  schedule: JobSchedule;
  /** Missed slots of this job run once at start-up (false for frequent loops such as dispatch). */
  catchUp: boolean;
  /** Not scheduled by cron: it runs continuously elsewhere (dispatch is a loop in the server) or only on demand. */
  manualOnly?: boolean;
  run: (deps: JobDeps, now: Date) => Promise<JobResult>;
};
