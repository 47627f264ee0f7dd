import { readFile } from "node:fs/promises";
import type { Db } from "../db/client.js";
import { IMPORT_TRANSACTION, runInTransaction } from "../db/client.js";
import { applyDirectoryPlan, readDirectoryContext, readDirectoryState } from "../db/directory.js";
import { parseCsv, type CsvDelimiter } from "../domain/csv.js";
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
import { AppError } from "../errors.js";

/**
 * `aanjager import directory FILE.csv` and the demo seed: read, validate every row, diff against
 * the database and apply, all in one transaction. A file with any invalid row is rejected as a
 * whole and nothing is written.
 */

export type DirectoryImportOptions = { source?: DirectorySource; dryRun?: boolean };

export type DirectoryImportReport = {
  ok: true;
  source: DirectorySource;
  dryRun: boolean;
  rows: number;
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

/** Decodes the file as UTF-8 (a BOM is allowed); anything else is rejected with advice on how to save it. */
export function decodeDirectoryFile(bytes: Uint8Array): { ok: true; text: string } | { ok: false; issue: DirectoryIssue } {
  try {
    return { ok: true, text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    return { ok: false, issue: { line: 1, reason: "het bestand is geen UTF-8; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)'" } };
  }
}

export function parseDirectoryCsv(text: string): { ok: true; delimiter: CsvDelimiter; records: DirectoryRecord[] } | { ok: false; issues: DirectoryIssue[]; rows: number } {
  const csv = parseCsv(text);
  if (!csv.ok) return { ok: false, issues: [{ line: csv.line, reason: csv.reason }], rows: 0 };
  const { records, issues } = buildDirectoryRecords(csv.records);
  if (issues.length > 0) return { ok: false, issues, rows: Math.max(0, csv.records.length - 1) };
  return { ok: true, delimiter: csv.delimiter, records };
}

function toReport(summary: DirectoryImportSummary, input: { source: DirectorySource; dryRun: boolean; rows: number; delimiter: CsvDelimiter | null; changed: boolean }): DirectoryImportReport {
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

/** Validates and applies records (from a CSV or built in code, as the demo seed does). */
export async function importDirectoryRecords(db: Db, records: readonly DirectoryRecord[], options: DirectoryImportOptions & { delimiter?: CsvDelimiter | null } = {}): Promise<DirectoryImportResult> {
  const source = options.source ?? "import";
  const dryRun = options.dryRun ?? false;
  return runInTransaction(db, async (tx) => {
    const validated = validateDirectoryRecords(records, await readDirectoryContext(tx));
    if (!validated.ok) return { ok: false, rows: records.length, errors: validated.issues };
    const { people } = validated.directory;
    const current = await readDirectoryState(tx, { emails: people.map((p) => p.email), aadObjectIds: people.flatMap((p) => (p.aadObjectId ? [p.aadObjectId] : [])), source });
    const planned = planDirectoryImport(current, validated.directory, source);
    if (!planned.ok) return { ok: false, rows: records.length, errors: planned.issues };
    const changed = hasDirectoryChanges(planned.plan);
    if (changed && !dryRun) await applyDirectoryPlan(tx, planned.plan, source);
    return toReport(planned.plan.summary, { source, dryRun, rows: records.length, delimiter: options.delimiter ?? null, changed });
  }, IMPORT_TRANSACTION);
}

export async function importDirectoryCsv(db: Db, input: Uint8Array | string, options: DirectoryImportOptions = {}): Promise<DirectoryImportResult> {
  const decoded = typeof input === "string" ? { ok: true as const, text: input } : decodeDirectoryFile(input);
  if (!decoded.ok) return { ok: false, rows: 0, errors: [decoded.issue] };
  const parsed = parseDirectoryCsv(decoded.text);
  if (!parsed.ok) return { ok: false, rows: parsed.rows, errors: parsed.issues };
  return importDirectoryRecords(db, parsed.records, { ...options, delimiter: parsed.delimiter });
}

export async function importDirectoryFile(db: Db, path: string, options: DirectoryImportOptions = {}): Promise<DirectoryImportResult> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (error) {
    throw new AppError("CLI_USAGE", `Bestand '${path}' kan niet worden gelezen (cannot read file)`, { cause: error });
  }
  return importDirectoryCsv(db, bytes, options);
}
