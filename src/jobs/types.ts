import type { Config } from "../config.js";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import type { CaseView, ChainGapNotice, HandoverView } from "../services/cases/index.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import type { JobSchedule } from "../domain/schedule.js";
import type { TeamMember } from "../services/roster-sync.js";
import type { EnqueueMessage, EnqueueMessages, OpenCase } from "../services/ports.js";
import type { Dispatcher } from "../services/delivery/dispatcher.js";
import type { SummarySources } from "../services/summary/sources.js";

/** What every job gets. Jobs are plain `run(deps, now)` functions: the clock is always injected. */
export type JobDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  /** Working days, holidays and office hours (the region's holiday file and extra days off, src/data/). */
  calendar: WorkCalendar;
  /** Reaches Teams without a turn (proactively, through a stored team reference). */
  teams: { fetchTeamMembers: (team: { teamId: string; reference: unknown }) => Promise<TeamMember[]> };
  /**
   * Every proactive message (reminders, case cards, forms, summaries) is enqueued through this
   * port, inside the transaction of the change that causes it: the outbox in production, a
   * recording fake in tests.
   */
  enqueue: EnqueueMessage;
  /** The same for a job's run that enqueues many messages at once (one read and one insert per slice). */
  enqueueMany: EnqueueMessages;
  /** The case card of an escalation message: the service gives the data, src/cards builds the card. */
  renderCaseCard: (view: CaseView) => AdaptiveCard;
  /** The beheerder's notice that an escalation level reached nobody. */
  renderChainGapNotice: (notice: ChainGapNotice) => AdaptiveCard;
  /** The receiving mbo intake's card of a warme overdracht. */
  renderHandoverCard: (view: HandoverView) => AdaptiveCard;
  /** Escalation seam (issue 6): open (or find) the case for a subject and type. */
  openCase: OpenCase;
  /** The outbox dispatcher (shared with the server's loop, so both respect one set of Teams limits). */
  delivery: Dispatcher;
  /** Where the weekly summary's sections get their figures (other features plug in; src/services/summary/sources.ts). */
  summarySources: SummarySources;
};

export type JobResult = Record<string, unknown>;

export type JobDefinition = {
  name: string;
  description: string;
  schedule: JobSchedule;
  /** For jobs whose time is configurable: the schedule for this configuration (replaces `schedule`). */
  configureSchedule?: (config: Config) => JobSchedule;
  /** Missed slots of this job run once at start-up (false for frequent loops such as dispatch). */
  catchUp: boolean;
  /** Not scheduled by cron: it runs continuously elsewhere (dispatch is a loop in the server) or only on demand. */
  manualOnly?: boolean;
  run: (deps: JobDeps, now: Date) => Promise<JobResult>;
};
