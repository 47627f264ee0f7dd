import { z } from "zod";
import { AppError } from "./errors.js";

/**
 * One schema for the whole environment. Parsed once at start; a bad value stops the process
 * with a message that names the variable, so a misconfigured deployment never half-runs.
 */
const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "verwacht HH:MM, bijvoorbeeld 08:00");

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

export const envSchema = z
  .object({
    BOT_MODE: z.enum(["local", "production"]).default("local"),
    HOST: z.string().min(1).default("0.0.0.0"),
    // 0 lets the operating system choose a free port (tests).
    PORT: z.coerce.number().int().min(0, "moet een poortnummer 0-65535 zijn").max(65535, "moet een poortnummer 0-65535 zijn").default(3978),
    DATABASE_PATH: z.string().min(1).default("data/aanjager.db"),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    MicrosoftAppId: optionalText,
    MicrosoftAppPassword: optionalText,
    MicrosoftAppTenantId: optionalText,
    MicrosoftAppType: z.enum(["SingleTenant", "MultiTenant", "UserAssignedMSI"]).default("SingleTenant"),
    // Where the Bot Framework's token signing keys are published. Only for sovereign clouds and
    // for tests with a local key set; the default is the public Bot Framework endpoint.
    BOT_OPENID_METADATA_URL: optionalText,
    BOT_TOKEN_ISSUER: optionalText,
    ALLOWED_TENANT_IDS: z
      .string()
      .default("")
      .transform((v) => v.split(",").map((s) => s.trim()).filter(Boolean)),
    TIMEZONE: z.literal("Europe/Amsterdam").default("Europe/Amsterdam"),
    OFFICE_HOURS_START: clockTime.default("08:00"),
    OFFICE_HOURS_END: clockTime.default("17:00"),
    SCHEDULER_ENABLED: booleanFlag.default("true"),
    SCHEDULER_CATCH_UP_DAYS: z.coerce.number().int().min(0).max(31).default(7),
    RATE_LIMIT_PER_USER: z.coerce.number().int().min(1).max(10_000).default(30),
    RATE_LIMIT_WINDOW_SECONDS: z.coerce.number().int().min(1).max(3600).default(10),
    MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10 * 1024 * 1024).default(512 * 1024),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
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
    PROJECTTEAM_CONTACT: z
      .string()
      .min(3)
      .default("projectteam Elke Jongere in Beeld, elkejongereinbeeld@vsv-zuidlimburg.example"),
  })
  .superRefine((env, ctx) => {
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
  databasePath: string;
  logLevel: Env["LOG_LEVEL"];
  auth: { appId?: string; appPassword?: string; tenantId?: string; appType: Env["MicrosoftAppType"]; openIdMetadataUrl?: string; tokenIssuer?: string };
  /** Tenants whose activities are accepted; empty in local mode means any. */
  allowedTenantIds: string[];
  timezone: "Europe/Amsterdam";
  officeHours: { start: string; end: string };
  scheduler: { enabled: boolean; catchUpDays: number };
  maxBodyBytes: number;
  rateLimit: { perUser: number; windowSeconds: number };
  shutdownTimeoutMs: number;
  projectteamContact: string;
  meetmomenten: { closeAfterWorkingDays: number };
  /** Local only (DEMO_CLOCK_START): the moment the bot's clock starts at. */
  demoClockStart?: Date;
};

/** Parses the environment; throws AppError CONFIG_INVALID naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv | Record<string, string | undefined>): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".") || "(omgeving)"}: ${issue.message}`);
    throw new AppError("CONFIG_INVALID", `Ongeldige configuratie, Aanjager start niet:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  return {
    mode: e.BOT_MODE,
    host: e.HOST,
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    logLevel: e.LOG_LEVEL,
    auth: {
      appId: e.MicrosoftAppId,
      appPassword: e.MicrosoftAppPassword,
      tenantId: e.MicrosoftAppTenantId,
      appType: e.MicrosoftAppType,
      openIdMetadataUrl: e.BOT_OPENID_METADATA_URL,
      tokenIssuer: e.BOT_TOKEN_ISSUER,
    },
    // A single-tenant registration does not check the user's tenant by itself: in production the
    // bot's own tenant is always allowed, plus any listed.
    allowedTenantIds:
      e.BOT_MODE === "production" ? [...new Set([e.MicrosoftAppTenantId!, ...e.ALLOWED_TENANT_IDS])] : e.ALLOWED_TENANT_IDS,
    timezone: e.TIMEZONE,
    officeHours: { start: e.OFFICE_HOURS_START, end: e.OFFICE_HOURS_END },
    scheduler: { enabled: e.SCHEDULER_ENABLED, catchUpDays: e.SCHEDULER_CATCH_UP_DAYS },
    maxBodyBytes: e.MAX_BODY_BYTES,
    rateLimit: { perUser: e.RATE_LIMIT_PER_USER, windowSeconds: e.RATE_LIMIT_WINDOW_SECONDS },
    shutdownTimeoutMs: e.SHUTDOWN_TIMEOUT_MS,
    projectteamContact: e.PROJECTTEAM_CONTACT,
    meetmomenten: { closeAfterWorkingDays: e.MEETMOMENT_CLOSE_WORKING_DAYS },
    ...(e.DEMO_CLOCK_START ? { demoClockStart: new Date(e.DEMO_CLOCK_START) } : {}),
  };
}
