import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { AppError } from "../../src/errors.js";

function configError(env: Record<string, string>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe("CONFIG_INVALID");
    return (error as Error).message;
  }
  throw new Error("expected a configuration error");
}

describe("loadConfig", () => {
  it("has working local defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      mode: "local",
      port: 3978,
      databasePath: "data/aanjager.db",
      timezone: "Europe/Amsterdam",
      officeHours: { start: "08:00", end: "17:00" },
      scheduler: { enabled: true, catchUpDays: 7 },
      auth: { appId: undefined },
      allowedTenantIds: [],
    });
  });

  it("chooses PostgreSQL by a postgres:// DATABASE_URL and SQLite's DATABASE_PATH otherwise", () => {
    expect(loadConfig({}).database).toEqual({ provider: "sqlite", path: "data/aanjager.db" });
    expect(loadConfig({ DATABASE_PATH: "/srv/regio.db", DATABASE_URL: "" }).database).toEqual({ provider: "sqlite", path: "/srv/regio.db" });
    // The Prisma CLI's config sets a file: URL for SQLite; it means the same file.
    expect(loadConfig({ DATABASE_URL: "file:/srv/regio.db" }).database.provider).toBe("sqlite");
    for (const url of ["postgres://bot:geheim@db.example:5432/aanjager", "postgresql://bot@localhost/aanjager?sslmode=require"]) {
      expect(loadConfig({ DATABASE_URL: url }).database).toEqual({ provider: "postgresql", url });
    }
  });

  it("refuses a malformed DATABASE_URL in Dutch", () => {
    for (const url of ["mysql://bot@db/aanjager", "postgres://", "postgresql://db.example:5432", "postgres//db/aanjager"]) {
      expect(configError({ DATABASE_URL: url })).toContain("- DATABASE_URL: verwacht postgresql://gebruiker:wachtwoord@host:5432/database");
    }
  });

  it("names the variable of every bad value", () => {
    const message = configError({ PORT: "tachtig", OFFICE_HOURS_START: "8 uur", SCHEDULER_ENABLED: "misschien", BOT_MODE: "staging" });
    expect(message).toContain("- PORT:");
    expect(message).toContain("- OFFICE_HOURS_START: verwacht HH:MM");
    expect(message).toContain("- SCHEDULER_ENABLED:");
    expect(message).toContain("- BOT_MODE:");
  });

  it("refuses production without the single-tenant credentials", () => {
    const message = configError({ BOT_MODE: "production", MicrosoftAppId: "app" });
    expect(message).not.toContain("- MicrosoftAppId:");
    expect(message).toContain("- MicrosoftAppPassword: verplicht in productie");
    expect(message).toContain("- MicrosoftAppTenantId: verplicht in productie");
    expect(configError({ BOT_MODE: "production", MicrosoftAppId: "a", MicrosoftAppPassword: "b", MicrosoftAppTenantId: "c", MicrosoftAppType: "MultiTenant" })).toContain("- MicrosoftAppType:");
  });

  it("treats empty values as absent and splits the tenant allow-list", () => {
    const config = loadConfig({ MicrosoftAppId: "  ", ALLOWED_TENANT_IDS: " t1, t2 ,," });
    expect(config.auth.appId).toBeUndefined();
    expect(config.allowedTenantIds).toEqual(["t1", "t2"]);
  });

  it("configures the meetmoment round length and a local demo clock, never in production", () => {
    expect(loadConfig({}).meetmomenten).toEqual({ closeAfterWorkingDays: 10 });
    expect(loadConfig({}).demoClockStart).toBeUndefined();
    expect(loadConfig({ MEETMOMENT_CLOSE_WORKING_DAYS: "15", DEMO_CLOCK_START: "2026-11-03T10:00:00+01:00" })).toMatchObject({
      meetmomenten: { closeAfterWorkingDays: 15 },
      demoClockStart: new Date("2026-11-03T09:00:00Z"),
    });
    expect(configError({ MEETMOMENT_CLOSE_WORKING_DAYS: "0" })).toContain("- MEETMOMENT_CLOSE_WORKING_DAYS: minstens 1 werkdag");
    expect(configError({ DEMO_CLOCK_START: "3 november" })).toContain("- DEMO_CLOCK_START: verwacht een ISO-tijdstip");
    const production = { BOT_MODE: "production", MicrosoftAppId: "a", MicrosoftAppPassword: "b", MicrosoftAppTenantId: "c" };
    expect(configError({ ...production, DEMO_CLOCK_START: "2026-11-03T10:00:00+01:00" })).toContain("- DEMO_CLOCK_START: alleen voor lokaal gebruik");
  });
});
