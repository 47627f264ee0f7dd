// First: teams-ai must find the modules it never uses already standing in (see the module).
import "./defer-unused-modules.js";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Aanjager } from "./app.js";
import { loadConfig, type Config } from "./config.js";
import { warmUpCardRendering } from "./cards/render-card.js";
import { acquireServerLock } from "./db/server-lock.js";
import { isAppError } from "./errors.js";
import { createLogger, type Logger } from "./logger.js";

export type RunningAanjager = { app: Aanjager; port: number; logger: Logger; config: Config };

export type StartOptions = {
  /** Runs on the migrated database before the bot listens and before any job catches up (`npm start` seeds the demo here). */
  prepare?: (app: Aanjager) => Promise<void>;
};

/**
 * Starts the bot as configured by the environment: migrate, listen, schedule, and shut down
 * cleanly on SIGTERM/SIGINT. `npm run serve` (production) and `npm start` (local) both end here.
 * Without BOT_MODE this is production: a forgotten variable must stop the start (no credentials)
 * rather than open an endpoint that answers anyone. `npm start` sets BOT_MODE=local itself.
 */
export async function startAanjager(env: NodeJS.ProcessEnv = process.env, options: StartOptions = {}): Promise<RunningAanjager> {
  const config = loadConfig({ ...env, BOT_MODE: env.BOT_MODE?.trim() || "production" });
  const logger = createLogger(config.logLevel);
  // Before anything touches the database: a second server on one SQLite file is refused. Not on
  // PostgreSQL, where instances share the database (and App Service instances share /home).
  const lock = config.database.provider === "sqlite" && config.database.path !== ":memory:" ? acquireServerLock(config.database.path) : null;
  if (config.mode === "local") {
    logger.warn({ mode: config.mode, host: config.host }, "Lokale modus: berichten worden zonder authenticatie aangenomen. Alleen voor ontwikkelen en testen, nooit voor productie.");
  }
  // The bot's modules (Prisma, botbuilder, the services) load only now: a start refused for its
  // configuration or for a server already on the file says so at once, not after loading them.
  const [{ migrateDatabase }, { createAanjager }, { ensureCatalogue }] = await Promise.all([import("./db/migrations.js"), import("./app.js"), import("./services/catalogue.js")]);
  await migrateDatabase(config.database);
  const app = await createAanjager({ config, logger });
  // A first start is complete: without the catalogue a directory naming an activity owner is
  // refused, there are no meetmomenten and the DDD norm falls back to 100 %. Only an empty
  // catalogue is filled, so the beheerder's own import survives every restart.
  const catalogue = await ensureCatalogue(app.db, new Date());
  if (catalogue.loaded) logger.info({ activities: catalogue.activities }, "bundled catalogue loaded");
  if (lock) {
    // Closing the server (a signal, or a caller in this process) lets the next one start.
    const close = app.close;
    app.close = async () => {
      await close();
      lock.release();
    };
  }
  // Before listening and before the scheduler: a catch-up must not summarise an empty region.
  await options.prepare?.(app);
  const port = await app.listen();
  // Not awaited: the server answers (health checks too) while the first card's work is done ahead.
  void warmUpCardRendering().catch((error: unknown) => logger.warn({ error: String(error) }, "card warm-up failed; the first card loads it"));
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
