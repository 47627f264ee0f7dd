import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { startAanjager } from "../../src/main.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabaseEnv } from "../support/test-db.js";

/** The production entry point (`npm run serve` and `npm start` end in startAanjager) on a new database. */
describe("the first start of a new region", () => {
  it("loads the bundled catalogue, and runs the start's preparation before any job catches up", async () => {
    const seen: { activities: number; jobRuns: number }[] = [];
    const running = await startAanjager(
      { BOT_MODE: "local", HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "silent", ...createTestDatabaseEnv({ seeded: false }), DELIVERY_ENABLED: "false", SHUTDOWN_TIMEOUT_MS: "2000" },
      { prepare: async (app) => void seen.push({ activities: await app.db.activity.count(), jobRuns: await app.db.jobRun.count() }) },
    );
    try {
      // Without the catalogue a directory naming an owner was refused and there were no meetmomenten.
      expect(seen).toEqual([{ activities: expect.any(Number), jobRuns: 0 }]);
      expect(seen[0]!.activities).toBeGreaterThan(10);
      // The scheduler does catch up, after the preparation (npm start seeds the demo there).
      await expect.poll(() => running.app.db.jobRun.count()).toBeGreaterThan(0);
    } finally {
      await running.app.close();
    }
  });
});

describe("a new beheerder's first command", () => {
  it("imports the directory (with an activity owner) into a database that does not exist yet, then its DDD figures", async () => {
    // Issue 17's acceptance run: the import, before the bot ever started, failed with Prisma's
    // "The table `main.Activity` does not exist" instead of preparing the database as a start does.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-first-import-"));
    const env = { DATABASE_PATH: path.join(dir, "nieuw", "aanjager.db"), LOG_LEVEL: "silent" };
    fs.writeFileSync(
      path.join(dir, "contactenlijst.csv"),
      [
        "email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit",
        "a.decaan@school.example;Anna de Vries;decaan;97ZZ;Nieuwe School;vmbo;Parkstad;;",
        "d.eigenaar@regio.example;Dirk Hermans;eigenaar;;;;;;ddd",
      ].join("\n"),
    );
    fs.writeFileSync(path.join(dir, "ddd.csv"), ["school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld", "97ZZ;;40;30;20;10;38"].join("\n"));

    const directory = await runAanjagerCli(["importeer", "contactenlijst", "--json", path.join(dir, "contactenlijst.csv")], env);
    expect(directory.stderr).toBe("");
    expect(directory.code).toBe(0);
    expect(JSON.parse(directory.stdout)).toMatchObject({ ok: true, schools: { added: 1 }, people: { added: 2 } });

    const ddd = await runAanjagerCli(["importeer", "ddd", "--json", "--schooljaar", "2026-2027", path.join(dir, "ddd.csv")], env);
    expect(ddd.stderr).toBe("");
    expect(ddd.code).toBe(0);
    expect(JSON.parse(ddd.stdout)).toMatchObject({ schools: 1, snapshots: 1 });
  });
});
