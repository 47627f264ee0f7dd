import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { acquireServerLock } from "../../src/db/server-lock.js";
import { runAanjagerCli } from "../support/cli.js";
import { findFreePort } from "../../src/dev/free-port.js";
import { createTestDatabasePath } from "../support/test-db.js";

const root = path.resolve(import.meta.dirname, "..", "..");

type Server = { child: ChildProcess; exited: Promise<number | null>; logs: () => string };

/** Starts the production entry point (src/main.ts) on `databasePath`, as `npm run serve` would. */
async function spawnServer(databasePath: string): Promise<Server> {
  const port = await findFreePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, BOT_MODE: "local", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, LOG_LEVEL: "info", SCHEDULER_ENABLED: "false", DELIVERY_ENABLED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let logs = "";
  child.stdout!.on("data", (c: Buffer) => (logs += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (logs += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { child, exited, logs: () => logs };
}

/** Resolves when the server listens; rejects with its output when it exited first. */
async function listening(server: Server): Promise<void> {
  while (!server.logs().includes("Aanjager luistert")) {
    if (server.child.exitCode !== null || server.child.signalCode !== null) throw new Error(server.logs());
    await new Promise((r) => setTimeout(r, 50));
  }
}

const started: Server[] = [];
afterEach(async () => {
  for (const server of started.splice(0)) {
    if (server.child.exitCode === null && server.child.signalCode === null) server.child.kill("SIGKILL");
    await server.exited;
  }
});

describe("SQLite is for one server at a time", () => {
  it("refuses a second server on the same file in Dutch, lets CLI commands run beside the first, and is free again once the first was killed with SIGKILL", async () => {
    const databasePath = createTestDatabasePath({ seeded: true });
    const first = await spawnServer(databasePath);
    started.push(first);
    await listening(first);

    const second = await spawnServer(databasePath);
    started.push(second);
    expect(await second.exited).toBe(1);
    expect(second.logs()).toContain(`Er draait al een Aanjager-server op het databasebestand ${path.resolve(databasePath)}`);
    expect(second.logs()).toContain("PostgreSQL");
    expect(second.logs()).not.toContain("Aanjager luistert");

    // The database itself is not locked: a CLI command and a backup work while the server runs.
    const jobs = await runAanjagerCli(["taken"], { DATABASE_PATH: databasePath });
    expect(jobs.code).toBe(0);
    const backup = await runAanjagerCli(["backup", `${databasePath}.backup`], { DATABASE_PATH: databasePath });
    expect(backup.code).toBe(0);

    // A server that dies without cleaning up leaves no stale lock: the OS drops it with the
    // process, and the next server takes it (here in this process: the start that follows the
    // lock is the one the first server made).
    first.child.kill("SIGKILL");
    await first.exited;
    const next = acquireServerLock(databasePath);
    next.release();
  });
});
