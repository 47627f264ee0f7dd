import { spawn } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startMockConnector, type MockConnector } from "../support/mock-connector.js";
import { createTestDatabaseEnv } from "../support/test-db.js";
import { findFreePort } from "../../src/dev/free-port.js";

const root = path.resolve(import.meta.dirname, "..", "..");

let connector: MockConnector | undefined;
afterEach(async () => {
  await connector?.close();
});

describe("graceful shutdown", () => {
  it("on SIGTERM stops accepting, finishes the turn in flight (its reply is sent), closes and exits 0", async () => {
    connector = await startMockConnector();
    // The reply to the user takes 1.5 s to be accepted by the connector: the turn is in flight.
    connector.faults.push((call) => (call.method === "POST" && call.path.includes("/activities/") ? { status: 201, body: { id: "slow-reply" }, delayMs: 1500 } : null));
    const port = await findFreePort();
    const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: root,
      env: { ...process.env, BOT_MODE: "local", PORT: String(port), HOST: "127.0.0.1", ...createTestDatabaseEnv({ seeded: true }), LOG_LEVEL: "info", SCHEDULER_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let logs = "";
    child.stdout.on("data", (c: Buffer) => (logs += c.toString()));
    child.stderr.on("data", (c: Buffer) => (logs += c.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    while (!logs.includes("Aanjager luistert")) {
      if (child.exitCode !== null) throw new Error(logs);
      await new Promise((r) => setTimeout(r, 50));
    }

    const inFlight = fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(loadActivity("personal-message-help", connector.url)) });
    while (connector.calls.length === 0) await new Promise((r) => setTimeout(r, 20));
    child.kill("SIGTERM");
    await new Promise((r) => setTimeout(r, 200));
    const afterStop = await fetch(`http://127.0.0.1:${port}/healthz`).then(() => "answered", () => "refused");

    expect((await inFlight).status).toBe(200);
    expect(await exited).toBe(0);
    expect(afterStop).toBe("refused");
    expect(connector.calls.filter((c) => c.method === "POST" && c.path.includes("/activities/"))).toHaveLength(1);
    expect(logs).toContain('"msg":"shutting down"');
    expect(logs).toContain('"msg":"stopped"');
  });
});
