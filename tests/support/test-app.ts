import { createAanjager, type Aanjager, type AanjagerOptions } from "../../src/app.js";
import { loadConfig, type Config } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { startMockConnector, type MockConnector } from "./mock-connector.js";
import { createLocalConnectorCredentials } from "./local-connector-credentials.js";
import { createTestDatabasePath } from "./test-db.js";

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
export async function startTestAanjager(
  options: {
    env?: Record<string, string>;
    clock?: () => Date;
    seed?: boolean;
    logLines?: string[];
    ports?: AanjagerOptions["ports"];
    autoDeliver?: boolean;
    summarySources?: AanjagerOptions["summarySources"];
    /** Options for the mock Bot Connector (e.g. `{ throttle: false }` where Teams' limits are not under test). */
    connector?: Parameters<typeof startMockConnector>[0];
  } = {},
): Promise<TestAanjager> {
  const connector = await startMockConnector(options.connector);
  const config = loadConfig({
    BOT_MODE: "local",
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_PATH: createTestDatabasePath({ seeded: options.seed !== false }),
    LOG_LEVEL: "silent",
    SCHEDULER_ENABLED: "false",
    SHUTDOWN_TIMEOUT_MS: "2000",
    // A mock connector without Teams' limits: the bot need not keep to them either.
    ...(options.connector?.throttle === false ? { DELIVERY_PACE_TURNS: "false" } : {}),
    ...options.env,
  });
  const logLines = options.logLines;
  const logger = logLines ? createLogger("debug", { write: (line: string) => void logLines.push(line) }) : createLogger(config.logLevel);
  const app = await createAanjager({ config, logger, clock: options.clock, ports: options.ports, summarySources: options.summarySources, connectorCredentials: createLocalConnectorCredentials(config.auth.appId ?? null) });
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
