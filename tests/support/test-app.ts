import { afterAll, beforeAll, beforeEach } from "vitest";
import { createAanjager, type Aanjager, type AanjagerOptions } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import type { RateLimiter } from "../../src/domain/delivery/rate-limiter.js";
import { createDeliveryLimiter } from "../../src/services/delivery/dispatcher.js";
import { createLogger } from "../../src/logger.js";
import { startMockConnector, type MockConnector } from "./mock-connector.js";
import { createLocalConnectorCredentials } from "./local-connector-credentials.js";
import { takeDatabaseBaseline, type DatabaseBaseline } from "./db-baseline.js";
import { createTestDatabaseEnv } from "./test-db.js";

export type TestAanjager = {
  app: Aanjager;
  config: Config;
  baseUrl: string;
  connector: MockConnector;
  /** POSTs a Bot Framework activity to /api/messages, as Teams would. */
  post: (activity: unknown, headers?: Record<string, string>) => Promise<Response>;
  close: () => Promise<void>;
};

/**
 * Aanjager as it runs in production (real HTTP server, adapter, router, database), on a fresh
 * database and a random port, talking to a local mock Bot Connector.
 */
export type TestAanjagerOptions = {
  env?: Record<string, string>;
  clock?: () => Date;
  seed?: boolean;
  logLines?: string[];
  ports?: AanjagerOptions["ports"];
  autoDeliver?: boolean;
  summarySources?: AanjagerOptions["summarySources"];
  /** Options for the mock Bot Connector (e.g. `{ throttle: false }` where Teams' limits are not under test). */
  connector?: Parameters<typeof startMockConnector>[0];
  /** The send windows per conversation, made from the config's delivery settings. */
  limiter?: (settings: Config["delivery"]) => RateLimiter;
};

export async function startTestAanjager(options: TestAanjagerOptions = {}): Promise<TestAanjager> {
  const connector = await startMockConnector(options.connector);
  const config = loadConfig({
    BOT_MODE: "local",
    HOST: "127.0.0.1",
    PORT: "0",
    ...createTestDatabaseEnv({ seeded: options.seed !== false }),
    LOG_LEVEL: "silent",
    SCHEDULER_ENABLED: "false",
    SHUTDOWN_TIMEOUT_MS: "2000",
    // A mock connector without Teams' limits: the bot need not keep to them either.
    ...(options.connector?.throttle === false ? { DELIVERY_PACE_TURNS: "false" } : {}),
    ...options.env,
  });
  const logLines = options.logLines;
  const logger = logLines ? createLogger("debug", { write: (line: string) => void logLines.push(line) }) : createLogger(config.logLevel);
  const app = await createAanjager({ config, logger, clock: options.clock, ports: options.ports, summarySources: options.summarySources, limiter: options.limiter?.(config.delivery), connectorCredentials: createLocalConnectorCredentials(config.auth.appId ?? null) });
  const port = await app.listen();
  // As in production: the outbox dispatcher sends what features enqueue (tests that drain by hand leave it off).
  if (options.autoDeliver) app.startDelivery();
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    app,
    config,
    baseUrl,
    connector,
    post: (activity, headers = {}) =>
      fetch(`${baseUrl}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", ...headers },
        body: typeof activity === "string" ? activity : JSON.stringify(activity),
      }),
    async close() {
      await app.close();
      await connector.close();
    },
  };
}

/**
 * One Aanjager for all tests of a file (booting one per test was most of many files' time),
 * and yet every test starts as if on a fresh one: before each test the database is put back as
 * it was after boot and `prepare` (ids included), and a new mock Bot Connector records only
 * that test's calls, and the send windows per conversation are new (the same user's turns in
 * earlier tests would make the bot pace them). The per-user rate limit does carry over, which is
 * why it is raised here (rate-limit.test.ts boots its own). Use the fields inside tests only
 * (they are read from the running instance).
 */
export function useTestAanjager(options: TestAanjagerOptions & { prepare?: (bot: TestAanjager) => Promise<void> } = {}): TestAanjager {
  let bot: TestAanjager | null = null;
  let connector: MockConnector | null = null;
  let baseline: DatabaseBaseline | null = null;
  const retired: MockConnector[] = [];
  const running = () => {
    if (!bot) throw new Error("useTestAanjager: the Aanjager runs only inside the file's tests");
    return bot;
  };
  const limiter = createResettableLimiter();
  beforeAll(async () => {
    bot = await startTestAanjager({ ...options, env: { RATE_LIMIT_PER_USER: "10000", ...options.env }, limiter: limiter.create });
    connector = bot.connector;
    await options.prepare?.(handle);
    // The dispatcher must be idle while the data under it is replaced.
    if (options.autoDeliver) await bot.app.delivery.stop();
    baseline = await takeDatabaseBaseline(bot.config.database);
  });
  beforeEach(async () => {
    const app = running().app;
    if (options.autoDeliver) await app.delivery.stop();
    await baseline!.restore();
    limiter.reset();
    // The last test's connector stays up until the end: a call the bot still makes in the
    // background (a card refreshed for everyone) completes there instead of failing and being
    // retried while the next test's turns in that chat wait behind it.
    retired.push(connector!);
    connector = await startMockConnector(options.connector);
    if (options.logLines) options.logLines.length = 0;
    if (options.autoDeliver) app.startDelivery();
  });
  afterAll(async () => {
    await baseline?.close();
    await bot?.close();
    for (const old of [...retired, connector]) if (old && old !== bot?.connector) await old.close();
    bot = null;
  });
  const handle: TestAanjager = {
    get app() {
      return running().app;
    },
    get config() {
      return running().config;
    },
    get baseUrl() {
      return running().baseUrl;
    },
    get connector() {
      if (!connector) throw new Error("useTestAanjager: the Aanjager runs only inside the file's tests");
      return connector;
    },
    // A connection per request: a kept-alive socket that sat idle through a test could be
    // closed by the server just as the next test sends on it (ECONNRESET under load).
    post: (activity, headers = {}) => running().post(activity, { connection: "close", ...headers }),
    close: () => Promise.reject(new Error("useTestAanjager: the file's Aanjager closes after its last test")),
  };
  return handle;
}

/** A delivery limiter that can start over: the app keeps the object, the windows behind it are replaced. */
function createResettableLimiter() {
  let settings: Config["delivery"] | null = null;
  let inner: RateLimiter | null = null;
  const current = () => {
    if (!inner) throw new Error("limiter used before the app was created");
    return inner;
  };
  const delegate: RateLimiter = {
    tryAcquire: (...args) => current().tryAcquire(...args),
    tryAcquireTurn: (...args) => current().tryAcquireTurn(...args),
    restamp: (...args) => current().restamp(...args),
    release: (...args) => current().release(...args),
    pause: (...args) => current().pause(...args),
    noteThrottle: (...args) => current().noteThrottle(...args),
    globalRate: (...args) => current().globalRate(...args),
    restore: (...args) => current().restore(...args),
    prune: (...args) => current().prune(...args),
    size: () => current().size(),
  };
  return {
    create(delivery: Config["delivery"]): RateLimiter {
      settings = delivery;
      inner = createDeliveryLimiter(delivery);
      return delegate;
    },
    reset() {
      if (settings) inner = createDeliveryLimiter(settings);
    },
  };
}
