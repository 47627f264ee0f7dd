import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { parseOverstapExportMapping, type OverstapExportMapping } from "./domain/ddd/overstap-export.js";
import { parseRegion, type Region } from "./domain/region.js";
import type { PhaseTimingSettings } from "./domain/ddd/campaign-plan.js";
import type { DatabaseTarget } from "./db/client.js";
import { AppError } from "./errors.js";
import { projectRoot } from "./project-root.js";

/** The bundled region file: Zuid-Limburg, the region Aanjager was built for. */
export const DEFAULT_REGION_FILE = path.join(projectRoot, "src", "data", "regio-zuid-limburg.yaml");

/** The bundled mapping of the overstap system's per-pupil export (header names and status words). */
export const DEFAULT_OVERSTAP_EXPORT_FILE = path.join(projectRoot, "src", "data", "overstap-export.yaml");

/**
 * One schema for the whole environment. Parsed once at start; a bad value stops the process
 * with a message that names the variable, so a misconfigured deployment never half-runs.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "verwacht HH:MM, bijvoorbeeld 08:00");

const monthDay = z
  .string()
  .regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "verwacht MM-DD, bijvoorbeeld 04-01");

/** A postgres:// or postgresql:// URL with a host and a database name. */
export function isPostgresUrl(value: string): boolean {
  if (!/^postgres(ql)?:\/\//.test(value)) return false;
  try {
    const url = new URL(value);
    return url.hostname !== "" && url.pathname.length > 1;
  } catch {
    return false;
  }
}

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const envSchema = z
  .object({
    BOT_MODE: z.enum(["local", "production"]).default("local"),
    // Without it: every interface in production, only this machine (127.0.0.1) in local mode,
    // which accepts unauthenticated activities.
    HOST: optionalText,
    // 0 lets the operating system choose a free port (tests).
    PORT: z.coerce.number().int().min(0, "moet een poortnummer 0-65535 zijn").max(65535, "moet een poortnummer 0-65535 zijn").default(3978),
    DATABASE_PATH: z.string().min(1).default("data/aanjager.db"),
    // postgres://... selects PostgreSQL (several instances); empty, or a file: URL as the Prisma
    // CLI's own config sets it, keeps the SQLite file of DATABASE_PATH.
    DATABASE_URL: optionalText.refine((v) => v === undefined || v.startsWith("file:") || isPostgresUrl(v), {
      message: "verwacht postgresql://gebruiker:wachtwoord@host:5432/database (of laat leeg voor SQLite in DATABASE_PATH)",
    }),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
    // Where the Bot Framework's token signing keys are published. Only for sovereign clouds and
    // for tests with a local key set; the default is the public Bot Framework endpoint.
    BOT_OPENID_METADATA_URL: optionalText,
    BOT_TOKEN_ISSUER: optionalText,
    // Bound on fetching those signing keys: past it, requests get 503 (no keys yet) or are
    // verified with the keys already cached.
    AUTH_METADATA_TIMEOUT_MS: z.coerce.number().int().min(50).max(60_000).default(5_000),
    ALLOWED_TENANT_IDS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
    TIMEZONE: z.literal("Europe/Amsterdam").default("Europe/Amsterdam"),
    OFFICE_HOURS_START: clockTime.default("08:00"),
    OFFICE_HOURS_END: clockTime.default("17:00"),
    SCHEDULER_ENABLED: booleanFlag.default("true"),
    SCHEDULER_CATCH_UP_DAYS: z.coerce.number().int().min(0).max(31).default(7),
    // The weekly stuurgroep summary: ISO weekday (1 = maandag ... 5 = vrijdag) and wall-clock time.
    SUMMARY_WEEKDAY: z.coerce.number().int().min(1, "verwacht 1 (maandag) t/m 5 (vrijdag)").max(5, "verwacht 1 (maandag) t/m 5 (vrijdag)").default(1),
    SUMMARY_TIME: clockTime.default("08:30"),
    RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(10_000).default(30),
    // Failed authentications per source address per window, before its requests are refused unread.
    RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(1).max(10_000).default(20),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    // Closed cases and audit events older than this many school years are pruned (aggregates stay).
    RETENTION_SCHOOL_YEARS: z.coerce.number().int().min(1).max(10).default(2),
    // Overstap cases (pupil data) are deleted on this day (DD-MM) of the school year in which the pupil was to start.
    OVERSTAP_DELETE_ON: z
      .string()
      .regex(/^(0?[1-9]|[12]\d|3[01])-(0?[1-9]|1[0-2])$/, "verwacht dag-maand, bijvoorbeeld 01-11")
      .default("01-11"),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(512 * 1024),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    // The DDD campaign: deadline and start as MM-DD in the second calendar year of the school
    // year. Without a start the campaign begins as the region file says (default: the first
    // working day after the kerstvakantie).
    // The region file (subregio's, holiday region, extra days off, contact, DDD deadline).
    REGION_FILE: optionalText,
    // The mapping of the overstap system's per-pupil export (columns and status words); default src/data/overstap-export.yaml.
    OVERSTAP_EXPORT_FILE: optionalText,
    // Overrides the region file's DDD deadline (kept for deployments that set it before regions were files).
    DDD_DEADLINE: optionalText.pipe(monthDay.optional()),
    DDD_CAMPAIGN_START: z
      .string()
      .trim()
      .transform((v) => (v === "" ? undefined : v))
      .pipe(monthDay.optional())
      .optional(),
    // Proactive delivery (the outbox dispatcher). Teams allows 7/1 s, 8/2 s, 60/30 s and 1800/hour
    // per conversation (fixed in code) and a global rate per app per tenant (configurable here).
    DELIVERY_ENABLED: booleanFlag.default("true"),
    // Answers within turns (replies, cards refreshed for everyone) wait for a slot of the same
    // limiter. Off only where Teams' limits are not in play (a mock connector without them).
    DELIVERY_PACE_TURNS: booleanFlag.default("true"),
    DELIVERY_GLOBAL_RATE: z.coerce.number().positive().max(1000).default(30),
    DELIVERY_GLOBAL_BURST: z.coerce.number().int().min(1).max(1000).default(5),
    DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(10),
    DELIVERY_BACKOFF_BASE_MS: z.coerce.number().int().min(10).max(3_600_000).default(2_000),
    DELIVERY_BACKOFF_MAX_MS: z.coerce.number().int().min(10).max(86_400_000).default(600_000),
    DELIVERY_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
    // A call slower than this gives up its slot to the next conversation (it goes on, detached).
    DELIVERY_SLOW_CALL_MS: z.coerce.number().int().min(50).max(600_000).default(2_000),
    DELIVERY_LEASE_MS: z.coerce.number().int().min(200).max(3_600_000).default(120_000),
    DELIVERY_POLL_MS: z.coerce.number().int().min(10).max(600_000).default(1_000),
    DELIVERY_WINDOW_MARGIN_MS: z.coerce.number().int().min(0).max(5_000).default(50),
    // Teams' limits kept in the database, shared by every instance (src/domain/delivery/shared-limits.ts).
    // Default: on PostgreSQL (several instances), off on SQLite (one server: its memory is exact).
    DELIVERY_SHARED_LIMITS: optionalText.pipe(booleanFlag.optional()),
    // Meetmomenten: a round takes figures (and corrections) for this many working days after it opens.
    MEETMOMENT_CLOSE_WORKING_DAYS: z.coerce.number().int().min(1, "minstens 1 werkdag").max(60, "hooguit 60 werkdagen").default(10),
    // Local only: run as if the clock started at this moment (it runs on from there), to try a
    // date-bound flow such as a meetmoment in the Agents Playground. Refused in production.
    DEMO_CLOCK_START: optionalText.pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/, "verwacht een ISO-tijdstip met tijdzone, bijvoorbeeld 2026-11-03T10:00:00+01:00")
        .optional(),
    ),
    // Overrides the region file's projectteam contact.
    PROJECTTEAM_CONTACT: optionalText.pipe(z.string().min(3).optional()),
    // Where people's browsers reach Aanjager, for the download links of chat exports. Without it:
    // https://BOT_DOMAIN in production, http://localhost:<port> locally.
    PUBLIC_BASE_URL: optionalText.pipe(z.string().url("verwacht een adres zoals https://aanjager.example.nl").optional()),
    BOT_DOMAIN: optionalText,
    DOWNLOAD_LINK_MINUTES: z.coerce.number().int().min(5).max(1440).default(60),
  })
  .superRefine((env, ctx) => {
    // A claim must outlive the HTTP call it covers, or a second dispatcher could re-queue a
    // message that is still on its way.
    if (env.DELIVERY_LEASE_MS <= env.DELIVERY_REQUEST_TIMEOUT_MS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["DELIVERY_LEASE_MS"], message: "moet groter zijn dan DELIVERY_REQUEST_TIMEOUT_MS" });
    }
    if (env.DELIVERY_BACKOFF_MAX_MS < env.DELIVERY_BACKOFF_BASE_MS) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["DELIVERY_BACKOFF_MAX_MS"], message: "moet minstens DELIVERY_BACKOFF_BASE_MS zijn" });
    }
    if (env.BOT_MODE !== "production") return;
    if (env.DEMO_CLOCK_START) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["DEMO_CLOCK_START"], message: "alleen voor lokaal gebruik: in productie loopt de klok nooit verzet" });
    }
    // Production must never run with authentication silently off: the Bot Framework
    // adapter accepts unauthenticated activities when no app id is configured.
    for (const key of ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId"] as const) {
      if (!env[key]) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: [key],
          message: "verplicht in productie (BOT_MODE=production): zonder deze waarde staat authenticatie uit",
        });
      }
    }
    if (env.MicrosoftAppType !== "SingleTenant") {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["MicrosoftAppType"],
        message: "Aanjager draait als single-tenant bot: gebruik SingleTenant",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export type Config = {
  mode: "local" | "production";
  host: string;
  port: number;
  /** The SQLite file (DATABASE_PATH); unused when `database` is PostgreSQL. */
  databasePath: string;
  database: DatabaseTarget;
  logLevel: Env["LOG_LEVEL"];
  auth: { appId?: string; appPassword?: string; tenantId?: string; appType: Env["MicrosoftAppType"]; openIdMetadataUrl?: string; tokenIssuer?: string; metadataTimeoutMs: number };
  /** Tenants whose activities are accepted; empty in local mode means any. */
  allowedTenantIds: string[];
  timezone: "Europe/Amsterdam";
  officeHours: { start: string; end: string };
  scheduler: { enabled: boolean; catchUpDays: number };
  /** When the weekly stuurgroep summary is due: ISO weekday (1 = Monday) and "HH:MM" in Europe/Amsterdam. */
  summary: { weekday: 1 | 2 | 3 | 4 | 5; time: string };
  maxBodyBytes: number;
  rateLimit: { perUser: number; perAddress: number; windowSeconds: number };
  retentionSchoolYears: number;
  /** The day of the school year on which overstap cases are deleted (default 1 November). */
  overstapDeleteOn: { day: number; month: number };
  shutdownTimeoutMs: number;
  /** The region Aanjager works for, from the region file (REGION_FILE, default Zuid-Limburg). */
  region: Region;
  regionFile: string;
  /** How `importeer ddd` reads a per-pupil export: the mapping file (OVERSTAP_EXPORT_FILE) and its content. */
  overstapExport: { file: string; mapping: OverstapExportMapping };
  projectteamContact: string;
  /** `timing` (from the region file) says when the registration phase and the campaign begin; defaults without it. */
  ddd: { deadline: string; campaignStart: string | null; timing?: PhaseTimingSettings };
  delivery: DeliverySettings;
  meetmomenten: { closeAfterWorkingDays: number };
  /** Download links of chat exports: the public origin (null: work it out from the port, locally) and how long a link works. */
  downloads: { publicBaseUrl: string | null; linkMinutes: number };
  /** Local only (DEMO_CLOCK_START): the moment the bot's clock starts at. */
  demoClockStart?: Date;
};

export type DeliverySettings = {
  enabled: boolean;
  paceTurns: boolean;
  globalPerSecond: number;
  globalBurst: number;
  concurrency: number;
  maxAttempts: number;
  backoffBaseMs: number;
  backoffMaxMs: number;
  requestTimeoutMs: number;
  /** After this long a call stops holding one of the `concurrency` slots: a hanging conversation must not stop the others. */
  slowCallMs: number;
  leaseMs: number;
  pollMs: number;
  windowMarginMs: number;
  /** Teams' limits shared through the database (several instances); undefined: decided by the database. */
  sharedLimits?: boolean;
};

/** Parses the environment; throws AppError CONFIG_INVALID naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".") || "(omgeving)"}: ${issue.message}`);
    throw new AppError("CONFIG_INVALID", `Ongeldige configuratie, Aanjager start niet:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  const regionFile = e.REGION_FILE ? path.resolve(e.REGION_FILE) : DEFAULT_REGION_FILE;
  const region = readRegionFile(regionFile);
  const overstapExportFile = e.OVERSTAP_EXPORT_FILE ? path.resolve(e.OVERSTAP_EXPORT_FILE) : DEFAULT_OVERSTAP_EXPORT_FILE;
  const overstapExport = { file: overstapExportFile, mapping: readOverstapExportFile(overstapExportFile) };
  return {
    mode: e.BOT_MODE,
    host: e.HOST ?? (e.BOT_MODE === "production" ? "0.0.0.0" : "127.0.0.1"),
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    database: e.DATABASE_URL && isPostgresUrl(e.DATABASE_URL) ? { provider: "postgresql", url: e.DATABASE_URL } : { provider: "sqlite", path: e.DATABASE_PATH },
    logLevel: e.LOG_LEVEL,
    auth: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
      metadataTimeoutMs: e.AUTH_METADATA_TIMEOUT_MS,
    },
    // A single-tenant registration does not check the user's tenant by itself: in production the
    // bot's own tenant is always allowed, plus any listed.
    allowedTenantIds:
      e.BOT_MODE === "production" ? [...new Set([e.MicrosoftAppTenantId!, ...e.ALLOWED_TENANT_IDS])] : e.ALLOWED_TENANT_IDS,
    timezone: e.TIMEZONE,
    officeHours: { start: e.OFFICE_HOURS_START, end: e.OFFICE_HOURS_END },
    scheduler: { enabled: e.SCHEDULER_ENABLED, catchUpDays: e.SCHEDULER_CATCH_UP_DAYS },
    summary: { weekday: e.SUMMARY_WEEKDAY as 1 | 2 | 3 | 4 | 5, time: e.SUMMARY_TIME },
    maxBodyBytes: e.MAX_BODY_BYTES,
    rateLimit: { perUser: e.RATE_LIMIT_PER_USER, perAddress: e.RATE_LIMIT_PER_ADDRESS, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    retentionSchoolYears: e.RETENTION_SCHOOL_YEARS,
    overstapDeleteOn: { day: Number(e.OVERSTAP_DELETE_ON.split("-")[0]), month: Number(e.OVERSTAP_DELETE_ON.split("-")[1]) },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    region,
    regionFile,
    overstapExport,
    projectteamContact: e.PROJECTTEAM_CONTACT ?? region.projectteamContact,
    ddd: { deadline: e.DDD_DEADLINE ?? region.dddDeadline, campaignStart: e.DDD_CAMPAIGN_START ?? null, timing: region.dddTiming },
    delivery: {
      enabled: e.DELIVERY_ENABLED,
      paceTurns: e.DELIVERY_PACE_TURNS,
      globalPerSecond: e.DELIVERY_GLOBAL_RATE,
      globalBurst: e.DELIVERY_GLOBAL_BURST,
      concurrency: e.DELIVERY_CONCURRENCY,
      maxAttempts: e.DELIVERY_MAX_ATTEMPTS,
      backoffBaseMs: e.DELIVERY_BACKOFF_BASE_MS,
      backoffMaxMs: e.DELIVERY_BACKOFF_MAX_MS,
      requestTimeoutMs: e.DELIVERY_REQUEST_TIMEOUT_MS,
      slowCallMs: e.DELIVERY_SLOW_CALL_MS,
      leaseMs: e.DELIVERY_LEASE_MS,
      pollMs: e.DELIVERY_POLL_MS,
      windowMarginMs: e.DELIVERY_WINDOW_MARGIN_MS,
      sharedLimits: e.DELIVERY_SHARED_LIMITS,
    },
    meetmomenten: { closeAfterWorkingDays: e.MEETMOMENT_CLOSE_WORKING_DAYS },
    downloads: {
      publicBaseUrl: (e.PUBLIC_BASE_URL ?? (e.BOT_DOMAIN && e.BOT_DOMAIN !== "localhost" ? `https://${e.BOT_DOMAIN}` : null))?.replace(/\/+$/, "") ?? null,
      linkMinutes: e.DOWNLOAD_LINK_MINUTES,
    },
    ...(e.DEMO_CLOCK_START ? { demoClockStart: new Date(e.DEMO_CLOCK_START) } : {}),
  };
}

/** Reads and validates a region file; a missing or broken file stops the start with the reason (and line). */
export function readRegionFile(file: string): Region {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "het bestand bestaat niet" : "het bestand is niet leesbaar";
    throw new AppError("CONFIG_INVALID", `Het regiobestand '${file}' (REGION_FILE) kan niet worden gelezen: ${reason}. Aanjager start niet.`, { cause: error });
  }
  return parseRegion(text, { sourceName: file });
}

/** Reads and validates the per-pupil export's mapping file; a missing or broken file stops the start (and the CLI) with the reason and line. */
export function readOverstapExportFile(file: string): OverstapExportMapping {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "het bestand bestaat niet" : "het bestand is niet leesbaar";
    throw new AppError("CONFIG_INVALID", `Het koppelbestand voor de export van het overstapsysteem '${file}' (OVERSTAP_EXPORT_FILE) kan niet worden gelezen: ${reason}.`, { cause: error });
  }
  return parseOverstapExportMapping(text, { sourceName: file });
}
