/**
 * Benchmark: `aanjager importeer ddd` on the overstap system's export per pupil (issue 18). A
 * region's year of overstappers (Zuid-Limburg has some 4,000; 5,000 here, BENCH_QUICK 1,000) over
 * 40 schools with three mentor groups each, as CSV and as XLSX, counted and stored as counts on a
 * fresh migrated SQLite file per run; and the dry run. Times the service the CLI calls (decode,
 * parse, map, count, one transaction). Must stay under 3 s per file. Prints one JSON line.
 * Run: npx tsx tests/bench/ddd-pupil-import.ts [runs]
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { importDddFile } from "../../src/services/ddd/import.js";

const PUPILS = process.env.BENCH_QUICK ? 1000 : 5000;
const SCHOOLS = 40;
const LIMIT_MS = 3000;
const runs = Number(process.argv[2] ?? 3);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-pupils-"));
const template = path.join(dir, "template.db");
await migrateDatabase(template);
const brin = (i: number) => `9${i % 10}P${String.fromCharCode(65 + Math.floor(i / 10))}`;

async function freshDb(name: string): Promise<Db> {
  const file = path.join(dir, `${name}.db`);
  fs.copyFileSync(template, file);
  const db = await createDb(file);
  await configureDb(db);
  await db.school.createMany({ data: Array.from({ length: SCHOOLS }, (_, i) => ({ brin: brin(i), naam: `School ${i}`, soort: "vmbo" })) });
  return db;
}

const DDD = ["niet gestart", "deel A", "deel B", "akkoord", "afgerond", "verzonden"];
const AANMELDING = ["geen aanmelding", "aangemeld", "toegelaten", "voorlopig geplaatst", "geplaatst", "afgewezen", "gestart", "zomerlek"];
const header = ["Leerlingnummer", "Naam", "Geboortedatum", "BRIN", "Klas", "DDD-status", "Aanmeldstatus", "Instelling", "Opleiding"];
const rows = Array.from({ length: PUPILS }, (_, i) => [String(7_000_000 + i), `Leerling ${i}`, "01-01-2010", brin(i % SCHOOLS), `4${"ABC"[i % 3]}`, DDD[i % DDD.length]!, AANMELDING[i % AANMELDING.length]!, i % 3 ? "Mbo" : "", ""]);
const csv = [header, ...rows].map((r) => r.join(";")).join("\r\n");
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet("Leerlingen");
for (const row of [header, ...rows]) sheet.addRow(row);
const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer());

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await fn();
  return { ms: performance.now() - start, value };
}
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

const results = { csv: [] as number[], xlsx: [] as number[], dryRun: [] as number[] };
let snapshots = 0;
let counted = 0;
for (let run = 0; run < runs; run++) {
  for (const [format, content] of [["csv", csv], ["xlsx", xlsx]] as const) {
    const db = await freshDb(`${format}-${run}`);
    const input = { content, fileName: `export.${format}`, schoolYear: "2026-2027", operator: "bench", now: new Date() };
    const dry = await time(() => importDddFile(db, { ...input, dryRun: true }));
    if (format === "csv") results.dryRun.push(dry.ms);
    const imported = await time(() => importDddFile(db, input));
    if (!imported.value.ok) throw new Error(`the generated file was rejected: ${JSON.stringify(imported.value.issues.slice(0, 3))}`);
    results[format].push(imported.ms);
    counted = imported.value.preview.pupils?.counted ?? 0;
    snapshots = await db.dddSnapshot.count();
    await db.$disconnect();
  }
}
fs.rmSync(dir, { recursive: true, force: true });

const worst = Math.max(...results.csv, ...results.xlsx);
const ok = worst < LIMIT_MS && counted === PUPILS && snapshots === SCHOOLS * 4;
console.log(
  JSON.stringify({
    benchmark: "ddd-pupil-import",
    pupils: PUPILS,
    schools: SCHOOLS,
    runs,
    csvImportMsMedian: round(median(results.csv)),
    xlsxImportMsMedian: round(median(results.xlsx)),
    dryRunMsMedian: round(median(results.dryRun)),
    importMsMax: round(worst),
    limitMs: LIMIT_MS,
    counted,
    snapshots,
    ok,
  }),
);
process.exitCode = ok ? 0 : 1;
