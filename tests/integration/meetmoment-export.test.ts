import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/logger.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { meetmomentDepsOf, performRoundAction } from "../../src/services/meetmomenten/index.js";
import { EXPORT_HEADERS } from "../../src/services/meetmoment-export.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";

/**
 * `npx aanjager run meetmomenten` and `npx aanjager export meetmoment` as an operator runs them:
 * the CLI program on the database, one JSON line, exit code 2 on bad input.
 */
let env: Record<string, string>;
let outDir: string;

async function cli(args: string[]) {
  const { code, stdout, stderr } = await runAanjagerCli(args, env);
  return { status: code, stdout, stderr };
}

beforeAll(async () => {
  const database = createTestDatabase({ seeded: true });
  env = { ...databaseEnv(database), LOG_LEVEL: "silent" };
  outDir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-export-"));
  const first = await cli(["--json", "run", "meetmomenten", "--at", "2026-11-02T08:10:00+01:00"]);
  expect(first.status, first.stderr).toBe(0);
  const run = JSON.parse(first.stdout.trim());
  expect(run).toMatchObject({ job: "meetmomenten", status: "succeeded", opened: 2, schoolYear: "2026-2027", failed: 0 });

  // Isaiah submits the DDD figures, then corrects one; a text answer that looks like a formula.
  const ctx = await createCliContext({ config: loadConfig({ ...databaseEnv(database), LOG_LEVEL: "silent" }), logger: createLogger("silent"), ports: { enqueue: createRecordingOutbox().enqueue } });
  const round = await ctx.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "ddd" } });
  const kpis = await ctx.db.kpi.findMany({ where: { activityId: "ddd", archivedAt: null, duoVsv: null }, orderBy: { position: "asc" } });
  const isaiah = await ctx.db.person.findUniqueOrThrow({ where: { email: "isaiahl@example.com" }, include: { roles: true } });
  const actor = { personId: isaiah.id, naam: isaiah.naam, roles: isaiah.roles.map((r) => ({ role: r.role, activityId: r.activityId })) };
  const submit = (values: string[], at: string) =>
    performRoundAction(ctx.db, meetmomentDepsOf(ctx.jobDeps), { kind: "indienen", envelope: { roundId: round.id, activityId: "ddd", schoolYear: "2026-2027" }, inputs: Object.fromEntries(kpis.map((k, i) => [`kpi_${k.key}`, values[i]])), actor, source: "card" }, new Date(at));
  await submit(["3100", "87,5", "96", "88.5", "3,1"], "2026-11-03T09:00:00Z");
  await submit(["3100", "91", "96", "88.5", "3,1"], "2026-11-04T13:30:00Z");
  const coach = await ctx.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "overstap-vo-mbo" } });
  const coachKpis = await ctx.db.kpi.findMany({ where: { activityId: "overstap-vo-mbo", archivedAt: null, duoVsv: null }, orderBy: { position: "asc" } });
  await performRoundAction(
    ctx.db,
    meetmomentDepsOf(ctx.jobDeps),
    { kind: "indienen", envelope: { roundId: coach.id, activityId: "overstap-vo-mbo", schoolYear: "2026-2027" }, inputs: Object.fromEntries(coachKpis.map((k, i) => [`kpi_${k.key}`, k.unit === "text" ? "=HYPERLINK(\"x\")" : String(50 + i)])), actor: { personId: null, naam: "Projectteam", roles: [{ role: "projectteam", activityId: null }] }, source: "card" },
    new Date("2026-11-05T10:00:00Z"),
  );
  await ctx.close();
});

describe("aanjager export meetmoment", () => {
  it("writes CSV for Dutch Excel to stdout: every KPI per round with value, norm, who and when", async () => {
    const result = await cli(["export", "meetmoment", "ddd", "--schooljaar", "2026-2027"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.startsWith("\uFEFF")).toBe(true);
    const lines = result.stdout.slice(1).trim().split("\r\n");
    expect(lines[0]).toBe(EXPORT_HEADERS.join(";"));
    expect(lines).toHaveLength(6);
    expect(lines[2]).toBe(
      "2026-2027;Digitaal Doorstroomdossier (DDD);ddd;02-11-2026;november 2026;open;% overstappers vo→mbo in regio 39 in beeld met een vervolgkeuze en definitief geplaatst;pct-overstappers-vo-mbo-in-regio-39-in-beeld-met;percentage;91;98;97% (2016-2017) oplopend naar 98%;ingediend;2;Isaiah Langer;04-11-2026 14:30;kaart;2025-2026;",
    );
    const history = await cli(["export", "meetmoment", "ddd", "--schooljaar", "2026-2027", "--historie"]);
    expect(history.stdout.trim().split("\r\n")).toHaveLength(7);
    expect(history.stdout).toContain(";87,5;98;");
    // Formula-like text is neutralised; activities without figures say "ontbreekt".
    const all = (await cli(["export", "meetmoment", "alle", "--schooljaar", "2026-2027"])).stdout;
    expect(all).toContain(';"\'=HYPERLINK(""x"")";');
    expect(all).toContain(";ontbreekt;");
  });

  it("writes XLSX with Dutch headers and number formats (percent with one decimal, whole numbers, dates)", async () => {
    const file = path.join(outDir, "mm.xlsx");
    const result = await cli(["--json", "export", "meetmoment", "alle", "--schooljaar", "2026-2027", "--format", "xlsx", "--out", file]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout.trim())).toMatchObject({ ok: true, file, format: "xlsx", activity: "alle", rows: expect.any(Number) });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    const sheet = workbook.getWorksheet("Meetmomenten 2026-2027")!;
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([...EXPORT_HEADERS]);
    const rows = sheet.getRows(2, sheet.rowCount - 1)!;
    const ddd = rows.filter((r) => r.getCell(3).value === "ddd");
    const percentage = ddd.find((r) => r.getCell(9).value === "percentage" && r.getCell(10).value !== null)!;
    expect(percentage.getCell(10)).toMatchObject({ value: 0.91, numFmt: "0.0%" });
    expect(percentage.getCell(11)).toMatchObject({ value: 0.98, numFmt: "0.0%" });
    const count = ddd.find((r) => r.getCell(9).value === "aantal")!;
    expect(count.getCell(10)).toMatchObject({ value: 3100, numFmt: "0" });
    expect(count.getCell(16).numFmt).toBe("dd-mm-yyyy hh:mm");
    // Amsterdam wall-clock time of the submission (10:00 on 3 November; the count was not corrected).
    expect(count.getCell(16).value).toEqual(new Date(Date.UTC(2026, 10, 3, 10, 0)));
    expect(count.getCell(4)).toMatchObject({ value: new Date(Date.UTC(2026, 10, 2)), numFmt: "dd-mm-yyyy" });
  });

  it("refuses bad input with exit code 2 and a Dutch message", async () => {
    for (const args of [
      ["export", "meetmoment", "ddd", "--format", "pdf"],
      ["export", "meetmoment", "xyzzy"],
      ["export", "meetmoment", "ddd", "--schooljaar", "2026"],
    ]) {
      const result = await cli(args);
      expect(result.status, args.join(" ")).toBe(2);
      expect(result.stderr).toMatch(/Fout \(CLI_USAGE\): (Onbekend formaat|Onbekende activiteit|Ongeldig schooljaar)/);
    }
  });
});
