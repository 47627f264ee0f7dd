import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { runAanjagerCli } from "../support/cli.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager } from "../support/test-app.js";

function dump(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = db.prepare(`SELECT * FROM "${t}" ORDER BY rowid`).all();
  db.close();
  return out;
}

describe("npx aanjager backup / restore", () => {
  it("backs up a running bot's database online, and a restore gives back exactly that data", async () => {
    const bot = await startTestAanjager();
    await bot.post(loadActivity("personal-message-help", bot.connector.url));
    await bot.connector.waitForSent(1);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-backup-"));
    const backup = path.join(dir, "backup.db");
    const env = { DATABASE_PATH: bot.config.databasePath, LOG_LEVEL: "silent" };
    const cli = async (args: string[]) => {
      const { code, stdout, stderr } = await runAanjagerCli(["--json", ...args], env);
      expect(code, stderr).toBe(0);
      return JSON.parse(stdout);
    };
    const out = await cli(["backup", backup]);
    expect(out).toMatchObject({ ok: true, backup });
    const snapshot = dump(backup);
    expect(snapshot.ConversationRef).toHaveLength(1);
    expect((snapshot.Person ?? []).length).toBeGreaterThan(100);

    // Changes after the backup are undone by the restore.
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "later", conversation: { id: "a:later" }, from: { id: "29:x", aadObjectId: "x" } }));
    await bot.connector.waitForSent(2);
    await bot.close();
    const restored = await cli(["restore", backup]);
    expect(restored).toMatchObject({ ok: true, restored: backup });
    expect(dump(bot.config.databasePath)).toEqual(snapshot);
  });

  it("refuses to overwrite an existing file or restore a damaged backup", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-backup-bad-"));
    const damaged = path.join(dir, "damaged.db");
    fs.writeFileSync(damaged, "dit is geen database");
    const run = async (args: string[]) => {
      const { code, stderr } = await runAanjagerCli(args, { DATABASE_PATH: path.join(dir, "a.db") });
      return code === 0 ? "ok" : stderr;
    };
    expect(await run(["backup", damaged])).toContain("bestaat niet");
    expect(await run(["restore", damaged])).toMatch(/Fout/);
    expect(fs.existsSync(path.join(dir, "a.db"))).toBe(false);
  });

  it("on PostgreSQL answers in Dutch to use pg_dump and pg_restore, with the commands, and touches nothing", async () => {
    // No server needed: the command refuses before it connects.
    const env = { DATABASE_URL: "postgresql://bot:geheim@db.example:5432/aanjager", LOG_LEVEL: "silent" };
    const backup = await runAanjagerCli(["backup", path.join(os.tmpdir(), "nooit.db")], env);
    expect(backup.code).not.toBe(0);
    expect(backup.stderr).toContain("De database is PostgreSQL (postgresql://bot:***@db.example:5432/aanjager): maak een backup met pg_dump:");
    expect(backup.stderr).toContain('pg_dump --format=custom --file=aanjager-$(date +%F).dump "$DATABASE_URL"');
    expect(backup.stderr).not.toContain("geheim");
    const restore = await runAanjagerCli(["terugzetten", "backup.dump"], env);
    expect(restore.code).not.toBe(0);
    expect(restore.stderr).toContain("pg_restore --clean --if-exists --no-owner");
  });
});
