import path from "node:path";
import { fileURLToPath } from "node:url";
import { createAanjager, type Aanjager } from "./app.js";
import { loadConfig, type Config } from "./config.js";
import { migrateDatabase } from "./db/migrations.js";
import { isAppError } from "./errors.js";
import { createLogger, type Logger } from "./logger.js";

export type RunningAanjager = { app: Aanjager; port: number; logger: Logger; config: Config };

/**
 * Starts the bot as configured by the environment: migrate, listen, schedule, and shut down
 * cleanly on SIGTERM/SIGINT. `npm run serve` (production) and `npm start` (local) both end here.
 * Without BOT_MODE this is production: a forgotten variable must stop the start (no credentials)
 * rather than open an endpoint that answers anyone. `npm start` sets BOT_MODE=local itself.
 */
export async function startAanjager(env: NodeJS.ProcessEnv = process.env): Promise<RunningAanjager> {
  const config = loadConfig({ ...env, BOT_MODE: env.BOT_MODE?.trim() || "production" });
  const logger = createLogger(config.logLevel);
  if (config.mode === "local") {
    logger.warn({ mode: config.mode, host: config.host }, "Lokale modus: berichten worden zonder authenticatie aangenomen. Alleen voor ontwikkelen en testen, nooit voor productie.");
  }
  await migrateDatabase(config.databasePath);
  const app = await createAanjager({ config, logger });
  const port = await app.listen();
  if (config.scheduler.enabled) await app.startScheduler();
  if (config.delivery.enabled) app.startDelivery();
  logger.info({ mode: config.mode, host: config.host, port, authentication: config.auth.appId ? "on" : "off" }, "Aanjager luistert");

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await app.close();
    logger.info("stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
  return { app, port, logger, config };
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isEntryPoint) {
  startAanjager().catch((error: unknown) => {
    console.error(isAppError(error) ? error.message : error);
    process.exit(1);
  });
}
