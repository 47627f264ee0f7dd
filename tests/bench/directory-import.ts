/**
 * Benchmark: `aanjager import directory` on a generated 500-row file must take under 2 s, and a
 * 500-row file with one bad row must be rejected with that row's number and nothing written.
 * Times the service the CLI calls (decode, parse, validate, diff, one transaction) on a fresh
 * migrated SQLite file per run, the catalogue loaded; the same rows as an Excel workbook too.
 * Prints one JSON line.
 * Run: npx tsx tests/bench/directory-import.ts [runs]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { parseCsv } from "../../src/domain/csv.js";
import { ensureCatalogue } from "../../src/services/catalogue.js";
import { importDirectoryData } from "../../src/services/directory-import.js";
import { buildDirectoryCsv } from "../support/directory-file.js";

const ROWS = 500;
const BAD_LINE = 321;
const LIMIT_MS = 2000;
const runs = Number(process.argv[2] ?? 5);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-"));
const template = path.join(dir, "template.db");
await migrateDatabase(template);

async function freshDb(name: string): Promise<Db> {
  const file = path.join(dir, `${name}.db`);
  fs.copyFileSync(template, file);
  const db = await createDb(file);
  await configureDb(db);
  await ensureCatalogue(db, new Date());
  return db;
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

const good = new TextEncoder().encode(buildDirectoryCsv(ROWS, { bom: true }));
const bad = new TextEncoder().encode(buildDirectoryCsv(ROWS, { badLine: BAD_LINE }));

/** The good file as the XLSX a school would save from Excel: same rows, first sheet. */
async function toXlsx(csv: string): Promise<Uint8Array> {
  const parsed = parseCsv(csv);
  if (!parsed.ok) throw new Error(parsed.reason);
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("Contactenlijst");
  for (const record of parsed.records) sheet.addRow(record.fields);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
const goodXlsx = await toXlsx(buildDirectoryCsv(ROWS));

const imports: number[] = [];
const xlsxImports: number[] = [];
const reimports: number[] = [];
const rejections: number[] = [];
let rejectedLines: number[] = [];
let nothingWritten = true;
let importedRoles = 0;
let reimportChanged = true;

for (let run = 0; run < runs; run++) {
  const db = await freshDb(`run-${run}`);
  const rejected = await time(() => importDirectoryData(db, bad));
  rejections.push(rejected.ms);
  if (rejected.value.ok) throw new Error("the file with a bad row was accepted");
  rejectedLines = [...new Set(rejected.value.errors.map((e) => e.line))];
  nothingWritten &&= (await db.person.count()) === 0 && (await db.roleAssignment.count()) === 0 && (await db.school.count()) === 0;

  const first = await time(() => importDirectoryData(db, good));
  if (!first.value.ok) throw new Error(`the generated file was rejected: ${JSON.stringify(first.value.errors.slice(0, 3))}`);
  imports.push(first.ms);
  importedRoles = await db.roleAssignment.count();

  const again = await time(() => importDirectoryData(db, good));
  reimports.push(again.ms);
  reimportChanged = again.value.ok && again.value.changed;
  await db.$disconnect();

  const xlsxDb = await freshDb(`xlsx-${run}`);
  const fromXlsx = await time(() => importDirectoryData(xlsxDb, goodXlsx));
  if (!fromXlsx.value.ok || fromXlsx.value.roles.added !== ROWS) throw new Error("the XLSX file was not imported whole");
  xlsxImports.push(fromXlsx.ms);
  await xlsxDb.$disconnect();
}
fs.rmSync(dir, { recursive: true, force: true });

const importMs = median(imports);
console.log(
  JSON.stringify({
    benchmark: "directory-import",
    rows: ROWS,
    runs,
    importMsMedian: round(importMs),
    importMsMax: round(Math.max(...imports)),
    reimportMsMedian: round(median(reimports)),
    xlsxImportMsMedian: round(median(xlsxImports)),
    xlsxImportMsMax: round(Math.max(...xlsxImports)),
    rejectMsMedian: round(median(rejections)),
    limitMs: LIMIT_MS,
    importedRoles,
    reimportChanged,
    badLine: BAD_LINE,
    rejectedLines,
    nothingWritten,
    ok: Math.max(...imports) < LIMIT_MS && Math.max(...xlsxImports) < LIMIT_MS && importedRoles === ROWS && !reimportChanged && rejectedLines.length === 1 && rejectedLines[0] === BAD_LINE && nothingWritten,
  }),
);
