import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { DEFAULT_OVERSTAP_EXPORT_FILE } from "../../src/config.js";
import { clearDddData, findPlaygroundSchools } from "../support/ddd.js";
import { runAanjagerCli } from "../support/cli.js";
import { createTestDatabasePath } from "../support/test-db.js";

/**
 * Issue 18: `aanjager importeer ddd` takes the overstap system's export, one row per pupil, and
 * keeps only counts per school and mentor group. Made-up pupils; the schools are the demo region's.
 */
let databasePath: string;
let db: Db;
let dir: string;
let alex: { id: number; brin: string };
let megan: { id: number; brin: string };

beforeEach(async () => {
  databasePath = createTestDatabasePath({ seeded: true });
  db = await createDb(databasePath);
  await configureDb(db);
  await clearDddData(db);
  const found = await findPlaygroundSchools(db);
  alex = found.alexSchool;
  megan = found.meganSchool;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-ddd-pupils-"));
});
afterEach(async () => {
  await db.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string> = {}) => runAanjagerCli(args, { DATABASE_PATH: databasePath, LOG_LEVEL: "silent", ...env });
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};

/** Made-up pupils: names and leerlingnummers that occur nowhere else, so a leak is found by searching for them. */
const PUPILS = [
  { nr: "8301457", naam: "Quirijn Zwaneveldt", klas: "4A", ddd: "Deel A", aanmelding: "Aangemeld", instelling: "Vista college", opleiding: "" },
  { nr: "8301458", naam: "Fenneke Oudhuysen", klas: "4a", ddd: "Afgerond", aanmelding: "Voorlopig geplaatst", instelling: "Leeuwenborgh", opleiding: "Verzorgende IG" },
  { nr: "8301459", naam: "Jurrian Klaphekke", klas: "4A", ddd: "Niet gestart", aanmelding: "Geen aanmelding", instelling: "", opleiding: "" },
  { nr: "8301460", naam: "Ilse-Marije Brouwhuys", klas: "4B", ddd: "Verzonden", aanmelding: "Geplaatst", instelling: "Arcus College", opleiding: "Entree" },
  { nr: "8301461", naam: "Teun Wijlandhorst", klas: "4B", ddd: "Deel B", aanmelding: "Afgewezen", instelling: "", opleiding: "" },
  { nr: "8301462", naam: "Noortje Raemaekersz", klas: "", ddd: "Akkoord", aanmelding: "Aangemeld", instelling: "", opleiding: "Kapper" },
];
const SECRETS = PUPILS.flatMap((p) => [p.nr, p.naam, p.naam.split(" ")[1]!]);

function pupilCsv(brinFor: (i: number) => string, separator = ";"): string {
  const header = ["Leerlingnummer", "Naam", "Geboortedatum", "BRIN", "Klas", "DDD-status", "Aanmeldstatus", "Instelling", "Opleiding"];
  const rows = PUPILS.map((p, i) => [p.nr, p.naam, `1${i}-03-2010`, brinFor(i), p.klas, p.ddd, p.aanmelding, p.instelling, p.opleiding]);
  return `\uFEFF${[header, ...rows].map((r) => r.join(separator)).join("\r\n")}\r\n`;
}

async function pupilXlsx(name: string, brinFor: (i: number) => string): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Leerlingen");
  sheet.addRow(["Leerlingnr", "Roepnaam", "Achternaam", "Geboortedatum", "Vestiging", "Stamklas", "Status DDD", "Status aanmelding", "Opleiding"]);
  PUPILS.forEach((p, i) => sheet.addRow([Number(p.nr), p.naam.split(" ")[0], p.naam.split(" ")[1], new Date(Date.UTC(2010, 2, 10 + i)), brinFor(i), p.klas, p.ddd, p.aanmelding, p.opleiding]));
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.from(await workbook.xlsx.writeBuffer()));
  return file;
}

const latest = (schoolId: number, mentorGroup: string) => db.dddSnapshot.findFirstOrThrow({ where: { schoolId, mentorGroup }, orderBy: { version: "desc" } });

describe("aanjager importeer ddd with a per-pupil export", () => {
  it("counts per school and mentor group, stores only counts in one import, and says so", async () => {
    const file = write("export-week14.csv", pupilCsv((i) => (i < 5 ? alex.brin : megan.brin)));
    const out = await cli(["importeer", "ddd", file, "--schooljaar", "2026-2027", "--door", "decaan-1"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    expect(out.stdout).toContain("DDD-voortgang ingelezen voor schooljaar 2026-2027");
    expect(out.stdout).toMatch(/Leerlingen geteld:\s+6; alleen de aantallen zijn bewaard/);
    expect(await db.dddImport.findFirstOrThrow()).toMatchObject({ fileName: "export-week14.csv", operator: "decaan-1", rows: 6, source: "csv" });
    // Alex's school: 4A (three pupils, "4a" is the same group), 4B (two) and the total of five.
    expect(await latest(alex.id, "4A")).toMatchObject({ overstappers: 3, gestart: 2, deelB: 1, afgerond: 1, inBeeld: 2, aangemeld: 2, geplaatst: 1, geenAanmelding: 1, geplaatstMetDdd: 1, afgewezen: 0, zomerlek: 0 });
    expect(await latest(alex.id, "4B")).toMatchObject({ overstappers: 2, gestart: 2, deelB: 2, afgerond: 1, inBeeld: 1, aangemeld: 2, geplaatst: 1, afgewezen: 1, geplaatstMetDdd: 1 });
    expect(await latest(alex.id, "")).toMatchObject({ overstappers: 5, gestart: 4, deelB: 3, afgerond: 2, inBeeld: 3, aangemeld: 4, geplaatst: 2, afgewezen: 1, geenAanmelding: 1, geplaatstMetDdd: 2, mboGestart: 0, nietGestart: 0 });
    // Megan's pupil has no group: a school total only.
    expect(await db.dddSnapshot.findMany({ where: { schoolId: megan.id }, select: { mentorGroup: true, overstappers: true, deelB: true, inBeeld: true } })).toEqual([{ mentorGroup: "", overstappers: 1, deelB: 1, inBeeld: 1 }]);
    expect(await db.dddSnapshot.count()).toBe(4);
  });

  it("rejects the whole file with every bad line in Dutch, naming column and status, and stores nothing", async () => {
    const lines = pupilCsv((i) => [alex.brin, "77QQ", alex.brin, "Graaf Huyn", alex.brin, "77QQ"][i]!).replace("Deel B", "Deel C").replace("Voorlopig geplaatst", "Uitgeloot");
    const out = await cli(["importeer", "ddd", write("fout.csv", lines)]);
    expect(out.code).toBe(1);
    expect(out.stdout).toBe("");
    expect(out.stderr.trim().split("\n")).toEqual([
      "Fout (VALIDATION): DDD-import afgewezen: 4 fouten, er is niets opgeslagen.",
      "- regel 3: onbekende school (BRIN 77QQ) op regels 3, 7: voeg de school eerst toe aan de contactenlijst",
      "- regel 3: kolom 'Aanmeldstatus': status 'Uitgeloot' staat niet in het koppelbestand (regel 3); voeg hem toe onder aanmeldingStatus in src/data/overstap-export.yaml",
      "- regel 5: kolom 'BRIN' bevat geen BRIN-code of vestigingscode (zoals 12AB of 12AB00)",
      "- regel 6: kolom 'DDD-status': status 'Deel C' staat niet in het koppelbestand (regel 6); voeg hem toe onder dddStatus in src/data/overstap-export.yaml",
    ]);
    expect(await db.dddSnapshot.count()).toBe(0);
    expect(await db.dddImport.count()).toBe(0);
  });

  it("dry run: the counts per school (per group with --per-groep) and the unknown statuses, before anything is stored", async () => {
    const file = write("proef.csv", pupilCsv(() => alex.brin).replace("Teun Wijlandhorst;14-03-2010;" + alex.brin + ";4B;Deel B", `Teun Wijlandhorst;14-03-2010;${alex.brin};4B;Deel B half`));
    const text = await cli(["importeer", "ddd", file, "--proef", "--per-groep"]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`Proef: er is niets opgeslagen. ${file}: export per leerling (CSV), 5 leerlingen geteld.`);
    expect(text.stdout).toMatch(/Kolommen:\s+school = BRIN, mentorgroep = Klas, dddStatus = DDD-status, aanmeldingStatus = Aanmeldstatus, instelling = Instelling, opleiding = Opleiding/);
    expect(text.stdout).toMatch(/Gelezen, niet bewaard:\s+Leerlingnummer, Naam, Geboortedatum/);
    expect(text.stdout).toMatch(new RegExp(`${alex.brin}\\s+\\(totaal\\)\\s+5\\s+4\\s+3\\s+2\\s+4\\s+4\\s+2\\s+0\\s+1\\s+2\\s+0\\s+0\\s+0`));
    expect(text.stdout).toMatch(new RegExp(`${alex.brin}\\s+4A\\s+3\\s+2\\s+1\\s+1\\s+2`));
    expect(text.stdout).toContain("- kolom 'DDD-status': 'Deel B half' op 1 regel (6)");
    expect(text.stderr).toContain("Proef: het bestand zou worden afgewezen: 1 fout, er is niets opgeslagen.");
    const json = await cli(["--json", "importeer", "ddd", write("goed.csv", pupilCsv(() => alex.brin)), "--proef"]);
    expect(json.code).toBe(0);
    const result = JSON.parse(json.stdout);
    expect(result).toMatchObject({ ok: true, dryRun: true, importId: null, snapshots: 0, schools: 1, groups: 2, preview: { kind: "leerlingen", format: "csv", pupils: { counted: 6, skipped: 0, unmapped: [] } } });
    expect(result.preview.schools[0]).toMatchObject({ brin: alex.brin, figures: { overstappers: 6 }, counts: { aangemeld: 5 }, groups: [{ mentorGroup: "4A" }, { mentorGroup: "4B" }] });
    expect(await db.dddSnapshot.count()).toBe(0);
    expect(await db.dddImport.count()).toBe(0);
  });

  it("reads another mapping file (OVERSTAP_EXPORT_FILE), and refuses a broken one with its line before reading the export", async () => {
    const custom = fs.readFileSync(DEFAULT_OVERSTAP_EXPORT_FILE, "utf8").replace("  gestart: [deel A,", "  gestart: [bezig leerling, deel A,").replace("  dddStatus: [DDD status,", "  dddStatus: [Dossierstatus, DDD status,");
    const mapping = write("koppeling.yaml", custom);
    const file = write("systeem-b.csv", ["brin;groep;dossierstatus", `${alex.brin};4A;bezig leerling`, `${alex.brin};4A;afgerond`].join("\n"));
    expect(await cli(["importeer", "ddd", file, "--schooljaar", "2026-2027"])).toMatchObject({ code: 1, stderr: expect.stringContaining("kopregel: geen kolom voor dddStatus") });
    expect(await cli(["importeer", "ddd", file, "--schooljaar", "2026-2027"], { OVERSTAP_EXPORT_FILE: mapping })).toMatchObject({ code: 0, stderr: "" });
    expect(await latest(alex.id, "4A")).toMatchObject({ overstappers: 2, gestart: 2, afgerond: 1, aangemeld: null });
    const broken = write("kapot.yaml", custom.replace("  deelB: [deel B,", "  deelB: [afgerond, deel B,"));
    const refused = await cli(["importeer", "ddd", file], { OVERSTAP_EXPORT_FILE: broken });
    expect(refused.code).toBe(1);
    const line = custom.split("\n").findIndex((l) => l.startsWith("  afgerond: [afgerond,")) + 1;
    expect(refused.stderr).toContain(`Fout (CONFIG_INVALID): Het koppelbestand voor de export van het overstapsysteem '${broken}' (OVERSTAP_EXPORT_FILE) is ongeldig:\n- regel ${line}: status 'afgerond' staat ook bij dddStatus.deelB`);
  });
});

describe("nothing pupil-level is kept (issue 18)", () => {
  /** Every place a pupil's name or number could end up after an import: the database file and its WAL, the outbox, and what the CLI printed and logged. */
  async function findIn(output: string, needles: readonly string[]): Promise<string[]> {
    const files = [databasePath, `${databasePath}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f));
    const outbox = JSON.stringify(await db.outboxMessage.findMany());
    const places = [...files.map((bytes) => bytes.toString("latin1")), ...files.map((bytes) => bytes.toString("utf16le")), outbox, output];
    return needles.filter((needle) => places.some((text) => text.includes(needle)));
  }

  it("a CSV and an XLSX with names and leerlingnummers: imported, dry-run, rejected and reminded about, and none of them is found anywhere", async () => {
    const env = { LOG_LEVEL: "trace" };
    const csv = write("leerlingen.csv", pupilCsv((i) => (i % 2 === 0 ? alex.brin : megan.brin)));
    const xlsx = await pupilXlsx("leerlingen.xlsx", (i) => (i % 2 === 0 ? megan.brin : alex.brin));
    const bad = write("fout.csv", pupilCsv((i) => (i === 1 ? "Fenneke" : alex.brin)).replace("Deel A", "Quirijn Zwaneveldt"));
    const before = { csv: fs.readFileSync(csv), xlsx: fs.readFileSync(xlsx) };
    const runs = [
      await cli(["importeer", "ddd", csv, "--schooljaar", "2026-2027"], env),
      await cli(["--json", "importeer", "ddd", xlsx, "--schooljaar", "2026-2027"], env),
      await cli(["importeer", "ddd", xlsx, "--proef", "--per-groep"], env),
      await cli(["--json", "importeer", "ddd", csv, "--proef"], env),
      await cli(["importeer", "ddd", bad], env),
      await cli(["--json", "importeer", "ddd", bad, "--proef"], env),
      // The reminders that follow the import put the counts into cards in the outbox.
      await cli(["draai", "ddd-reminders", "--at", "2027-02-01T08:15:00+01:00"], env),
    ];
    expect(runs.map((r) => r.code)).toEqual([0, 0, 0, 0, 1, 1, 0]);
    expect(await db.dddImport.count()).toBe(2);
    expect(await db.outboxMessage.count()).toBeGreaterThan(0);
    // The logs were captured: trace-level pino lines of the job run are in the output searched.
    const output = runs.map((r) => r.stdout + r.stderr).join("\n");
    expect(output).toMatch(/"level":\d+/);
    expect(output).toContain("kolom 'DDD-status': een waarde die op gegevens van een leerling lijkt (niet getoond)");
    expect(await findIn(output, SECRETS)).toEqual([]);
    // The search does find what is stored: the file names of the imports (no pupil data) are there.
    expect(await findIn("", ["leerlingen.csv", "leerlingen.xlsx"])).toEqual(["leerlingen.csv", "leerlingen.xlsx"]);
    // The export itself was only read.
    expect(fs.readFileSync(csv).equals(before.csv) && fs.readFileSync(xlsx).equals(before.xlsx)).toBe(true);
    expect(fs.readdirSync(dir).sort()).toEqual(["fout.csv", "leerlingen.csv", "leerlingen.xlsx"]);
  });
});
