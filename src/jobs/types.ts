import type { Activity } from "botbuilder";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import type { JobSchedule } from "../domain/schedule.js";
import type { TeamMember } from "../services/roster-sync.js";

/** A 1:1 message for a person; `key` makes it idempotent (the outbox drops a key it has seen). */
export type OutboundMessage = { personId: number; key: string; activity: Partial<Activity> };
export type SendMessage = (message: OutboundMessage) => Promise<void>;

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  calendar: WorkCalendar;
  /** Reaches Teams without a turn (proactively, through a stored team reference). */
  teams: { fetchTeamMembers: (team: { teamId: string; reference: unknown }) => Promise<TeamMember[]> };
  /**
   * Hands a message to delivery. Absent until the delivery outbox is wired in (app.ts); jobs
   * that send then report what they would send instead (a dry run).
   */
  send?: SendMessage;
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
