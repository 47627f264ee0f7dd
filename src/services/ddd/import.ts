import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { DEFAULT_OVERSTAP_EXPORT_FILE, readOverstapExportFile } from "../../config.js";
import { projectRoot } from "../../project-root.js";
import { IMPORT_TRANSACTION, runInTransaction, type Db } from "../../db/client.js";
import { appendDddSnapshots, createDddImport, listMentorGroups, mapSchoolIdsByBrin, type NewSnapshot } from "../../db/ddd.js";
import {
  checkFigureConsistency,
  checkOverstapConsistency,
  countPupilExport,
  DDD_FIGURE_FIELDS,
  DDD_FIGURE_LABELS,
  findPupilExportHeader,
  NO_OVERSTAP_COUNTS,
  OVERSTAP_COUNT_FIELDS,
  OVERSTAP_COUNT_LABELS,
  parseCount,
  parseLabelledCount,
  sumFigures,
  type DddFigureField,
  type DddFigures,
  type OverstapCountField,
  type OverstapCounts,
  type OverstapExportMapping,
  type PupilExportCount,
  type UnmappedStatus,
} from "../../domain/ddd/index.js";
import { IMPORT_BSN_ISSUE, normalizeBrin } from "../../domain/directory.js";
import { containsBsn } from "../../domain/free-text.js";
import type { CsvRecord } from "../../domain/csv.js";
import { readSheetFile, type SheetFormat } from "../sheet-file.js";

/**
 * `aanjager importeer ddd FILE.csv|FILE.xlsx`: the weekly export from the region's overstap system. The file is
 * checked completely before anything is written; one bad row rejects the whole file with every
 * bad line number and the reason in Dutch, and the database stays as it was. An accepted file
 * becomes one snapshot per school total and per mentor group (history is never overwritten).
 *
 * Rules beyond the per-row number rules (see domain/ddd/figures.ts):
 * - every BRIN must be a known school; a (school, mentor group) pair may occur once;
 * - the mentor groups of a school may not add up to more than the school total on its own row;
 * - a school with only mentor group rows gets a total that is the sum of its groups;
 * - the optional columns of the overstap year (DDD_IMPORT_COUNT_COLUMNS) follow
 *   checkOverstapConsistency; an empty cell is "not reported", as a missing column is.
 *
 * The same command also takes the overstap system's own export, one row per pupil (recognised by
 * its header, read through the mapping file; see domain/ddd/pupil-counts.ts): it is counted in
 * memory and only the counts are stored, through the same snapshots.
 */
export const DDD_IMPORT_COLUMNS = ["school_brin", "mentorgroep", "overstappers", "ddd_gestart", "ddd_deel_b", "ddd_afgerond", "in_beeld"] as const;

/** Optional columns of the aggregate file: the overstap year's counts (issue 18). */
export const DDD_IMPORT_COUNT_COLUMNS: Record<string, OverstapCountField> = {
  aangemeld: "aangemeld",
  geplaatst: "geplaatst",
  afgewezen: "afgewezen",
  geen_aanmelding: "geenAanmelding",
  geplaatst_met_ddd: "geplaatstMetDdd",
  mbo_gestart: "mboGestart",
  niet_gestart: "nietGestart",
  zomerlek: "zomerlek",
};
const COUNT_COLUMN_NAMES = Object.keys(DDD_IMPORT_COUNT_COLUMNS);


/** Large enough for every school and group of a region many times over; larger is a wrong file. */
export const MAX_DDD_IMPORT_ROWS = 20_000;

export type DddImportIssue = { line: number; message: string };

export type DddImportRow = { line: number; brin: string; schoolId: number; mentorGroup: string; figures: DddFigures; counts: OverstapCounts };

const countCell = (field: DddFigureField) =>
  z.string().transform((value, ctx) => {
    const parsed = parseCount(value, field);
    if (!parsed.ok) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.issue.message });
      return z.NEVER;
    }
    return parsed.value;
  });

const rowSchema = z.object({
  // Normalised as the contactenlijst does (spaces out, upper case), and like it a six-character
  // vestigingscode is a school too, so every school the directory knows can get figures.
  school_brin: z
    .string()
    .transform(normalizeBrin)
    .refine((v) => v !== "", "school_brin is leeg")
    .refine((v) => v === "" || /^\d{2}[A-Z0-9]{2}(\d{2})?$/.test(v), (v) => ({ message: `'${v.slice(0, 12)}' is geen BRIN-code (twee cijfers en twee tekens, bijvoorbeeld 12AB, of een vestigingscode zoals 12AB00)` })),
  mentorgroep: z
    .string()
    .trim()
    .transform((v) => v.replace(/\s+/g, " "))
    .refine((v) => v.length <= 40, "mentorgroep is langer dan 40 tekens")
    .refine((v) => !containsBsn(v), IMPORT_BSN_ISSUE("mentorgroep"))
    .refine((v) => /^[\p{L}\p{N} ._\-/]*$/u.test(v), "mentorgroep bevat tekens die niet in een groepsnaam horen"),
  overstappers: countCell("overstappers"),
  ddd_gestart: countCell("gestart"),
  ddd_deel_b: countCell("deelB"),
  ddd_afgerond: countCell("afgerond"),
  in_beeld: countCell("inBeeld"),
});

function toFigures(row: z.infer<typeof rowSchema>): DddFigures {
  return { overstappers: row.overstappers, gestart: row.ddd_gestart, deelB: row.ddd_deel_b, afgerond: row.ddd_afgerond, inBeeld: row.in_beeld };
}

/** A file's records (header first) as a header of trimmed, lower-cased names and rows of cells. */
function toTable(records: readonly CsvRecord[]) {
  const [first, ...rest] = records;
  return {
    header: first ? first.fields.map((h) => h.trim().toLowerCase()) : [],
    headerLine: first?.line ?? 1,
    rows: rest.map((r) => ({ line: r.line, cells: r.fields.map((c) => c.trim()) })),
  };
}

/** The overstap counts of an aggregate row: a column that is missing or a cell that is empty is "not reported" (null). */
function readCountCells(record: Record<string, string>): { value: OverstapCounts; issues: string[] } {
  const value: OverstapCounts = { ...NO_OVERSTAP_COUNTS };
  const issues: string[] = [];
  for (const [column, field] of Object.entries(DDD_IMPORT_COUNT_COLUMNS)) {
    const cell = record[column];
    if (cell === undefined || cell === "") continue;
    const parsed = parseLabelledCount(cell, column);
    if (parsed.ok) value[field] = parsed.value;
    else issues.push(parsed.message);
  }
  return { value, issues };
}

/** Counts of mentor groups into a school total; a count that one group did not report is not reported for the school either. */
function sumCounts(list: readonly OverstapCounts[]): OverstapCounts {
  const total: OverstapCounts = { ...NO_OVERSTAP_COUNTS };
  for (const field of OVERSTAP_COUNT_FIELDS) {
    const values = list.map((c) => c[field]);
    total[field] = values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + b!, 0);
  }
  return total;
}

/**
 * Checks a whole file (its records, read from CSV or XLSX by services/sheet-file.ts) against the
 * known schools. Pure apart from the lookups it is given, so it is tested without a database.
 * Issues are sorted by line number.
 */
export function validateDddImport(
  records: readonly CsvRecord[],
  lookups: { schoolIdsByBrin: ReadonlyMap<string, number>; mentorGroupSpelling?: (schoolId: number, group: string) => string },
): { ok: true; rows: DddImportRow[]; derivedTotals: number } | { ok: false; issues: DddImportIssue[] } {
  const table = toTable(records);
  const issues: DddImportIssue[] = [];
  if (table.header.length === 0) return { ok: false, issues: [{ line: 1, message: "het bestand is leeg" }] };
  const missing = DDD_IMPORT_COLUMNS.filter((c) => !table.header.includes(c));
  const unknown = table.header.filter((h) => !(DDD_IMPORT_COLUMNS as readonly string[]).includes(h) && !COUNT_COLUMN_NAMES.includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length > 0 ? `ontbrekende kolommen: ${missing.join(", ")}` : null, unknown.length > 0 ? `onbekende kolommen: ${unknown.map((u) => u || "(leeg)").join(", ")}` : null].filter(Boolean);
    return { ok: false, issues: [{ line: table.headerLine, message: `kopregel klopt niet (${parts.join("; ")}); verwacht ${DDD_IMPORT_COLUMNS.join(";")}${unknown.length > 0 ? ` (en naar keuze ${COUNT_COLUMN_NAMES.join(";")})` : ""}` }] };
  }
  if (table.rows.length === 0) return { ok: false, issues: [{ line: table.headerLine, message: "het bestand bevat geen regels met cijfers" }] };
  if (table.rows.length > MAX_DDD_IMPORT_ROWS) return { ok: false, issues: [{ line: table.headerLine, message: `het bestand heeft ${table.rows.length} regels, meer dan de ${MAX_DDD_IMPORT_ROWS} die een regio kan hebben` }] };

  const rows: DddImportRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of table.rows) {
    if (cells.length !== table.header.length) {
      issues.push({ line, message: `${cells.length} kolommen, verwacht ${table.header.length} (gebruik overal hetzelfde scheidingsteken als in de kopregel)` });
      continue;
    }
    const record = Object.fromEntries(table.header.map((h, i) => [h, cells[i]!]));
    // Duplicates are judged on the raw cells, so a duplicate of a bad row is reported too.
    const rawBrin = normalizeBrin(record.school_brin ?? "");
    const rawGroup = (record.mentorgroep ?? "").trim().replace(/\s+/g, " ");
    const dedupeKey = `${rawBrin}|${rawGroup.toUpperCase()}`;
    const earlier = seen.get(dedupeKey);
    if (earlier === undefined) seen.set(dedupeKey, line);
    const duplicate = earlier !== undefined ? `dubbele regel voor ${rawGroup ? `mentorgroep ${rawGroup} van ` : "het schooltotaal van "}${rawBrin} (ook op regel ${earlier})` : null;
    const parsed = rowSchema.safeParse(record);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) issues.push({ line, message: issue.message });
      if (duplicate) issues.push({ line, message: duplicate });
      continue;
    }
    const figures = toFigures(parsed.data);
    const counts = readCountCells(record);
    const rowIssues = [...checkFigureConsistency(figures).map((i) => i.message), ...counts.issues];
    if (counts.issues.length === 0) rowIssues.push(...checkOverstapConsistency(figures.overstappers, counts.value).map((i) => i.message));
    const brin = parsed.data.school_brin;
    const schoolId = lookups.schoolIdsByBrin.get(brin);
    if (schoolId === undefined) rowIssues.push(`onbekende school (BRIN ${brin}): voeg de school eerst toe aan de contactenlijst`);
    if (duplicate) rowIssues.push(duplicate);
    for (const message of rowIssues) issues.push({ line, message });
    if (rowIssues.length === 0 && schoolId !== undefined) {
      const mentorGroup = parsed.data.mentorgroep && lookups.mentorGroupSpelling ? lookups.mentorGroupSpelling(schoolId, parsed.data.mentorgroep) : parsed.data.mentorgroep;
      rows.push({ line, brin, schoolId, mentorGroup, figures, counts: counts.value });
    }
  }

  // Mentor groups against the school total on its own row.
  let derivedTotals = 0;
  const bySchool = new Map<number, DddImportRow[]>();
  for (const row of rows) bySchool.set(row.schoolId, [...(bySchool.get(row.schoolId) ?? []), row]);
  for (const [schoolId, schoolRows] of bySchool) {
    const total = schoolRows.find((r) => r.mentorGroup === "");
    const groups = schoolRows.filter((r) => r.mentorGroup !== "");
    if (groups.length === 0) continue;
    const sum = sumFigures(groups.map((g) => g.figures));
    if (!total) {
      rows.push({ line: groups[0]!.line, brin: groups[0]!.brin, schoolId, mentorGroup: "", figures: sum, counts: sumCounts(groups.map((g) => g.counts)) });
      derivedTotals++;
      continue;
    }
    for (const field of DDD_FIGURE_FIELDS) {
      if (sum[field] > total.figures[field]) {
        issues.push({
          line: total.line,
          message: `de mentorgroepen van ${total.brin} tellen samen op tot ${sum[field]} ${DDD_FIGURE_LABELS[field]}, meer dan het schooltotaal (${total.figures[field]}) op deze regel`,
        });
      }
    }
    for (const field of OVERSTAP_COUNT_FIELDS) {
      const schoolValue = total.counts[field];
      const reported = groups.map((g) => g.counts[field]).filter((v): v is number => v !== null);
      const groupSum = reported.reduce((a, b) => a + b, 0);
      if (schoolValue !== null && groupSum > schoolValue) {
        issues.push({ line: total.line, message: `de mentorgroepen van ${total.brin} tellen samen op tot ${groupSum} ${OVERSTAP_COUNT_LABELS[field]}, meer dan het schooltotaal (${schoolValue}) op deze regel` });
      }
    }
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  return { ok: true, rows, derivedTotals };
}

/** What a file holds, as it would be stored: per school its total and its mentor groups. */
export type DddImportPreview = {
  /** "scholen": the aggregate file (counts per school or group); "leerlingen": the overstap system's export per pupil. */
  kind: "scholen" | "leerlingen";
  format: SheetFormat;
  schools: { brin: string; figures: DddFigures; counts: OverstapCounts; derivedTotal: boolean; groups: { mentorGroup: string; figures: DddFigures; counts: OverstapCounts }[] }[];
  /** Only for a per-pupil file: what was read, and how. Never a cell of a pupil, only counts, headers and status words. */
  pupils?: { counted: number; skipped: number; columns: PupilExportCount["columns"]; notKept: string[]; ignored: string[]; unmapped: UnmappedStatus[] };
};

export type DddImportResult =
  | { ok: true; dryRun: boolean; importId: number | null; schoolYear: string; rows: number; schools: number; groups: number; derivedTotals: number; snapshots: number; preview: DddImportPreview }
  | { ok: false; issues: DddImportIssue[]; preview?: DddImportPreview };

type Lookups = { schoolIdsByBrin: ReadonlyMap<string, number>; mentorGroupSpelling?: (schoolId: number, group: string) => string };
export type OverstapExportSetting = { file: string; mapping: OverstapExportMapping };

// The bundled mapping, read once, for callers without a configuration (tests, benchmarks, the demo).
let bundledMapping: OverstapExportSetting | undefined;
function readBundledMapping(): OverstapExportSetting {
  bundledMapping ??= { file: DEFAULT_OVERSTAP_EXPORT_FILE, mapping: readOverstapExportFile(DEFAULT_OVERSTAP_EXPORT_FILE) };
  return bundledMapping;
}

/** The counts of a per-pupil export as the rows an aggregate file would have had: a total per school and a row per group. */
function validatePupilExport(records: readonly CsvRecord[], lookups: Lookups, setting: OverstapExportSetting): { counted: PupilExportCount; rows: DddImportRow[] } {
  const counted = countPupilExport(records, setting.mapping, {
    isKnownBrin: (brin) => lookups.schoolIdsByBrin.has(brin),
    mappingName: describeMappingFile(setting.file),
    headerHint: `cijfers per school hebben de kopregel ${DDD_IMPORT_COLUMNS.join(";")}`,
  });
  const rows = counted.schools.flatMap((school) => {
    const schoolId = lookups.schoolIdsByBrin.get(school.brin)!;
    const spell = (group: string) => lookups.mentorGroupSpelling?.(schoolId, group) ?? group;
    return [
      { line: school.line, brin: school.brin, schoolId, mentorGroup: "", figures: school.figures, counts: school.counts },
      ...school.groups.map((g) => ({ line: g.line, brin: school.brin, schoolId, mentorGroup: spell(g.mentorGroup), figures: g.figures, counts: g.counts })),
    ];
  });
  return { counted, rows };
}

/** The mapping file as the beheerder finds it: relative to the project when it is the bundled one. */
function describeMappingFile(file: string): string {
  const relative = path.relative(projectRoot, file);
  return relative.startsWith("..") || path.isAbsolute(relative) ? file : relative;
}

function buildPreview(kind: DddImportPreview["kind"], format: SheetFormat, rows: readonly (DddImportRow & { derived?: boolean })[], counted?: PupilExportCount): DddImportPreview {
  const schools = new Map<number, DddImportPreview["schools"][number]>();
  for (const row of rows) {
    const school = schools.get(row.schoolId) ?? { brin: row.brin, figures: row.figures, counts: row.counts, derivedTotal: false, groups: [] };
    if (row.mentorGroup === "") Object.assign(school, { figures: row.figures, counts: row.counts, derivedTotal: row.derived === true });
    else school.groups.push({ mentorGroup: row.mentorGroup, figures: row.figures, counts: row.counts });
    schools.set(row.schoolId, school);
  }
  const preview: DddImportPreview = { kind, format, schools: [...schools.values()] };
  if (counted) preview.pupils = { counted: counted.pupils, skipped: counted.skipped, columns: counted.columns, notKept: counted.notKept, ignored: counted.ignored, unmapped: counted.unmapped };
  return preview;
}

/**
 * Reads the file (CSV or XLSX, per school or per pupil), validates it and, only when the whole
 * file is good and it is no dry run, writes it in one transaction. A per-pupil file is read in
 * memory: its rows are counted and dropped, and only the counts reach the database.
 */
export async function importDddFile(
  db: Db,
  input: { content: Uint8Array | string; fileName: string; schoolYear: string; operator: string | null; now: Date; dryRun?: boolean; overstapExport?: OverstapExportSetting },
): Promise<DddImportResult> {
  const sheet = await readSheetFile(input.content);
  if (!sheet.ok) return { ok: false, issues: [{ line: sheet.line, message: sheet.reason }] };
  const schoolIdsByBrin = await mapSchoolIdsByBrin(db);
  const spelling = new Map((await listMentorGroups(db)).map((r) => [`${r.schoolId}|${r.mentorGroup.toUpperCase()}`, r.mentorGroup]));
  const lookups: Lookups = {
    schoolIdsByBrin,
    // Use the directory's spelling of a group ("4A" for "4a"), so figures and mentors meet.
    mentorGroupSpelling: (schoolId, group) => spelling.get(`${schoolId}|${group.toUpperCase()}`) ?? group,
  };
  const setting = input.overstapExport ?? readBundledMapping();
  let rows: (DddImportRow & { derived?: boolean })[];
  let fileRows: number;
  let derivedTotals = 0;
  let preview: DddImportPreview;
  // A per-pupil export has none of the aggregate file's own columns and a school column the mapping
  // knows (a missing DDD status column is then reported as the per-pupil file's problem).
  const pupilHeader = findPupilExportHeader(sheet.records, setting.mapping, DDD_IMPORT_COLUMNS.filter((c) => c !== "mentorgroep"));
  if (pupilHeader >= 0) {
    const pupils = validatePupilExport(sheet.records.slice(pupilHeader), lookups, setting);
    preview = buildPreview("leerlingen", sheet.format, pupils.rows, pupils.counted);
    if (pupils.counted.issues.length > 0) return { ok: false, issues: pupils.counted.issues, preview };
    rows = pupils.rows;
    fileRows = pupils.counted.pupils + pupils.counted.skipped;
  } else {
    const validation = validateDddImport(sheet.records, lookups);
    if (!validation.ok) return validation;
    derivedTotals = validation.derivedTotals;
    // The derived totals are the last rows (validateDddImport appends them).
    rows = validation.rows.map((r, i) => ({ ...r, derived: i >= validation.rows.length - derivedTotals }));
    fileRows = validation.rows.length - derivedTotals;
    preview = buildPreview("scholen", sheet.format, rows);
  }
  const summary = { schoolYear: input.schoolYear, rows: fileRows, schools: new Set(rows.map((r) => r.schoolId)).size, groups: rows.filter((r) => r.mentorGroup !== "").length, derivedTotals, preview };
  if (input.dryRun) return { ok: true, dryRun: true, importId: null, snapshots: 0, ...summary };
  const sha256 = createHash("sha256").update(input.content).digest("hex");
  const snapshots: NewSnapshot[] = rows.map((r) => ({ schoolId: r.schoolId, mentorGroup: r.mentorGroup, source: "import", ...r.figures, ...r.counts }));
  const result = await runInTransaction(db, async (tx) => {
    const importId = await createDddImport(tx, { schoolYear: input.schoolYear, fileName: input.fileName, sha256, rows: fileRows, operator: input.operator, source: sheet.format, importedAt: input.now });
    const written = await appendDddSnapshots(tx, input.schoolYear, snapshots, { importId, recordedAt: input.now });
    return { importId, written };
  }, IMPORT_TRANSACTION);
  return { ok: true, dryRun: false, importId: result.importId, snapshots: result.written, ...summary };
}

/** The Dutch rejection text the CLI prints: every bad line, in order. */
export function formatImportIssues(issues: readonly DddImportIssue[]): string {
  return [`DDD-import afgewezen: ${issues.length} ${issues.length === 1 ? "fout" : "fouten"}, er is niets opgeslagen.`, ...issues.map((i) => `- regel ${i.line}: ${i.message}`)].join("\n");
}
