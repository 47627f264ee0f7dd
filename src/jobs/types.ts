import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { JobSchedule } from "../domain/schedule.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import type { CaseNotifier } from "../services/case-notifier.js";

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  /** Working days, holidays and office hours (src/data/schoolvakanties-zuid.yaml). */
  calendar: WorkCalendar;
  /** Where case messages go (the outbox in production; a recording fake in tests). */
  notifier: CaseNotifier;
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
