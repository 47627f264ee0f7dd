import { createHash } from "node:crypto";
import { z } from "zod";
import { IMPORT_TRANSACTION, runInTransaction, type Db } from "../../db/client.js";
import { appendDddSnapshots, createDddImport, listMentorGroups, mapSchoolIdsByBrin, type NewSnapshot } from "../../db/ddd.js";
import { checkFigureConsistency, DDD_FIGURE_FIELDS, DDD_FIGURE_LABELS, parseCount, sumFigures, type DddFigureField, type DddFigures } from "../../domain/ddd/index.js";
import { IMPORT_BSN_ISSUE, normalizeBrin } from "../../domain/directory.js";
import { containsBsn } from "../../domain/free-text.js";
import type { CsvRecord } from "../../domain/csv.js";
import { readSheetFile } from "../sheet-file.js";

/**
 * `aanjager importeer ddd FILE.csv|FILE.xlsx`: the weekly export from the region's overstap system. The file is
 * checked completely before anything is written; one bad row rejects the whole file with every
 * bad line number and the reason in Dutch, and the database stays as it was. An accepted file
 * becomes one snapshot per school total and per mentor group (history is never overwritten).
 *
 * Rules beyond the per-row number rules (see domain/ddd/figures.ts):
 * - every BRIN must be a known school; a (school, mentor group) pair may occur once;
 * - the mentor groups of a school may not add up to more than the school total on its own row;
 * - a school with only mentor group rows gets a total that is the sum of its groups.
 */
export const DDD_IMPORT_COLUMNS = ["school_brin", "mentorgroep", "overstappers", "ddd_gestart", "ddd_deel_b", "ddd_afgerond", "in_beeld"] as const;


/** Large enough for every school and group of a region many times over; larger is a wrong file. */
export const MAX_DDD_IMPORT_ROWS = 20_000;

export type DddImportIssue = { line: number; message: string };

export type DddImportRow = { line: number; brin: string; schoolId: number; mentorGroup: string; figures: DddFigures };

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
  const unknown = table.header.filter((h) => !(DDD_IMPORT_COLUMNS as readonly string[]).includes(h));
  if (missing.length > 0 || unknown.length > 0) {
    const parts = [missing.length > 0 ? `ontbrekende kolommen: ${missing.join(", ")}` : null, unknown.length > 0 ? `onbekende kolommen: ${unknown.map((u) => u || "(leeg)").join(", ")}` : null].filter(Boolean);
    return { ok: false, issues: [{ line: table.headerLine, message: `kopregel klopt niet (${parts.join("; ")}); verwacht ${DDD_IMPORT_COLUMNS.join(";")}` }] };
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
    const rowIssues = checkFigureConsistency(figures).map((i) => i.message);
    const brin = parsed.data.school_brin;
    const schoolId = lookups.schoolIdsByBrin.get(brin);
    if (schoolId === undefined) rowIssues.push(`onbekende school (BRIN ${brin}): voeg de school eerst toe aan de contactenlijst`);
    if (duplicate) rowIssues.push(duplicate);
    for (const message of rowIssues) issues.push({ line, message });
    if (rowIssues.length === 0 && schoolId !== undefined) {
      const mentorGroup = parsed.data.mentorgroep && lookups.mentorGroupSpelling ? lookups.mentorGroupSpelling(schoolId, parsed.data.mentorgroep) : parsed.data.mentorgroep;
      rows.push({ line, brin, schoolId, mentorGroup, figures });
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
      rows.push({ line: groups[0]!.line, brin: groups[0]!.brin, schoolId, mentorGroup: "", figures: sum });
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
  }
  if (issues.length > 0) return { ok: false, issues: issues.sort((a, b) => a.line - b.line) };
  return { ok: true, rows, derivedTotals };
}

export type DddImportResult =
  | { ok: true; importId: number; schoolYear: string; rows: number; schools: number; groups: number; derivedTotals: number; snapshots: number }
  | { ok: false; issues: DddImportIssue[] };

/** Reads the file (CSV or XLSX), validates it and, only when the whole file is good, writes it in one transaction. */
export async function importDddFile(
  db: Db,
  input: { content: Uint8Array | string; fileName: string; schoolYear: string; operator: string | null; now: Date },
): Promise<DddImportResult> {
  const sheet = await readSheetFile(input.content);
  if (!sheet.ok) return { ok: false, issues: [{ line: sheet.line, message: sheet.reason }] };
  const schoolIdsByBrin = await mapSchoolIdsByBrin(db);
  const spelling = new Map((await listMentorGroups(db)).map((r) => [`${r.schoolId}|${r.mentorGroup.toUpperCase()}`, r.mentorGroup]));
  const validation = validateDddImport(sheet.records, {
    schoolIdsByBrin,
    // Use the directory's spelling of a group ("4A" for "4a"), so figures and mentors meet.
    mentorGroupSpelling: (schoolId, group) => spelling.get(`${schoolId}|${group.toUpperCase()}`) ?? group,
  });
  if (!validation.ok) return validation;
  const sha256 = createHash("sha256").update(input.content).digest("hex");
  const snapshots: NewSnapshot[] = validation.rows.map((r) => ({ schoolId: r.schoolId, mentorGroup: r.mentorGroup, source: "import", ...r.figures }));
  const result = await runInTransaction(db, async (tx) => {
    const importId = await createDddImport(tx, {
      schoolYear: input.schoolYear,
      fileName: input.fileName,
      sha256,
      rows: validation.rows.length - validation.derivedTotals,
      operator: input.operator,
      source: sheet.format,
      importedAt: input.now,
    });
    const written = await appendDddSnapshots(tx, input.schoolYear, snapshots, { importId, recordedAt: input.now });
    return { importId, written };
  }, IMPORT_TRANSACTION);
  return {
    ok: true,
    importId: result.importId,
    schoolYear: input.schoolYear,
    rows: validation.rows.length - validation.derivedTotals,
    schools: new Set(validation.rows.map((r) => r.schoolId)).size,
    groups: validation.rows.filter((r) => r.mentorGroup !== "").length,
    derivedTotals: validation.derivedTotals,
    snapshots: result.written,
  };
}

/** The Dutch rejection text the CLI prints: every bad line, in order. */
export function formatImportIssues(issues: readonly DddImportIssue[]): string {
  return [`DDD-import afgewezen: ${issues.length} ${issues.length === 1 ? "fout" : "fouten"}, er is niets opgeslagen.`, ...issues.map((i) => `- regel ${i.line}: ${i.message}`)].join("\n");
}
