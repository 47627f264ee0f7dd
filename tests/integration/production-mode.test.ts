import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { createTestDatabaseEnv } from "../support/test-db.js";
import { findFreePort } from "../../src/dev/free-port.js";

const root = path.resolve(import.meta.dirname, "..", "..");

let bot: TestAanjager | undefined;
afterEach(async () => {
  await bot?.close();
  bot = undefined;
});

/** Whether something accepts TCP connections at host:port. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port }, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

/**
 * Starts the production entry point (src/main.ts, what `npm run serve` runs compiled) and
 * resolves once it exits or listens. A started one is stopped by the caller (`stop`).
 */
async function startEntryPoint(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], { cwd: root, env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let logs = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (logs += c.toString()));
  child.stderr.on("data", (c: Buffer) => {
    logs += c.toString();
    stderr += c.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  const deadline = Date.now() + 30_000;
  while (!logs.includes("Aanjager luistert") && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  const stop = async () => {
    if (child.exitCode === null) child.kill("SIGTERM");
    return exited;
  };
  return { listening: logs.includes("Aanjager luistert"), exitCode: child.exitCode, logs: () => logs, stderr: () => stderr, stop };
}

describe("the production entry point (npm run serve)", () => {
  it("is production unless told otherwise: without BOT_MODE and credentials it refuses to start", async () => {
    // `npm run serve` runs the compiled src/main.ts and sets no BOT_MODE: the default decides.
    const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
    expect(pkg.scripts.serve).toMatch(/ dist\/app\/main\.js$/);
    expect(pkg.scripts.serve).not.toContain("BOT_MODE");
    const started = await startEntryPoint({ ...createTestDatabaseEnv(), PORT: String(await findFreePort()), SCHEDULER_ENABLED: "false", DELIVERY_ENABLED: "false" });
    await started.stop();
    expect(started.listening, started.logs()).toBe(false);
    expect(started.exitCode).toBe(1);
    expect(started.logs()).toContain("Ongeldige configuratie, Aanjager start niet");
    expect(started.logs()).toContain("- MicrosoftAppId: verplicht in productie");
  });

  it("runs locally only with BOT_MODE=local: on 127.0.0.1 unless HOST says otherwise, with a warning at start", async () => {
    const port = await findFreePort();
    const started = await startEntryPoint({ BOT_MODE: "local", PORT: String(port), ...createTestDatabaseEnv(), SCHEDULER_ENABLED: "false", DELIVERY_ENABLED: "false" });
    try {
      expect(started.listening, started.logs()).toBe(true);
      const warning = started.logs().split("\n").find((l) => l.includes('"level":40') && l.includes("zonder authenticatie"));
      expect(warning, started.logs()).toBeDefined();
      expect(warning).toContain('"host":"127.0.0.1"');
      expect(await accepts("127.0.0.1", port)).toBe(true);
      // Bound to 0.0.0.0 it would answer on every address, 127.0.0.2 included.
      expect(await accepts("127.0.0.2", port)).toBe(false);
    } finally {
      await started.stop();
    }
  });
});

describe("production mode", () => {
  it("refuses to start without credentials, naming each missing variable", async () => {
    // Started like the other tests (node --import tsx, not the tsx CLI: one process less, and
    // not spawnSync, which held the worker's event loop for seconds).
    const started = await startEntryPoint({ BOT_MODE: "production", ...createTestDatabaseEnv(), PORT: "0" });
    await started.stop();
    expect(started.listening, started.logs()).toBe(false);
    expect(started.exitCode).toBe(1);
    expect(started.stderr()).toContain("Ongeldige configuratie, Aanjager start niet");
    for (const name of ["MicrosoftAppId", "MicrosoftAppPassword", "MicrosoftAppTenantId"]) expect(started.stderr()).toContain(`- ${name}: verplicht in productie`);
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
