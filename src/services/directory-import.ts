import type { Db } from "../db/client.js";
import { IMPORT_TRANSACTION, runInTransaction } from "../db/client.js";
import { applyDirectoryPlan, readDirectoryContext, readDirectoryState } from "../db/directory.js";
import type { CsvDelimiter } from "../domain/csv.js";
import {
  buildDirectoryRecords,
  hasDirectoryChanges,
  planDirectoryImport,
  validateDirectoryRecords,
  type DirectoryImportSummary,
  type DirectoryIssue,
  type DirectoryRecord,
  type DirectorySource,
} from "../domain/directory.js";
import type { Subregio } from "../domain/region.js";
import { readImportFile, readSheetFile, type SheetFormat } from "./sheet-file.js";
import { DEFAULT_REGION_FILE, readRegionFile } from "../config.js";

/**
 * `aanjager importeer contactenlijst FILE.csv|FILE.xlsx` and the demo seed: read, validate every row, diff against
 * the database and apply, all in one transaction. A file with any invalid row is rejected as a
 * whole and nothing is written.
 */

export type DirectoryImportOptions = {
  source?: DirectorySource;
  dryRun?: boolean;
  /** The region's subregio's (config.region.subregios); without them, those of the bundled region Zuid-Limburg. */
  subregios?: readonly Subregio[];
};

let bundledSubregios: readonly Subregio[] | null = null;
/** The bundled region's subregio's, for callers that know no configuration (tests, tools). */
export function findBundledSubregios(): readonly Subregio[] {
  bundledSubregios ??= readRegionFile(DEFAULT_REGION_FILE).subregios;
  return bundledSubregios;
}

export type DirectoryImportReport = {
  ok: true;
  source: DirectorySource;
  dryRun: boolean;
  rows: number;
  /** The file's format; null for records built in code (the demo seed). */
  format: SheetFormat | null;
  delimiter: CsvDelimiter | null;
  /** False when the database already matched the file (a re-import of the same file). */
  changed: boolean;
  schools: { added: number; changed: number };
  organisations: { added: number; changed: number };
  people: { added: number; changed: number; removed: number; unchanged: number };
  roles: { added: number; removed: number; adopted: number; unchanged: number };
  details: DirectoryImportSummary;
};

export type DirectoryImportRejection = { ok: false; rows: number; errors: DirectoryIssue[] };

export type DirectoryImportResult = DirectoryImportReport | DirectoryImportRejection;

/** Reads a CSV or XLSX file and checks its header and cells; the rows are not yet checked against the database. */
export async function readDirectoryFile(content: Uint8Array | string): Promise<{ ok: true; format: SheetFormat; delimiter: CsvDelimiter | null; records: DirectoryRecord[] } | { ok: false; issues: DirectoryIssue[]; rows: number }> {
  const sheet = await readSheetFile(content);
  if (!sheet.ok) return { ok: false, issues: [{ line: sheet.line, reason: sheet.reason }], rows: 0 };
  const { records, issues } = buildDirectoryRecords(sheet.records);
  if (issues.length > 0) return { ok: false, issues, rows: Math.max(0, sheet.records.length - 1) };
  return { ok: true, format: sheet.format, delimiter: sheet.delimiter, records };
}

function toReport(summary: DirectoryImportSummary, input: { source: DirectorySource; dryRun: boolean; rows: number; format: SheetFormat | null; delimiter: CsvDelimiter | null; changed: boolean }): DirectoryImportReport {
  return {
    ok: true,
    ...input,
    schools: { added: summary.schools.added.length, changed: summary.schools.changed.length },
    organisations: { added: summary.organisations.added.length, changed: summary.organisations.changed.length },
    people: { added: summary.people.added.length, changed: summary.people.changed.length, removed: summary.people.removed.length, unchanged: summary.people.unchanged },
    roles: { added: summary.roles.added.length, removed: summary.roles.removed.length, adopted: summary.roles.adopted, unchanged: summary.roles.unchanged },
    details: summary,
  };
}

/** Validates and applies records (from a file or built in code, as the demo seed does). */
export async function importDirectoryRecords(db: Db, records: readonly DirectoryRecord[], options: DirectoryImportOptions & { format?: SheetFormat | null; delimiter?: CsvDelimiter | null } = {}): Promise<DirectoryImportResult> {
  const source = options.source ?? "import";
  const dryRun = options.dryRun ?? false;
  return runInTransaction(db, async (tx) => {
    const validated = validateDirectoryRecords(records, { ...(await readDirectoryContext(tx)), subregios: options.subregios ?? findBundledSubregios() });
    if (!validated.ok) return { ok: false, rows: records.length, errors: validated.issues };
    const { people } = validated.directory;
    const current = await readDirectoryState(tx, { emails: people.map((p) => p.email), aadObjectIds: people.flatMap((p) => (p.aadObjectId ? [p.aadObjectId] : [])), source });
    const planned = planDirectoryImport(current, validated.directory, source);
    if (!planned.ok) return { ok: false, rows: records.length, errors: planned.issues };
    const changed = hasDirectoryChanges(planned.plan);
    if (changed && !dryRun) await applyDirectoryPlan(tx, planned.plan, source);
    return toReport(planned.plan.summary, { source, dryRun, rows: records.length, format: options.format ?? null, delimiter: options.delimiter ?? null, changed });
  }, IMPORT_TRANSACTION);
}

/** A directory file's content (CSV text, or the bytes of a CSV or XLSX file): all of it or nothing. */
export async function importDirectoryData(db: Db, content: Uint8Array | string, options: DirectoryImportOptions = {}): Promise<DirectoryImportResult> {
  const parsed = await readDirectoryFile(content);
  if (!parsed.ok) return { ok: false, rows: parsed.rows, errors: parsed.issues };
  return importDirectoryRecords(db, parsed.records, { ...options, format: parsed.format, delimiter: parsed.delimiter });
}

export async function importDirectoryFile(db: Db, path: string, options: DirectoryImportOptions = {}): Promise<DirectoryImportResult> {
  return importDirectoryData(db, await readImportFile(path), options);
}
