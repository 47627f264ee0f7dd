import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Config } from "./config.js";
import { configureDb, createDb, type Db } from "./db/client.js";
import { findConversationPersonId } from "./db/conversation-refs.js";
import { createHttpApp } from "./http/server.js";
import type { Logger } from "./logger.js";
import { configureJobs } from "./jobs/registry.js";
import { COMPOSED_FEATURES } from "./features/index.js";
import { startScheduler, type Scheduler } from "./jobs/scheduler.js";
import type { JobDefinition, JobDeps } from "./jobs/types.js";
import { loadWorkCalendar } from "./services/calendar-data.js";
import type { DeliveryLimiter } from "./domain/delivery/rate-limiter.js";
import { createDeliveryLimiter, createDispatcher, type Dispatcher } from "./services/delivery/dispatcher.js";
import { createOutboxEnqueue, createOutboxEnqueueMany } from "./services/delivery/ports.js";
import { createSharedLimiter } from "./services/delivery/shared-limiter.js";
import type { SummarySources } from "./services/summary/sources.js";
import { createDddSummarySource } from "./services/ddd/summary-source.js";
import { createOverstapYearSummarySource } from "./services/ddd/overstap-year.js";
import { createMeetmomentRoundSource, listLatestKpiMeasurements } from "./services/meetmoment-summary-source.js";
import { createBotFrameworkSender, createProactiveAdapter } from "./teams/proactive-sender.js";
import { createRosterGateway, type RosterGateway } from "./teams/roster.js";
import type { WorkCalendar } from "./domain/calendar/index.js";
import { createDownloadLinks } from "./services/downloads.js";
import type { BotDeps } from "./teams/types.js";
import { resolveCampaign } from "./services/ddd/campaign.js";
import { renderCaseView } from "./cards/case-card.js";
import { renderChainGapNotice } from "./cards/keten-gat-card.js";
import { renderHandoverCard } from "./cards/warme-overdracht-card.js";
import { createOpenCase } from "./services/case-port.js";
import { enqueueOneByOne, type EnqueueMessage, type OpenCase } from "./services/ports.js";
import type { ServiceClientCredentialsFactory } from "botframework-connector";
import type { TurnContext } from "botbuilder";

export type AanjagerOptions = {
  config: Config;
  logger: Logger;
  /** Injected clock: tests and `--at` runs decide what "now" is. */
  clock?: () => Date;
  /** Replacements for the delivery and escalation ports (tests record what features hand over). */
  ports?: { enqueue?: EnqueueMessage; openCase?: OpenCase };
  /**
   * How Aanjager signs its calls to the Bot Connector (default: Microsoft's login service with the
   * app's credentials). Tests give a local token, so no test reaches outside this machine.
   */
  connectorCredentials?: ServiceClientCredentialsFactory;
  /** Replaces the weekly summary's data sources (tests supply fake DDD progress or measurements). */
  summarySources?: SummarySources;
  /** The send windows per conversation (default: Teams' limits from the config); tests that share one app start each test from fresh windows. */
  limiter?: DeliveryLimiter;
};

export type Aanjager = {
  config: Config;
  db: Db;
  jobs: readonly JobDefinition[];
  jobDeps: JobDeps;
  delivery: Dispatcher;
  /** Starts listening; resolves with the bound port (0 in the config picks a free one). */
  listen: () => Promise<number>;
  startScheduler: () => Promise<Scheduler>;
  /** Starts the outbox dispatcher loop (proactive messages). */
  startDelivery: () => void;
  /** Stops accepting, lets turns in flight finish, stops the scheduler and the dispatcher, closes the database. */
  close: () => Promise<void>;
};

/** The dispatcher with the Bot Framework sender: the same for the server and the CLI. */
function createDelivery(config: Config, db: Db, logger: Logger, clock?: () => Date, limiter?: DeliveryLimiter, credentials?: ServiceClientCredentialsFactory): Dispatcher {
  const sender = createBotFrameworkSender(createProactiveAdapter(config, credentials), config);
  return createDispatcher({ db, sender, logger: logger.child({ component: "delivery" }), settings: config.delivery, tenantId: config.auth.tenantId ?? null, clock, limiter });
}

/**
 * Teams' limits for everything this process sends. On SQLite (one server) they live in memory,
 * exact and without a round trip; with several instances they must be counted in the database
 * they share, or N instances send N times what Teams allows.
 */
function createLimiter(config: Config, db: Db, logger: Logger): DeliveryLimiter {
  if (!(config.delivery.sharedLimits ?? config.database.provider === "postgresql")) return createDeliveryLimiter(config.delivery);
  return createSharedLimiter({ db, settings: config.delivery, logger: logger.child({ component: "delivery" }) });
}

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
  const db = await createDb(config.database);
  await configureDb(db);

  // The school holiday file is read once at start; a broken file stops the start with its reason.
  const calendar = await loadWorkCalendar({ region: config.region, officeHours: config.officeHours, zone: config.timezone });
  // Loaded here rather than at the top: the chat application (teams-ai) is by far the largest
  // dependency, and CLI commands (such as `aanjager run dispatch`) do not need it.
  const [{ createAdapter }, { createBot }, { createTurnPacing }, { readPersonalChatOwner }] = await Promise.all([import("./teams/adapter.js"), import("./teams/bot.js"), import("./teams/turn-pacing.js"), import("./teams/turn-pipeline.js")]);
  const adapter = createAdapter(config, { logger, clock, credentialsFactory: options.connectorCredentials });
  // Teams' limits per conversation hold for everything the bot sends: the dispatcher's messages
  // and the answers within turns (a card refreshed for everyone) take slots from one limiter.
  const limiter = options.limiter ?? createLimiter(config, db, logger);
  // The turn pipeline has usually just read the chat's owner; the background refresh of a card looks it up.
  const findPersonalChatOwner = async (conversationId: string, turn: TurnContext) => readPersonalChatOwner(turn) ?? (await findConversationPersonId(db, conversationId));
  if (config.delivery.paceTurns) adapter.use(createTurnPacing({ limiter, findPersonalChatOwner }));
  // A DDD start after the deadline (or a 30 February) stops the start, not the first job run.
  resolveCampaign(clock(), calendar, config);
  // Every proactive message (reminders, case cards, forms, summaries) goes through the durable
  // outbox, in the same transaction as the change that causes it; the dispatcher sends it.
  const delivery = createDelivery(config, db, logger, clock, limiter, options.connectorCredentials);
  const jobDeps = buildJobDeps(options, { db, calendar, delivery, onEnqueued: () => delivery.wake(), teams: createRosterGateway(adapter, config.auth.appId) });
  const { enqueue, openCase, summarySources } = jobDeps;
  const downloads = createDownloadLinks(config);
  const features = COMPOSED_FEATURES;
  const jobs = configureJobs(config, features.jobs);
  const botDeps: BotDeps = { db, logger, config, clock, calendar, enqueue, openCase, summarySources, downloads, commands: features.commands, authorization: features.authorization, jobs };
  const bot = createBot(adapter, botDeps, features);

  const inFlight = new Set<Promise<unknown>>();
  const httpApp = createHttpApp({
    adapter,
    bot,
    db,
    logger,
    config,
    clock,
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
    jobs,
    jobDeps,
    delivery,
    listen: () =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => {
          const port = (server.address() as AddressInfo).port;
          downloads.setListeningPort(port);
          resolve(port);
        });
      }),
    async startScheduler() {
      scheduler = await startScheduler(jobDeps, jobs, { catchUpDays: config.scheduler.catchUpDays, clock });
      return scheduler;
    },
    startDelivery() {
      delivery.start();
    },
    async close() {
      const closed = new Promise<void>((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
      server.closeIdleConnections();
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, config.shutdownTimeoutMs).unref());
      await Promise.race([Promise.allSettled([...inFlight]).then(() => undefined), deadline]);
      server.closeAllConnections();
      await closed;
      if (scheduler) await Promise.race([scheduler.stop(), deadline]);
      // Calls to Teams in flight finish and are recorded; a row cut off here comes back after its lease.
      await Promise.race([delivery.stop(), deadline]);
      await db.$disconnect();
    },
  };
}

/** The job dependencies, the same for the server and the CLI; tests may replace the ports. */
function buildJobDeps(options: AanjagerOptions, parts: { db: Db; calendar: WorkCalendar; delivery: Dispatcher; onEnqueued: () => void; teams: RosterGateway }): JobDeps {
  const { config, logger } = options;
  const enqueue = options.ports?.enqueue ?? createOutboxEnqueue(parts.onEnqueued);
  // A replaced one-message port (tests) gets every message of a batch as well.
  const enqueueMany = options.ports?.enqueue ? enqueueOneByOne(options.ports.enqueue) : createOutboxEnqueueMany(parts.onEnqueued);
  return {
    db: parts.db,
    logger,
    config,
    calendar: parts.calendar,
    enqueue,
    enqueueMany,
    renderCaseCard: renderCaseView,
    renderChainGapNotice,
    renderHandoverCard,
    openCase: options.ports?.openCase ?? createOpenCase(),
    delivery: parts.delivery,
    summarySources: options.summarySources ?? {
      loadDddRegionProgress: createDddSummarySource(parts.calendar, config.ddd),
      loadOverstapYears: createOverstapYearSummarySource({ calendar: parts.calendar, config }),
      listLatestMeasurements: listLatestKpiMeasurements,
      listMeetmomentRounds: createMeetmomentRoundSource(parts.calendar),
    },
    teams: parts.teams,
  };
}

/** For CLI commands: the database and job dependencies without the HTTP server or scheduler. */
export async function createCliContext(options: AanjagerOptions): Promise<{ db: Db; jobDeps: JobDeps; jobs: readonly JobDefinition[]; close: () => Promise<void> }> {
  const db = await createDb(options.config.database);
  await configureDb(db);
  const { config, logger } = options;
  const calendar = await loadWorkCalendar({ region: config.region, officeHours: config.officeHours, zone: config.timezone });
  const delivery = createDelivery(config, db, logger, options.clock, createLimiter(config, db, logger), options.connectorCredentials);
  // A CLI run only enqueues: the running bot's dispatcher (or `aanjager run dispatch`) sends.
  const jobDeps = buildJobDeps(options, { db, calendar, delivery, onEnqueued: () => undefined, teams: createRosterGateway(createProactiveAdapter(config, options.connectorCredentials), config.auth.appId) });
  return { db, jobDeps, jobs: configureJobs(config, COMPOSED_FEATURES.jobs), close: () => db.$disconnect() };
}
