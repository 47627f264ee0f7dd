import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { DIRECTORY_COLUMNS } from "../../src/domain/directory.js";
import { DDD_IMPORT_COLUMNS } from "../../src/services/ddd/import.js";
import { runAanjagerCli } from "../support/cli.js";
import { DDD_HEADER } from "../support/ddd.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

/**
 * "Imports people can make" (issue 17): templates written by `aanjager sjabloon` import back as
 * they are, every import reads CSV and XLSX, errors name the line or spreadsheet row a person
 * sees, and a rejected file changes nothing. A fresh database, as a new region starts.
 */
let database: DatabaseTarget;
let db: Db;
let dir: string;

beforeEach(async () => {
  database = createTestDatabase();
  db = await createDb(database);
  await configureDb(db);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-import-files-"));
  // As a beheerder starts: the migration loads the bundled catalogue into the empty database.
  expect((await cli(["database", "migreer"])).code).toBe(0);
});
afterEach(async () => {
  await db.$disconnect();
});

const cli = (args: string[]) => runAanjagerCli(args, { ...databaseEnv(database), LOG_LEVEL: "silent" });
const file = (name: string) => path.join(dir, name);

type Cell = string | number | null | { text: string; hyperlink: string };

async function writeXlsx(name: string, rows: Cell[][], options: { skipRows?: number[] } = {}): Promise<string> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Blad1");
  let rowNumber = 1;
  for (const row of rows) {
    while (options.skipRows?.includes(rowNumber)) rowNumber++;
    sheet.getRow(rowNumber).values = row;
    rowNumber++;
  }
  const target = file(name);
  fs.writeFileSync(target, Buffer.from(await workbook.xlsx.writeBuffer()));
  return target;
}

describe("aanjager sjabloon", () => {
  for (const format of ["csv", "xlsx"] as const) {
    it(`writes the contactenlijst, DDD and per-pupil templates as ${format.toUpperCase()} with the import's Dutch headers, and all import back as they are`, async () => {
      const extra = format === "xlsx" ? ["--xlsx"] : [];
      const directory = await cli(["sjabloon", "contactenlijst", ...extra, "--out", file(`contacten.${format}`)]);
      expect(directory.code, directory.stderr).toBe(0);
      expect(directory.stdout).toContain(`Sjabloon geschreven: ${file(`contacten.${format}`)} (7 voorbeeldregels)`);
      const ddd = await cli(["--json", "sjabloon", "ddd", ...extra, "--out", file(`ddd.${format}`)]);
      expect(JSON.parse(ddd.stdout)).toEqual({ ok: true, kind: "ddd", format, file: file(`ddd.${format}`), rows: 4 });

      if (format === "csv") {
        const [header, ...rows] = fs.readFileSync(file("contacten.csv"), "utf8").replace(/^\uFEFF/, "").trimEnd().split("\r\n");
        expect(header).toBe(DIRECTORY_COLUMNS.join(";"));
        expect(rows).toHaveLength(7);
      } else {
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.readFile(file("ddd.xlsx"));
        expect(workbook.worksheets.map((s) => s.name)).toEqual(["DDD-voortgang", "Toelichting"]);
        expect((workbook.worksheets[0]!.getRow(1).values as string[]).slice(1)).toEqual([...DDD_IMPORT_COLUMNS]);
      }

      const imported = await cli(["importeer", "contactenlijst", file(`contacten.${format}`)]);
      expect(imported.code, imported.stderr).toBe(0);
      expect(imported.stdout).toContain(`Contactenlijst ingelezen. ${file(`contacten.${format}`)}: 7 regels (${format.toUpperCase()})`);
      expect(await db.school.count()).toBe(2);
      const figures = await cli(["importeer", "ddd", file(`ddd.${format}`), "--schooljaar", "2026-2027"]);
      expect(figures.code, figures.stderr).toBe(0);
      expect(figures.stdout).toContain("DDD-voortgang ingelezen voor schooljaar 2026-2027");
      expect(await db.dddImport.findFirstOrThrow()).toMatchObject({ source: format, fileName: `ddd.${format}`, rows: 4 });
      expect(await db.dddSnapshot.count()).toBe(4);

      // The export per pupil (issue 18) imports back too: five made-up pupils counted, none kept.
      const pupils = await cli(["--json", "sjabloon", "ddd-leerlingen", ...extra, "--out", file(`leerlingen.${format}`)]);
      expect(JSON.parse(pupils.stdout)).toEqual({ ok: true, kind: "ddd-leerlingen", format, file: file(`leerlingen.${format}`), rows: 5 });
      const counted = await cli(["--json", "importeer", "ddd", file(`leerlingen.${format}`), "--schooljaar", "2026-2027"]);
      expect(counted.code, counted.stderr).toBe(0);
      expect(JSON.parse(counted.stdout)).toMatchObject({ ok: true, rows: 5, schools: 2, groups: 2, snapshots: 4, preview: { kind: "leerlingen", format, pupils: { counted: 5, notKept: ["Leerlingnummer", "Naam"], ignored: [] } } });
      const total = await db.dddSnapshot.findFirstOrThrow({ where: { mentorGroup: "", school: { brin: "98VB" } }, orderBy: { version: "desc" } });
      expect(total).toMatchObject({ overstappers: 4, gestart: 3, deelB: 2, afgerond: 1, inBeeld: 2, aangemeld: 3, geplaatst: 1, afgewezen: 1, geenAanmelding: 1, geplaatstMetDdd: 1 });
    });
  }

  it("refuses a template it does not know, naming the ones it has", async () => {
    expect(await cli(["sjabloon", "leerlingen"])).toMatchObject({ code: 2, stderr: expect.stringContaining('Onbekend sjabloon "leerlingen": kies contactenlijst, ddd of ddd-leerlingen') });
  });
});

describe("reading XLSX", () => {
  it("imports a directory workbook as a CSV would, with numbers and links in cells read as text", async () => {
    const target = await writeXlsx("contacten.xlsx", [
      ["email", "naam", "rol", "school_brin", "school_naam", "school_soort", "subregio", "mentorgroep"],
      ["anna@graaf.example", "Anna Aerts", "decaan", "11AB", "Graaf College", "vmbo", "Parkstad"],
      [null, null, null, null, null, null, null, null],
      [{ text: "bert@graaf.example", hyperlink: "mailto:bert@graaf.example" }, "Bert Bemelmans", "mentor", "11AB", null, null, null, 4],
    ]);
    const result = await cli(["--json", "importeer", "contactenlijst", target]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, format: "xlsx", delimiter: null, rows: 2, roles: { added: 2 } });
    expect(await db.person.findUniqueOrThrow({ where: { email: "bert@graaf.example" }, include: { roles: true } })).toMatchObject({ roles: [{ role: "mentor", mentorGroup: "4" }] });
  });

  it("reads DDD figures from a workbook whose rows end early or whose header has formatted empty cells to the right", async () => {
    await cli(["importeer", "contactenlijst", await writeXlsx("c.xlsx", [["email", "naam", "rol", "school_brin", "school_naam", "school_soort", "subregio"], ["anna@graaf.example", "Anna Aerts", "decaan", "11AB", "Graaf College", "vmbo", "Parkstad"]])]);
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Blad1");
    sheet.addRow([...DDD_IMPORT_COLUMNS]);
    sheet.addRow(["11AB", null, 10, 9, 8, 7, 10]);
    sheet.getCell("K1").style = { font: { bold: true } };
    sheet.getColumn(12).width = 30;
    fs.writeFileSync(file("ddd.xlsx"), Buffer.from(await workbook.xlsx.writeBuffer()));
    const result = await cli(["--json", "importeer", "ddd", file("ddd.xlsx"), "--schooljaar", "2026-2027"]);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ ok: true, rows: 1, schools: 1 });
  });

  it("names the spreadsheet's row numbers in errors (empty rows counted) and writes nothing", async () => {
    const target = await writeXlsx(
      "fout.xlsx",
      [
        ["email", "naam", "rol", "school_brin", "school_naam", "school_soort", "subregio"],
        ["anna@graaf.example", "Anna Aerts", "decaan", "11AB", "Graaf College", "vmbo", "Parkstad"],
        ["bert@graaf.example", "Bert Bemelmans", "conciërge"],
      ],
      { skipRows: [3, 4] },
    );
    const result = await cli(["importeer", "contactenlijst", target]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Contactenlijst afgewezen, er is niets veranderd (1 fout):");
    expect(result.stderr).toMatch(/- regel 5: .*conciërge/);
    expect(await db.person.count()).toBe(0);

    const ddd = await writeXlsx("ddd.xlsx", [[...DDD_IMPORT_COLUMNS], [], ["11AB", null, 10, 9, 8, 12, 10]]);
    const figures = await cli(["importeer", "ddd", ddd]);
    expect(figures.code).toBe(1);
    expect(figures.stderr).toContain("- regel 3: ");
    expect(await db.dddImport.count()).toBe(0);
  });

  it("refuses an old .xls workbook and a damaged .xlsx with advice on how to save them", async () => {
    fs.writeFileSync(file("oud.xls"), Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]));
    expect((await cli(["importeer", "contactenlijst", file("oud.xls")])).stderr).toContain("- regel 1: dit is een oud Excel-bestand (.xls); sla het in Excel op als 'Excel-werkmap (.xlsx)'");
    fs.writeFileSync(file("kapot.xlsx"), Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]));
    expect((await cli(["importeer", "ddd", file("kapot.xlsx")])).stderr).toContain("- regel 1: het Excel-bestand kan niet worden gelezen");
  });
});

describe("reading CSV with csv-parse", () => {
  it("names line 10 for a DDD file whose quote on line 10 is never closed (it said 'regel 1: het bestand is leeg')", async () => {
    const lines = [DDD_HEADER, ...Array.from({ length: 8 }, () => "11AB;;10;9;8;7;10"), '11AB;"4A;10;9;8;7;10', "11AB;4B;1;1;1;1;1"];
    fs.writeFileSync(file("quote.csv"), lines.join("\n"));
    const result = await cli(["importeer", "ddd", file("quote.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr.trim().split("\n")).toEqual([
      "Fout (VALIDATION): DDD-import afgewezen: 1 fout, er is niets opgeslagen.",
      '- regel 10: een veld met een aanhalingsteken (") wordt nergens afgesloten',
    ]);
  });

  it("names the line of an unclosed quote in a directory file too", async () => {
    fs.writeFileSync(file("quote.csv"), ["email;naam;rol", "a@x.example;Ann;stuurgroep", "", 'b@x.example;"Bert;stuurgroep', "c@x.example;Cor;stuurgroep"].join("\r\n"));
    const result = await cli(["importeer", "contactenlijst", file("quote.csv")]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('- regel 4: een veld met een aanhalingsteken (") wordt nergens afgesloten');
  });
});

describe("README: Import files", () => {
  it("documents examples that import as they are: contactenlijst, DDD progress (per school and per pupil) and catalogue", async () => {
    const readme = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Import files"), readme.indexOf("## Escalation"));
    const blocks = [...section.matchAll(/```(csv|yaml)\n([\s\S]*?)```/g)].map((m) => m[2]!);
    expect(blocks).toHaveLength(5);
    const [directory, ddd, pupils, , catalogue] = blocks.map((text, i) => {
      const target = file(`readme-${i}.${i >= 3 ? "yaml" : "csv"}`);
      fs.writeFileSync(target, text);
      return target;
    });
    // The mapping excerpt is the bundled file's own lines.
    const bundled = fs.readFileSync(path.join(import.meta.dirname, "..", "..", "src", "data", "overstap-export.yaml"), "utf8");
    for (const line of blocks[3]!.trimEnd().split("\n")) expect(bundled).toContain(line);
    expect(await cli(["importeer", "contactenlijst", directory!])).toMatchObject({ code: 0, stderr: "" });
    expect(await cli(["importeer", "ddd", ddd!, "--schooljaar", "2026-2027"])).toMatchObject({ code: 0, stderr: "" });
    expect(await cli(["importeer", "ddd", pupils!, "--schooljaar", "2026-2027"])).toMatchObject({ code: 0, stderr: "", stdout: expect.stringContaining("Leerlingen geteld:  4") });
    expect(await cli(["importeer", "catalogus", catalogue!, "--proef"])).toMatchObject({ code: 0, stdout: expect.stringContaining("1 activiteit\n") });
  });
});
