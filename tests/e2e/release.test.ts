import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { findFreePort } from "../../src/dev/free-port.js";
import { startMockConnector, type MockConnector } from "../support/mock-connector.js";

/**
 * `npm run release` as an IT admin uses it: the tarball is unpacked in a folder outside the
 * repository (no node_modules above it, no TypeScript, no npm install) and started with the node
 * command of its package.json. Here, not in `npm test`: the build and the packing take most of a
 * minute. The bot runs in local mode (no Azure credentials) and answers through a mock connector.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const work = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-release-"));
let bot: ChildProcess | undefined;
let connector: MockConnector | undefined;

afterAll(async () => {
  if (bot && bot.exitCode === null) {
    const gone = new Promise((resolve) => bot!.once("exit", resolve));
    bot.kill("SIGTERM");
    await gone;
  }
  await connector?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function waitForStatus(url: string, status: number, logs: () => string): Promise<Response> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await fetch(url).catch(() => undefined);
    if (res?.status === status) return res;
    if (bot?.exitCode !== null || Date.now() > deadline) throw new Error(`${url} answered ${res?.status ?? "nothing"}; the bot's output:\n${logs()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe("the release (npm run release)", () => {
  it("unpacks elsewhere and starts with node alone: /healthz, /readyz and an answer to a message", { timeout: 600_000 }, async () => {
    const out = path.join(work, "out");
    execFileSync("npm", ["run", "--silent", "release", "--", "--out", out], { cwd: root, stdio: "pipe" });
    const tarball = fs.readdirSync(out).find((f) => f.endsWith(".tar.gz"));
    expect(tarball).toBeDefined();

    const host = path.join(work, "host");
    fs.mkdirSync(host);
    execFileSync("tar", ["-xzf", path.join(out, tarball!), "-C", host]);
    const [folderName] = fs.readdirSync(host);
    const folder = path.join(host, folderName!);

    // Nothing from the repository or the development tools came along.
    expect(fs.existsSync(path.join(host, "node_modules"))).toBe(false);
    expect(fs.existsSync(path.join(folder, "src", "main.ts"))).toBe(false);
    for (const devTool of ["vitest", "eslint", "@microsoft/m365agentsplayground", "tsx", "typescript", "playwright-core"]) {
      expect(fs.existsSync(path.join(folder, "node_modules", devTool)), devTool).toBe(false);
    }
    for (const needed of ["better-sqlite3/build/Release/better_sqlite3.node", "prisma/build/index.js", "@prisma/client/runtime/client.js", "botbuilder/package.json"]) {
      expect(fs.existsSync(path.join(folder, "node_modules", needed)), needed).toBe(true);
    }
    const pkg = JSON.parse(fs.readFileSync(path.join(folder, "package.json"), "utf8")) as { scripts: Record<string, string>; devDependencies?: unknown };
    expect(pkg.devDependencies).toBeUndefined();
    expect(pkg.scripts.start).toMatch(/^node .*dist\/app\/main\.js$/);

    connector = await startMockConnector();
    const port = await findFreePort();
    let logs = "";
    // Only PATH from this environment: nothing points back at the repository.
    bot = spawn(process.execPath, pkg.scripts.start!.split(" ").slice(1), {
      cwd: folder,
      env: { PATH: process.env.PATH ?? "", BOT_MODE: "local", PORT: String(port), DATABASE_PATH: "data/aanjager.db", LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    bot.stdout!.on("data", (c: Buffer) => (logs += c.toString()));
    bot.stderr!.on("data", (c: Buffer) => (logs += c.toString()));

    const base = `http://127.0.0.1:${port}`;
    expect(await (await waitForStatus(`${base}/healthz`, 200, () => logs)).json()).toEqual({ status: "ok" });
    const ready = (await (await waitForStatus(`${base}/readyz`, 200, () => logs)).json()) as { migrations: { pending: string[]; applied: number } };
    expect(ready.migrations.pending).toEqual([]);
    expect(ready.migrations.applied).toBe(fs.readdirSync(path.join(root, "prisma", "sqlite", "migrations"), { withFileTypes: true }).filter((e) => e.isDirectory()).length);

    const res = await fetch(`${base}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(loadActivity("personal-message-help", connector.url)) });
    expect(res.status, logs).toBe(200);
    const [reply] = await connector.waitForSent(1, 30_000);
    // A fresh database knows nobody: the answer explains that and names the projectteam's contact.
    expect(JSON.stringify(reply!.body)).toContain("projectteam");

    // The CLI of the release runs compiled (there is no TypeScript to run); a failure would throw.
    const status = execFileSync(process.execPath, ["src/cli/bin.mjs", "db", "status"], { cwd: folder, env: { PATH: process.env.PATH ?? "", DATABASE_PATH: "data/aanjager.db" }, encoding: "utf8" });
    expect(status).toContain(String(ready.migrations.applied));
  });
});
