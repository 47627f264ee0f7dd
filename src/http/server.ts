import express, { type NextFunction, type Request, type Response } from "express";
import type { TeamsAdapter, Application } from "@microsoft/teams-ai";
import type { Activity, InvokeResponse, TurnContext } from "botbuilder";
import { z } from "zod";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { readMigrationStatus } from "../db/migrations.js";
import { describeErrorForLog, type Logger } from "../logger.js";
import { createSlidingWindowLimiter } from "../domain/rate-limit.js";
import { readDownload } from "../services/downloads.js";
import { SigningKeysUnavailableError } from "../teams/signing-keys.js";

const DOWNLOAD_GONE_PAGE = `<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Aanjager</title></head><body style="font-family: sans-serif; max-width: 40em; margin: 3em auto"><h1>Deze link werkt niet meer</h1><p>Een downloadlink van Aanjager werkt maar korte tijd. Vraag het bestand opnieuw op in Teams, bijvoorbeeld met <b>export samenvatting</b> of <b>export meetmomenten</b>.</p></body></html>`;

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
    channelData: z.record(z.unknown()).optional(),
    text: z.string().max(100_000).optional(),
    from: z.object({ id: z.string().min(1).max(512) }).passthrough(),
    recipient: z.object({ id: z.string().max(512) }).passthrough().optional(),
    // Every activity Teams sends belongs to a conversation; one without cannot be answered.
    conversation: z.object({ id: z.string().min(1).max(1024) }).passthrough(),
  })
  .passthrough();

/** The adapter expects Date objects where Teams sends ISO strings (what botbuilder's own process() does). */
function toBotActivity(body: Record<string, unknown>): Activity {
  const activity = { ...body } as Record<string, unknown>;
  for (const field of ["timestamp", "localTimestamp", "expiration"] as const) {
    if (typeof activity[field] === "string") {
      activity[`raw${field[0]!.toUpperCase()}${field.slice(1)}`] = activity[field];
      activity[field] = new Date(activity[field] as string);
    }
  }
  return activity as unknown as Activity;
}

/**
 * botbuilder throws AuthenticationError for most refused tokens, but a bad signature or an
 * unsigned token surfaces as jsonwebtoken's own errors: all of them are a 401, never a 500.
 */
function isAuthenticationFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return ["AuthenticationError", "JsonWebTokenError", "TokenExpiredError", "NotBeforeError"].includes(error.name) || (error as { statusCode?: number }).statusCode === 401;
}

/**
 * CloudAdapter.process() answers 500 for token errors that are not AuthenticationError; calling
 * processActivity (public at runtime, protected in the typings) lets us map them to 401.
 */
type ActivityProcessor = {
  processActivity(authHeader: string, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined>;
};

export type HttpDeps = {
  adapter: TeamsAdapter;
  bot: Application;
  db: Db;
  logger: Logger;
  config: Config;
  clock: () => Date;
  /** Counts turns in flight so shutdown can wait for them. */
  inFlight: { add(p: Promise<unknown>): void };
};

function readTenantId(activity: z.infer<typeof incomingActivitySchema>): string | null {
  const conversation = activity.conversation as { tenantId?: unknown } | undefined;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const tenant = conversation?.tenantId ?? channelData?.tenant?.id;
  return typeof tenant === "string" ? tenant : null;
}

/**
 * An id from a request that is not (yet) authenticated, fit for a log line: a GUID-shaped id
 * as is (Teams' tenant ids), anything else only by its length. Such a field can carry any text
 * (a 220,000-character "tenant id" with a name and a BSN), and it never reaches the logs.
 */
function describeUntrustedId(value: string | null | undefined): string {
  if (value === null || value === undefined) return "(geen)";
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12,13}$/i.test(value) ? value : `(ongeldig, ${value.length} tekens)`;
}

/**
 * Why a token was refused, without what it carried: botbuilder puts claim values after a colon
 * ("Invalid AppId passed on token: <aud>"), so only the text before it is kept, bounded.
 */
function describeAuthenticationFailure(error: unknown): string {
  const message = error instanceof Error ? `${error.name}: ${error.message.split(":")[0]}` : "unknown";
  return message.replace(/[^\w .,'()-]/g, "").slice(0, 120);
}

function sendTooManyRequests(res: Response, retryAfterMs: number): void {
  res.status(429).set("Retry-After", String(Math.ceil(retryAfterMs / 1000))).json({ error: "TOO_MANY_REQUESTS", message: "Te veel berichten in korte tijd; probeer het zo opnieuw." });
}

export function createHttpApp(deps: HttpDeps): express.Express {
  const app = express();
  // One misbehaving client (or user) must not starve the others. Per person only after
  // authentication (a from.id is anyone's to claim before it); per source address, counting
  // failed authentications, before it (Teams' own traffic never fails, however many share an address).
  const windowMs = deps.config.rateLimit.windowSeconds * 1000;
  const userLimiter = createSlidingWindowLimiter(deps.config.rateLimit.perUser, windowMs);
  const addressLimiter = createSlidingWindowLimiter(deps.config.rateLimit.perAddress, windowMs);
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
      deps.logger.warn({ err: describeErrorForLog(error) }, "readiness check failed");
      res.status(503).json({ status: "not-ready", database: "unreachable" });
    }
  });

  // A file made in chat (`export ...`): the link's token is the only key, so the answer is never
  // cached, never rendered on this origin (always a download) and says nothing about why it failed.
  app.get("/downloads/:token", async (req, res) => {
    res.set({ "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" });
    try {
      const file = await readDownload(deps.db, req.params.token ?? "", deps.clock());
      if (!file) {
        res.status(404).type("text/html; charset=utf-8").send(DOWNLOAD_GONE_PAGE);
        return;
      }
      res.attachment(file.fileName).type(file.contentType.startsWith("text/") ? `${file.contentType}; charset=utf-8` : file.contentType).send(Buffer.from(file.content));
    } catch (error) {
      deps.logger.error({ err: describeErrorForLog(error) }, "download failed");
      res.status(500).type("text/plain; charset=utf-8").send("Het bestand kan nu niet worden opgehaald. Probeer het later opnieuw.");
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
      // Before authentication nothing in the request can be trusted, so nothing in it is a key:
      // an address that keeps failing authentication is refused before its requests are checked.
      const address = req.socket.remoteAddress ?? "onbekend";
      const blocked = addressLimiter.peek(address, Date.now());
      if (!blocked.allowed) {
        sendTooManyRequests(res, blocked.retryAfterMs);
        return;
      }
      const parsed = incomingActivitySchema.safeParse(req.body);
      if (!parsed.success) {
        res.status(400).json({ error: "BAD_REQUEST", message: "Geen geldige Bot Framework-activiteit." });
        return;
      }
      const activity = parsed.data;
      if (deps.config.allowedTenantIds.length > 0) {
        const tenantId = readTenantId(activity);
        if (!tenantId || !deps.config.allowedTenantIds.includes(tenantId)) {
          deps.logger.warn({ tenantId: describeUntrustedId(tenantId) }, "activity from a tenant that is not allowed");
          res.status(403).json({ error: "FORBIDDEN", message: "Deze organisatie heeft geen toegang tot Aanjager." });
          return;
        }
      }
      const turn = (async () => {
        const authHeader = typeof req.headers.authorization === "string" ? req.headers.authorization : "";
        let limitedForMs: number | null = null;
        try {
          const invokeResponse = await (deps.adapter as unknown as ActivityProcessor).processActivity(authHeader, toBotActivity(req.body), async (context) => {
            // Authenticated from here on (in production): from.id is the person Teams vouches for.
            const userId = context.activity.from?.id ?? address;
            const limit = userLimiter.take(userId, Date.now());
            if (!limit.allowed) {
              limitedForMs = limit.retryAfterMs;
              deps.logger.warn({ userId }, "rate limited");
              return;
            }
            await deps.bot.run(context);
          });
          if (limitedForMs !== null) {
            sendTooManyRequests(res, limitedForMs);
            return;
          }
          res.status(invokeResponse?.status ?? 200);
          if (invokeResponse?.body !== undefined) res.json(invokeResponse.body);
          else res.end();
        } catch (error) {
          // The token cannot be checked now; Teams retries. The outage is logged once, where it is noticed.
          if (error instanceof SigningKeysUnavailableError) {
            if (!res.headersSent) res.status(503).set("Retry-After", String(error.retryAfterSeconds)).json({ error: "SERVICE_UNAVAILABLE", message: "Aanjager kan je bericht nu niet controleren; probeer het zo opnieuw." });
            return;
          }
          if (isAuthenticationFailure(error)) {
            addressLimiter.take(address, Date.now());
            const nowBlocked = !addressLimiter.peek(address, Date.now()).allowed;
            deps.logger.warn({ reason: describeAuthenticationFailure(error) }, "activity refused: authentication failed");
            if (nowBlocked) deps.logger.warn({ address, windowSeconds: deps.config.rateLimit.windowSeconds }, "address refused after repeated authentication failures");
            if (!res.headersSent) res.status(401).json({ error: "UNAUTHORIZED" });
            return;
          }
          deps.logger.error({ err: describeErrorForLog(error) }, "activity processing failed");
          if (!res.headersSent) res.status(500).json({ error: "INTERNAL" });
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
    if (status >= 500) deps.logger.error({ err: describeErrorForLog(error) }, "http error");
    else deps.logger.warn({ status, type }, "rejected request");
    if (res.headersSent) return;
    res.status(status >= 400 && status < 600 ? status : 500).json({
      error: status === 413 ? "PAYLOAD_TOO_LARGE" : status < 500 ? "BAD_REQUEST" : "INTERNAL",
      message: status === 413 ? "Bericht is te groot." : status < 500 ? "Ongeldig verzoek." : "Interne fout.",
    });
  });

  return app;
}
