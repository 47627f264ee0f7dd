import { spawnSync } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { createTestDatabasePath } from "../support/test-db.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const tsx = path.join(root, "node_modules", ".bin", "tsx");

let bot: TestAanjager | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

describe("production mode", () => {
  it("refuses to start without credentials, naming each missing variable", () => {
    const result = spawnSync(tsx, ["src/main.ts"], {
      cwd: root,
      env: { PATH: process.env.PATH, BOT_MODE: "production", DATABASE_PATH: createTestDatabasePath(), PORT: "0" },
      encoding: "utf8",
      timeout: 30_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("Ongeldige configuratie, Aanjager start niet");
    for (const name of ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId"]) expect(result.stderr).toContain(`- ${name}: verplicht in productie`);
  });

  it("answers 401 to an activity without a valid token, and processes nothing", async () => {
    bot = await startTestAanjager({
      env: {
        BOT_MODE: "production",
        MicrosoftAppId: "11111111-2222-3333-4444-555555555555",
        MicrosoftAppPassword: "not-a-real-secret",
        MicrosoftAppTenantId: "00000000-0000-0000-0000-0000000000001",
      },
    });
    const unsigned = await bot.post(loadActivity("personal-message-help", bot.connector.url));
    expect(unsigned.status).toBe(401);
    const forged = await bot.post(loadActivity("personal-message-help", bot.connector.url), {
      authorization: "Bearer eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl",
    });
    expect(forged.status).toBe(401);
    expect(bot.connector.calls).toHaveLength(0);
    expect(await bot.app.db.conversationRef.count()).toBe(0);
  });
});
