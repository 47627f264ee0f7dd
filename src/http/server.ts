import express, { type NextFunction, type Request, type Response } from "express";
import type { TeamsAdapter, Application } from "@microsoft/teams-ai";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { readMigrationStatus } from "../db/migrations.js";
import type { Logger } from "../logger.js";

/**
 * The minimum an activity must look like before the adapter sees it. The adapter's own parser
 * throws on some malformed bodies; this turns them into a 400 instead of a failed request.
 */
const incomingActivitySchema = z
  .object({
    type: z.string().min(1).max(64),
    id: z.string().max(512).optional(),
    serviceUrl: z.string().max(2048).optional(),
    channelId: z.string().max(128).optional(),
    text: z.string().max(100_000).optional(),
    from: z.object({ id: z.string().max(512) }).passthrough().optional(),
    recipient: z.object({ id: z.string().max(512) }).passthrough().optional(),
    conversation: z.object({ id: z.string().max(1024) }).passthrough().optional(),
  })
  .passthrough();

export type HttpDeps = {
  adapter: TeamsAdapter;
  bot: Application;
  db: Db;
  logger: Logger;
  config: Config;
  /** Counts turns in flight so shutdown can wait for them. */
  inFlight: { add(p: Promise<unknown>): void };
};

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  app.disable("x-powered-by");

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });

  app.get("/readyz", async (_req, res) => {
    try {
      const status = await readMigrationStatus(deps.db);
      const ready = status.pending.length === 0 && status.failed.length === 0 && status.expected > 0;
      res.status(ready ? 200 : 503).json({ status: ready ? "ready" : "not-ready", database: "reachable", migrations: status });
    } catch (error) {
      deps.logger.warn({ err: error instanceof Error ? error.message : String(error) }, "readiness check failed");
      res.status(503).json({ status: "not-ready", database: "unreachable" });
    }
  });

  // The Agents Playground probes the endpoint with an empty HEAD before it connects.
  app.head("/api/messages", (_req, res) => {
    res.status(200).end();
  });

  app.post(
    "/api/messages",
    express.json({ limit: deps.config.maxBodyBytes, strict: true, type: () => true }),
    async (req: Request, res: Response) => {
      const parsed = incomingActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: "BAD_REQUEST", message: "Geen geldige Bot Framework-activiteit." });
        return;
      }
      const turn = (async () => {
        try {
          await deps.adapter.process(req, res, async (context) => {
            await deps.bot.run(context);
          });
        } catch (error) {
          deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, "activity processing failed");
          if (!res.headersSent) res.status(400).json({ error: "BAD_REQUEST", message: "Geen geldige Bot Framework-activiteit." });
        }
      })();
      deps.inFlight.add(turn);
      await turn;
    },
  );

  app.all("/api/messages", (_req, res) => {
    res.status(405).set("Allow", "POST, HEAD").json({ error: "METHOD_NOT_ALLOWED" });
  });

  app.use((_req, res) => {
    res.status(404).json({ error: "NOT_FOUND" });
  });

  // Body parser failures (invalid JSON, too large) and anything else: a 4xx/5xx, never a crash.
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = typeof error === "object" && error !== null && "status" in error ? Number((error as { status: number }).status) : 500;
    const type = typeof error === "object" && error !== null && "type" in error ? String((error as { type: string }).type) : "";
    if (status >= 500) deps.logger.error({ err: error instanceof Error ? error.message : String(error) }, "http error");
    else deps.logger.warn({ status, type }, "rejected request");
    if (res.headersSent) return;
    res.status(status >= 400 && status < 600 ? status : 500).json({
      error: status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL",
      message: status === 413 ? "Bericht is te groot." : status < 500 ? "Ongeldig verzoek." : "Interne fout.",
    });
  });

  return app;
}
