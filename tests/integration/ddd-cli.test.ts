import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { clearDddData, DDD_HEADER, findPlaygroundSchools } from "../support/ddd.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

/** `aanjager import ddd`, `run ddd-reminders` and `preview ddd-reminders`, as an operator runs them. */
let database: DatabaseTarget;
let db: Db;
let dir: string;
let alex: { id: number; brin: string };
let megan: { id: number; brin: string };

beforeEach(async () => {
  database = createTestDatabase({ seeded: true });
  db = await createDb(database);
  await configureDb(db);
  await clearDddData(db);
  const found = await findPlaygroundSchools(db);
  alex = found.alexSchool;
  megan = found.meganSchool;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-ddd-cli-"));
});
afterEach(async () => {
  await db.$disconnect();
});

async function cli(args: string[]) {
  const run = await runAanjagerCli(["--json", ...args], { ...databaseEnv(database), LOG_LEVEL: "silent" });
  return { status: run.code, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

function writeFile(name: string, text: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
}

describe("aanjager import ddd", () => {
  it("imports a file with a BOM and ; separators, with an audit row, and prints one JSON line", async () => {
    const file = writeFile("week10.csv", `\uFEFF${DDD_HEADER}\r\n${alex.brin};;50;45;40;30;48\r\n${alex.brin};4A;25;22;20;15;24\r\n${megan.brin};4A;20;20;18;12;20\r\n`);
    const out = await cli(["import", "ddd", file, "--schooljaar", "2026-2027", "--door", "operator-1"]);
    expect(out.status).toBe(0);
    expect(out.stdout.split("\n")).toHaveLength(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ ok: true, schoolYear: "2026-2027", rows: 3, schools: 2, groups: 2, derivedTotals: 1, snapshots: 4 });
    const audit = await db.dddImport.findFirstOrThrow();
    expect(audit).toMatchObject({ fileName: "week10.csv", operator: "operator-1", rows: 3, source: "csv", schoolYear: "2026-2027" });
    expect(audit.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await db.dddSnapshot.count({ where: { importId: audit.id, source: "import" } })).toBe(4);
  });

  it("rejects the whole file with every bad line and writes nothing", async () => {
    const file = writeFile("fout.csv", [DDD_HEADER, `${alex.brin};;50;45;40;30;48`, `${alex.brin};4A;25;22;20;-1;24`, "77QQ;;10;10;10;10;10", `${megan.brin};;20;20;18;25;20`].join("\n"));
    const out = await cli(["import", "ddd", file]);
    expect(out.status).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr.split("\n")).toEqual([
      "Fout (VALIDATION): DDD-import afgewezen: 3 fouten, er is niets opgeslagen.",
      "- regel 3: afgerond en aangeleverd: mag niet negatief zijn (-1)",
      "- regel 4: onbekende school (BRIN 77QQ): voeg de school eerst toe aan de contactenlijst",
      "- regel 5: afgerond en aangeleverd (25) is groter dan het aantal overstappers (20)",
    ]);
    expect(await db.dddSnapshot.count()).toBe(0);
    expect(await db.dddImport.count()).toBe(0);
  });

  it("takes the overstap counts as optional columns, and --proef shows the counts per school without storing them (issue 18)", async () => {
    const file = writeFile("juni.csv", [`${DDD_HEADER};aangemeld;geplaatst;zomerlek`, `${alex.brin};;50;45;40;30;48;44;40;`, `${alex.brin};4A;25;22;20;15;24;22;20;`, `${megan.brin};4A;20;20;18;12;20;18;15;2`].join("\n"));
    const proef = await cli(["import", "ddd", file, "--proef"]);
    expect(proef.status).toBe(0);
    const preview = JSON.parse(proef.stdout);
    expect(preview).toMatchObject({ ok: true, dryRun: true, importId: null, snapshots: 0, preview: { kind: "scholen", format: "csv" } });
    expect(preview.preview.schools[1]).toMatchObject({ brin: megan.brin, derivedTotal: true, counts: { aangemeld: 18, geplaatst: 15, zomerlek: 2, afgewezen: null } });
    expect(await db.dddSnapshot.count()).toBe(0);
    expect((await cli(["import", "ddd", file, "--schooljaar", "2026-2027"])).status).toBe(0);
    expect(await db.dddSnapshot.findFirstOrThrow({ where: { schoolId: alex.id, mentorGroup: "" } })).toMatchObject({ overstappers: 50, aangemeld: 44, geplaatst: 40, zomerlek: null, geenAanmelding: null });
    expect(await db.dddSnapshot.findFirstOrThrow({ where: { schoolId: megan.id, mentorGroup: "" } })).toMatchObject({ overstappers: 20, aangemeld: 18, zomerlek: 2 });
  });

  it("refuses a bad school year or a missing file as usage errors (exit 2)", async () => {
    expect(await cli(["import", "ddd", path.join(dir, "bestaat-niet.csv")])).toMatchObject({ status: 2, stderr: expect.stringContaining("kan niet worden gelezen") });
    expect(await cli(["import", "ddd", writeFile("x.csv", DDD_HEADER), "--schooljaar", "2027"])).toMatchObject({ status: 2, stderr: expect.stringContaining("Ongeldig schooljaar") });
  });
});

describe("aanjager run / preview ddd-reminders", () => {
  it("runs the job as of a moment, idempotently, printing one JSON line with enqueued", async () => {
    const file = writeFile("w.csv", [DDD_HEADER, `${alex.brin};;50;45;40;30;48`].join("\n"));
    expect((await cli(["import", "ddd", file, "--schooljaar", "2026-2027"])).status).toBe(0);
    // Issue 18: the campaign starts on the first working day after the kerstvakantie, Monday 4 January 2027.
    const first = await cli(["run", "ddd-reminders", "--at", "2027-01-04T08:15:00+01:00"]);
    expect(first.status).toBe(0);
    const result = JSON.parse(first.stdout);
    // Every card goes to the outbox (people without a Teams chat yet get one created when it is sent).
    expect(result).toMatchObject({ job: "ddd-reminders", status: "succeeded", campaign: "actief", schoolYear: "2026-2027", stepsToday: ["start"] });
    expect(result.enqueued).toBeGreaterThan(30);
    expect(result.reminders).toBeGreaterThan(30);
    const second = JSON.parse((await cli(["run", "ddd-reminders", "--at", "2027-01-04T09:00:00+01:00"])).stdout);
    expect(second).toMatchObject({ planned: 0, enqueued: 0, reminders: 0, alreadyToday: result.planned });
  });

  it("previews without sending or logging anything", async () => {
    const out = await cli(["preview", "ddd-reminders", "--at", "2027-02-13T10:00:00+01:00"]);
    expect(out.status).toBe(0);
    const preview = JSON.parse(out.stdout);
    expect(preview).toMatchObject({ job: "ddd-reminders", status: "geen-werkmoment", nonWorkingReason: "voorjaarsvakantie (carnaval)", plannedFor: "2027-02-15T07:00:00.000Z" });
    expect(preview.items.length).toBeGreaterThan(30);
    // On 15 February the start (4 January) and ten-weeks (21 January) steps are both still due, merged into one.
    expect(preview.items[0]).toEqual(expect.objectContaining({ action: "herinnering", step: "w10", coveredSteps: ["start", "w10"], recipients: expect.any(Number) }));
    expect(preview.steps.map((s: { id: string; sendDay: string }) => `${s.id} ${s.sendDay}`)).toContain("wd3 2027-03-25"); // Goede Vrijdag (26 March) is a day off in Zuid-Limburg
    expect(await db.dddReminderLog.count()).toBe(0);
    expect((await cli(["preview", "housekeeping"])).status).toBe(2);
  });
});
