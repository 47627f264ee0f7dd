import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { JobSchedule } from "../domain/schedule.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import type { EnqueueMessage, OpenCase } from "../services/ports.js";

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  /** Working days and office hours of region Zuid, loaded once at start. */
  calendar: WorkCalendar;
  /** Delivery seam (issue 4): enqueue a card for a person inside the caller's transaction. */
  enqueue: EnqueueMessage;
  /** Escalation seam (issue 6): open (or find) the case for a subject and type. */
  openCase: OpenCase;
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
