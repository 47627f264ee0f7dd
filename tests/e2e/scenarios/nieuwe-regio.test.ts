import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import ExcelJS from "exceljs";
import { DateTime } from "luxon";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { readRegionFile } from "../../../src/config.js";
import { isWorkingDay } from "../../../src/domain/calendar/index.js";
import { loadWorkCalendar } from "../../../src/services/calendar-data.js";
import { launchBrowser } from "../support/browser.js";
import { PlaygroundUser } from "../support/playground-user.js";
import { resultsDir, root, startStack, type Stack } from "../support/stack.js";

/**
 * Issue 17, "Measured": a new beheerder takes a region of their own live. Fresh database, a region
 * file they write (three subregio's that are not Zuid-Limburg's, holiday region midden, their own
 * projectteam contact), the directory (60 schools) and the DDD figures filled into the templates
 * Aanjager writes, imported as XLSX; the projectteam and stuurgroep channels linked in the Agents
 * Playground; then the first weekly summary arrives in the stuurgroep channel with its DDD section.
 *
 * Every command a beheerder types and every chat message is counted; the wall time runs from the
 * first command to the summary in the channel. Filling in the workbooks is done here by exceljs in
 * no time: a person's typing is not part of the measurement (the report says so).
 */
const SCENARIO = "nieuwe-regio";
const ZONE = "Europe/Amsterdam";

const REGION_YAML = `# Regio Betuwe-Linge (verzonnen, voor de acceptatietest van issue 17).
naam: Betuwe-Linge
vakantieregio: midden
subregios:
  - id: over-betuwe
    naam: Over-Betuwe
    ookGeschrevenAls: [OB]
  - id: neder-betuwe
    naam: Neder-Betuwe
  - id: lingestreek
    naam: Lingestreek
extraVrijeDagen: []
projectteam:
  contact: "projectteam Betuwe Doorstroom, doorstroom@betuwe-linge.example"
ddd:
  deadline: "04-01"
`;

/** How the subregio is typed in the sheet: the names, an abbreviation, other case. */
const SUBREGIO_AS_TYPED = ["Over-Betuwe", "OB", "Neder-Betuwe", "neder betuwe", "Lingestreek", "LINGESTREEK"];
const SOORTEN = ["vmbo", "vmbo", "pro", "vso", "vmbo"];

type School = { brin: string; naam: string; soort: string; subregio: string; decaan: { email: string; naam: string } };

function buildSchools(): School[] {
  return Array.from({ length: 60 }, (_, i) => {
    const brin = `${20 + i}${"ABCDEFGHJK"[i % 10]}${"LMNPRS"[Math.floor(i / 10)]}`;
    const subregio = SUBREGIO_AS_TYPED[(Math.floor(i / 20) * 2 + (i % 2)) % 6]!;
    return {
      brin,
      naam: `Betuwse School ${i + 1}`,
      soort: SOORTEN[i % SOORTEN.length]!,
      subregio,
      decaan: { email: `decaan${i + 1}@school${i + 1}.example`, naam: `Decaan ${i + 1}` },
    };
  });
}

/** School i's DDD figures; school 7 is far behind. */
function dddFigures(i: number): { overstappers: number; afgerond: number } {
  const overstappers = 30 + (i % 7) * 5;
  return { overstappers, afgerond: i === 6 ? 2 : Math.round(overstappers * 0.4) };
}

/** The region's DDD completion as the card writes it: "39,2%". */
function formatRegionCompletion(): string {
  const figures = Array.from({ length: 60 }, (_, i) => dddFigures(i));
  const pct = (100 * figures.reduce((s, f) => s + f.afgerond, 0)) / figures.reduce((s, f) => s + f.overstappers, 0);
  return `${pct.toFixed(1).replace(".", ",")}%`;
}

/** Opens a template Aanjager wrote, replaces its example rows with `rows` and saves it, as a person in Excel would. */
async function fillTemplate(file: string, rows: (string | number | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const sheet = workbook.worksheets[0]!;
  // Typed over the example rows; the examples left over are cleared (exceljs' spliceRows kept them).
  const examples = sheet.rowCount - 1;
  rows.forEach((row, i) => (sheet.getRow(i + 2).values = row));
  for (let r = rows.length + 2; r <= examples + 1; r++) sheet.getRow(r).values = [];
  await workbook.xlsx.writeFile(file);
}

type Command = { args: string[]; code: number; stdout: string; stderr: string; ms: number };

let dataDir: string;
let regionFile: string;
let databasePath: string;
let env: Record<string, string>;
let stack: Stack | undefined;
let browser: Browser | undefined;
let user: PlaygroundUser | undefined;
let startedAt = 0;
const commands: Command[] = [];
const chatMessages: string[] = [];

/** `npx aanjager <args>` as the beheerder types it: a child process, text output (no --json). */
function aanjager(...args: string[]): Promise<Command> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "src", "cli", "bin.mjs"), ...args], { cwd: dataDir, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      const command = { args, code: code ?? 1, stdout, stderr, ms: Date.now() - started };
      commands.push(command);
      resolve(command);
    });
  });
}

/** The first Monday after today whose week has a summary (a working Monday in region midden), at 09:00. */
async function findFirstSummaryMonday(): Promise<DateTime> {
  const calendar = await loadWorkCalendar({ region: readRegionFile(regionFile), officeHours: { start: "08:00", end: "17:00" }, zone: ZONE });
  let monday = DateTime.now().setZone(ZONE).startOf("week").plus({ weeks: 1 }).set({ hour: 9 });
  while (!isWorkingDay(monday.toJSDate(), calendar)) monday = monday.plus({ weeks: 1 });
  return monday;
}

beforeAll(() => {
  fs.rmSync(path.join(resultsDir, SCENARIO), { recursive: true, force: true });
  // The fresh clone's own data: nothing of another test, no demo.
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-nieuwe-regio-"));
  regionFile = path.join(dataDir, "regio-betuwe-linge.yaml");
  databasePath = path.join(dataDir, "aanjager.db");
  fs.writeFileSync(regionFile, REGION_YAML);
  env = { REGION_FILE: regionFile, DATABASE_PATH: databasePath, LOG_LEVEL: "warn" };
});

beforeEach(({ task, onTestFailed }) => {
  onTestFailed(async () => {
    const dir = path.join(resultsDir, SCENARIO);
    fs.mkdirSync(dir, { recursive: true });
    await user?.page.screenshot({ path: path.join(dir, `failure-${task.name.slice(0, 40).replace(/[^a-z0-9]+/gi, "-")}.png`) }).catch(() => undefined);
    stack?.saveLogs(dir);
    fs.writeFileSync(path.join(dir, "commands.json"), JSON.stringify(commands, null, 2));
  });
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("a new beheerder takes region Betuwe-Linge live (issue 17, Measured)", () => {
  const schools = buildSchools();
  let summaryMonday: DateTime;

  it("fills the directory and DDD templates and imports both from XLSX", async () => {
    summaryMonday = await findFirstSummaryMonday();
    startedAt = Date.now();
    const contacts = path.join(dataDir, "contactenlijst.xlsx");
    const ddd = path.join(dataDir, "ddd-voortgang.xlsx");

    expect((await aanjager("sjabloon", "contactenlijst", "--xlsx", "--out", contacts)).code).toBe(0);
    expect((await aanjager("sjabloon", "ddd", "--xlsx", "--out", ddd)).code).toBe(0);

    // Alex and Patti are the playground's people: the beheerder (also projectteam) and the stuurgroep.
    await fillTemplate(contacts, [
      ...schools.map((s) => [s.decaan.email, s.decaan.naam, "decaan", s.brin, s.naam, s.soort, s.subregio, null, null, null, null, null]),
      ["alexw@example.com", "Alex Wilber", "beheerder", null, null, null, null, null, null, null, null, null],
      ["alexw@example.com", "Alex Wilber", "projectteam", null, null, null, null, null, null, null, null, null],
      ["m.projectteam@betuwe-linge.example", "Mirjam de Boer", "projectteam", null, null, null, null, null, null, null, null, null],
      ["pattif@example.com", "Patti Fernandez", "stuurgroep", null, null, null, null, null, null, null, null, null],
      ["w.stuurgroep@betuwe-linge.example", "Wim van Dijk", "stuurgroep", null, null, null, null, null, null, null, null, null],
    ]);
    // The overstap system's figures per school, as numbers in the cells.
    await fillTemplate(
      ddd,
      schools.map((s, i) => {
        const f = dddFigures(i);
        return [s.brin, null, f.overstappers, f.overstappers - 2, Math.round(f.overstappers * 0.6), f.afgerond, f.overstappers - 1];
      }),
    );

    const directory = await aanjager("importeer", "contactenlijst", contacts);
    expect(directory.stderr).toBe("");
    expect(directory.code).toBe(0);
    const progress = await aanjager("importeer", "ddd", ddd);
    expect(progress.stderr).toBe("");
    expect(progress.code).toBe(0);

    const db = new Database(databasePath, { readonly: true });
    try {
      const bySubregio = db.prepare("SELECT subregioId AS id, COUNT(*) AS n FROM School GROUP BY subregioId ORDER BY subregioId").all();
      expect(bySubregio).toEqual([
        { id: "lingestreek", n: 20 },
        { id: "neder-betuwe", n: 20 },
        { id: "over-betuwe", n: 20 },
      ]);
    } finally {
      db.close();
    }
  });

  it("starts Aanjager without demo data and links the projectteam and stuurgroep channels in the playground", async () => {
    // `npm start` with the region file; the bot's clock is set to the first summary Monday (09:00).
    const started = Date.now();
    stack = await startStack({ user: "alex", env: { ...env, DEMO_DISABLED: "true", DEMO_CLOCK_START: summaryMonday.toISO()! } });
    commands.push({ args: ["npm", "start"], code: 0, stdout: stack.output(), stderr: "", ms: Date.now() - started });
    expect(stack.output()).toContain("zonder demodata");
    browser = await launchBrowser();
    user = await PlaygroundUser.open(browser, stack, SCENARIO);

    await user.openConversation("General");
    await user.mention("koppel projectteam");
    chatMessages.push("@Aanjager koppel projectteam");
    await user.waitForText("Dit kanaal is nu het projectteamkanaal");
    await user.step("koppel-projectteam");

    await user.openConversation("Announcements");
    await user.mention("koppel stuurgroep");
    chatMessages.push("@Aanjager koppel stuurgroep");
    await user.waitForText("Dit kanaal is nu het stuurgroepkanaal");
    await user.step("koppel-stuurgroep");

    // Only the region's own schools: `npm start` loaded no demo region.
    const db = new Database(databasePath, { readonly: true });
    try {
      expect(db.prepare("SELECT COUNT(*) AS n FROM School").get()).toEqual({ n: 60 });
    } finally {
      db.close();
    }
  });

  it("shows the first stuurgroep summary, with its DDD section, in the stuurgroep channel", async () => {
    const week = summaryMonday.weekNumber;
    const run = await aanjager("draai", "weekly-summary", "--at", summaryMonday.toISO()!);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Taak weekly-summary uitgevoerd");

    const u = user!;
    await u.waitForText(`Weeksamenvatting week ${week}`, { timeout: 60_000 });
    await u.waitForText("DDD en overstap");
    const seconds = (Date.now() - startedAt) / 1000;
    const text = await u.chatText();
    // The region's figures from the imported workbook, per subregio in the chart; nothing of Zuid-Limburg's.
    expect(text).toContain(`${formatRegionCompletion()} van de DDD's ingevuld op`);
    expect(text).toContain(`Stand van maandag ${summaryMonday.setLocale("nl").toFormat("d MMMM yyyy")} om 09:00`);
    expect(text).toMatch(/DDD ingevuld \(% overstappers\)/);
    expect(text).toContain("Over-Betuwe");
    expect(text).toContain("Neder-Betuwe");
    expect(text).toContain("Lingestreek");
    expect(text).not.toContain("Parkstad");
    await u.step("eerste-samenvatting");
    await u.page.getByText("DDD en overstap").last().scrollIntoViewIfNeeded();
    await u.step("ddd-sectie");

    // A fresh clone also takes `git clone` and `npm ci`, which this test cannot run (it runs in a
    // checkout with its dependencies): they are counted, not timed.
    const notRunHere = ["git clone <repository>", "npm ci"];
    const count = notRunHere.length + commands.length + chatMessages.length;
    const measured = {
      scenario: SCENARIO,
      notRunHere,
      commands: commands.map((c) => ({ command: c.args[0] === "npm" ? c.args.join(" ") : `npx aanjager ${c.args.join(" ")}`.replace(dataDir + path.sep, ""), seconds: +(c.ms / 1000).toFixed(1) })),
      chatMessages,
      count,
      wallSeconds: +seconds.toFixed(1),
    };
    fs.mkdirSync(path.join(resultsDir, SCENARIO), { recursive: true });
    fs.writeFileSync(path.join(resultsDir, SCENARIO, "measured.json"), JSON.stringify(measured, null, 2));
    console.log(JSON.stringify(measured));
    expect(count).toBeLessThanOrEqual(10);
    expect(seconds).toBeLessThan(15 * 60);
  });
});
