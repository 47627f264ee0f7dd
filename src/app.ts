import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.js";
import { configureDb, createDb, type Db } from "./db/client.js";
import { createHttpApp } from "./http/server.js";
import type { Logger } from "./logger.js";
import { JOBS } from "./jobs/registry.js";
import { startScheduler, type Scheduler } from "./jobs/scheduler.js";
import type { JobDefinition, JobDeps } from "./jobs/types.js";
import { loadWorkCalendar } from "./services/calendar-data.js";
import type { CaseNotifier } from "./services/case-notifier.js";
import { createAdapter } from "./teams/adapter.js";
import { createDirectSendNotifier } from "./teams/direct-notifier.js";
import type { TeamsAdapter } from "@microsoft/teams-ai";
import { createBot } from "./teams/bot.js";
import { createRosterGateway } from "./teams/roster.js";
import type { BotDeps } from "./teams/types.js";

export type AanjagerOptions = {
  config: Config;
  logger: Logger;
  /** Injected clock: tests and `--at` runs decide what "now" is. */
  clock?: () => Date;
  /** Replaces the production notifier (tests record what would be sent). */
  notifier?: CaseNotifier;
};

/**
 * THE place where case messages (escalations, evaluation invitations) leave the system.
 * Today: the direct-send fallback (continueConversationAsync with the stored reference, sent
 * right after the transaction, no retry, no office-hours deferral).
 * When the durable outbox (issue 4) lands, point this at it, e.g.
 *   return { enqueue: (tx, m, now) => enqueueMessage(tx, m, now), flush: async () => {} };
 * and nothing else in the escalation feature changes.
 */
export function createCaseNotifier(deps: { adapter: TeamsAdapter; config: Config; logger: Logger }): CaseNotifier & { flush: () => Promise<void> } {
  return createDirectSendNotifier({ adapter: deps.adapter, appId: deps.config.auth.appId, logger: deps.logger });
}

export type Aanjager = {
  config: Config;
  db: Db;
  jobs: readonly JobDefinition[];
  jobDeps: JobDeps;
  /** Starts listening; resolves with the bound port (0 in the config picks a free one). */
  listen: () => Promise<number>;
  startScheduler: () => Promise<Scheduler>;
  /** Stops accepting, lets turns in flight finish, stops the scheduler, closes the database. */
  close: () => Promise<void>;
};

/**
 * The real clock, or locally (DEMO_CLOCK_START) one that started at a chosen moment and runs on
 * from there, so date-bound flows (a meetmoment in November) can be tried in the playground.
 */
export function createClock(config: Config): () => Date {
  if (!config.demoClockStart || config.mode !== "local") return () => new Date();
  const offset = config.demoClockStart.getTime() - Date.now();
  return () => new Date(Date.now() + offset);
}

/** The composition root: everything Aanjager is made of is constructed here and nowhere else. */
export async function createAanjager(options: AanjagerOptions): Promise<Aanjager> {
  const { config, logger } = options;
  const clock = options.clock ?? createClock(config);
  const db = createDb(config.databasePath);
  await configureDb(db);

  // The school holiday file is read once at start; a broken file stops the start with its reason.
  const calendar = await loadWorkCalendar({ officeHours: config.officeHours, zone: config.timezone });
  const adapter = createAdapter(config);
  const productionNotifier = createCaseNotifier({ adapter, config, logger });
  const notifier = options.notifier ?? productionNotifier;
  const botDeps: BotDeps = { db, logger, config, clock, calendar, notifier };
  const bot = createBot(adapter, botDeps);
  const jobDeps: JobDeps = { db, logger, config, calendar, notifier, teams: createRosterGateway(adapter, config.auth.appId) };

  const inFlight = new Set<Promise<unknown>>();
  const httpApp = createHttpApp({
    adapter,
    bot,
    db,
    logger,
    config,
    inFlight: {
      add(p) {
        inFlight.add(p);
        void p.finally(() => inFlight.delete(p)).catch(() => undefined);
      },
    },
  });
  const server = http.createServer(httpApp);
  // Slow or half-open clients must not hold a socket forever.
  server.requestTimeout = 30_000;
  server.headersTimeout = 15_000;
  let scheduler: Scheduler | null = null;

  return {
    config,
    db,
    jobs: JOBS,
    jobDeps,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => resolve((server.address() as AddressInfo).port));
      }),
    async startScheduler() {
      scheduler = await startScheduler(jobDeps, JOBS, { catchUpDays: config.scheduler.catchUpDays, clock });
      return scheduler;
    },
    async close() {
      const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), deadline]);
      server.closeAllConnections();
      await closed;
      if (scheduler) await Promise.race([scheduler.stop(), deadline]);
      await Promise.race([productionNotifier.flush(), deadline]);
      await db.$disconnect();
    },
  };
}

/** For CLI commands: the database and job dependencies without the HTTP server or scheduler. */
export async function createCliContext(options: AanjagerOptions): Promise<{ db: Db; jobDeps: JobDeps; jobs: readonly JobDefinition[]; close: () => Promise<void> }> {
  const db = createDb(options.config.databasePath);
  await configureDb(db);
  const calendar = await loadWorkCalendar({ officeHours: options.config.officeHours, zone: options.config.timezone });
  const adapter = createAdapter(options.config);
  const productionNotifier = createCaseNotifier({ adapter, config: options.config, logger: options.logger });
  const notifier = options.notifier ?? productionNotifier;
  const jobDeps: JobDeps = { db, logger: options.logger, config: options.config, calendar, notifier, teams: createRosterGateway(adapter, options.config.auth.appId) };
  return {
    db,
    jobDeps,
    jobs: JOBS,
    async close() {
      // Messages a job just handed over must leave before the process does.
      await productionNotifier.flush();
      await db.$disconnect();
    },
  };
}
