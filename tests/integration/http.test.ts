import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager();
});
afterEach(async () => {
  await bot.close();
});

describe("/api/messages robustness", () => {
  it("rejects malformed bodies with a 4xx and keeps answering valid activities", async () => {
    const bad: [string, string | object, number][] = [
      ["invalid JSON", "{ not json", 400],
      ["a JSON array", "[1,2,3]", 400],
      ["a JSON string", '"help"', 400],
      ["missing type", { text: "help", from: { id: "x" } }, 400],
      ["type of the wrong kind", { type: 42 }, 400],
      ["empty body", "", 400],
      ["1 MB of garbage", "x".repeat(1024 * 1024), 413],
      ["a nested structure that breaks the adapter's parser", { type: "message", conversation: "not-an-object", from: 7 }, 400],
    ];
    for (const [label, body, status] of bad) {
      const res = await bot.post(body);
      expect(res.status, label).toBe(status);
      expect(await res.json(), label).toHaveProperty("error");
    }
    expect(bot.connector.sent()).toHaveLength(0);

    const ok = await bot.post(loadActivity("personal-message-help", bot.connector.url));
    expect(ok.status).toBe(200);
    await bot.connector.waitForSent(1);
  });

  it("answers the playground's empty HEAD probe and refuses other methods", async () => {
    expect((await fetch(`${bot.baseUrl}/api/messages`, { method: "HEAD" })).status).toBe(200);
    const get = await fetch(`${bot.baseUrl}/api/messages`);
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST, HEAD");
    expect((await fetch(`${bot.baseUrl}/onbekend`)).status).toBe(404);
  });
});

describe("health", () => {
  it("reports liveness and readiness with migration status", async () => {
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(200);
    const body: any = await ready.json();
    expect(body).toMatchObject({ status: "ready", database: "reachable", migrations: { pending: [], failed: [] } });
    expect(body.migrations.applied).toBe(body.migrations.expected);
  });

  it("is not ready when a migration is missing from the database", async () => {
    await bot.app.db.$executeRawUnsafe("DELETE FROM _prisma_migrations");
    const ready = await fetch(`${bot.baseUrl}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as any).status).toBe("not-ready");
  });
});
