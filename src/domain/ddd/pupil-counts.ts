import { z } from "zod";
import type { CsvRecord } from "../csv.js";
import { IMPORT_BSN_ISSUE, normalizeBrin } from "../directory.js";
import { containsBsn } from "../free-text.js";
import type { DddFigures } from "./figures.js";
import { statusKey, type AanmeldingStage, type DddStage, type OverstapExportMapping, type PupilExportColumn } from "./overstap-export.js";
import { NO_OVERSTAP_COUNTS, type OverstapCounts } from "./overstap-counts.js";

/**
 * Counting a per-pupil export (one row per pupil, as the overstap system gives it) into the
 * counts Aanjager keeps: per school and per mentor group, the five DDD figures and, when the file
 * has the aanmelding column, the eight overstap counts. Only the mapped columns are read; names,
 * numbers and the other columns never leave the records they came in. Every message names a
 * line, a column (as the file's header writes it) and at most a status word: never a cell that
 * may be a pupil's data. Pure.
 */

export type PupilCounts = { figures: DddFigures; counts: OverstapCounts };
export type PupilGroupCount = PupilCounts & { mentorGroup: string; pupils: number; line: number };
export type PupilSchoolCount = PupilCounts & { brin: string; pupils: number; line: number; groups: PupilGroupCount[] };

export type UnmappedStatus = { column: string; track: "dddStatus" | "aanmeldingStatus"; value: string | null; lines: number[]; rows: number };

export type PupilExportCount = {
  /** Per mapped column, its header as the file writes it. */
  columns: Partial<Record<PupilExportColumn, string>>;
  /** Headers the mapping names as pupil data (never read), and headers it does not know (ignored). */
  notKept: string[];
  ignored: string[];
  pupils: number;
  /** Rows of pupils who are no overstapper (`telNietMee`). */
  skipped: number;
  schools: PupilSchoolCount[];
  unmapped: UnmappedStatus[];
  issues: { line: number; message: string }[];
};

/** The mapped columns of a header, or which required ones are missing. */
export function matchPupilExportHeader(
  header: readonly string[],
  mapping: OverstapExportMapping,
): { ok: true; indexes: Partial<Record<PupilExportColumn, number>>; notKept: string[]; ignored: string[] } | { ok: false; missing: PupilExportColumn[] } {
  const keys = header.map((h) => statusKey(h));
  const indexes: Partial<Record<PupilExportColumn, number>> = {};
  for (const [column, names] of Object.entries(mapping.columns) as [PupilExportColumn, readonly string[]][]) {
    for (const name of names) {
      const index = keys.indexOf(statusKey(name));
      if (index >= 0) {
        indexes[column] = index;
        break;
      }
    }
  }
  const missing = (["school", "dddStatus"] as const).filter((c) => indexes[c] === undefined);
  if (missing.length > 0) return { ok: false, missing };
  const used = new Set(Object.values(indexes));
  const notKeptKeys = new Set(mapping.notKept.map((n) => statusKey(n)));
  const rest = header.map((h, i) => ({ h, i })).filter(({ i }) => !used.has(i) && keys[i] !== "");
  return {
    ok: true,
    indexes,
    notKept: rest.filter(({ i }) => notKeptKeys.has(keys[i]!)).map(({ h }) => h),
    ignored: rest.filter(({ i }) => !notKeptKeys.has(keys[i]!)).map(({ h }) => h),
  };
}

/** Lower-case words of three letters or more, without the tussenvoegsels every name list shares. */
function wordsOf(text: string): string[] {
  return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 3 && !TUSSENVOEGSELS.has(w));
}
const TUSSENVOEGSELS = new Set(["van", "der", "den", "ter", "ten", "het", "des", "aan", "uit", "voor", "over", "bij"]);

/** Many times the overstappers of a region in one school year; more is a wrong file. */
export const MAX_PUPIL_ROWS = 50_000;

/** How far down a sheet its header may be: exports often open with a title and a date line. */
const MAX_TITLE_ROWS = 10;

/**
 * Where a per-pupil export's header is: the first of the first rows with a school column the
 * mapping knows and none of the aggregate file's own columns; -1 when there is none. Rows above it
 * (a title, the export date) are skipped.
 */
export function findPupilExportHeader(records: readonly CsvRecord[], mapping: OverstapExportMapping, aggregateColumns: readonly string[]): number {
  for (let i = 0; i < Math.min(records.length, MAX_TITLE_ROWS + 1); i++) {
    const header = records[i]!.fields.map((h) => h.trim().toLowerCase());
    if (header.some((h) => aggregateColumns.includes(h))) return -1;
    const matched = matchPupilExportHeader(header, mapping);
    if (matched.ok || !matched.missing.includes("school")) return i;
  }
  return -1;
}

/** More distinct unknown values than this in one column means the wrong column, not new status words. */
const MAX_SHOWN_UNKNOWN = 5;
const MAX_LINES_SHOWN = 5;

/** A status word may be repeated in a message; anything that may be a name, number, date or address may not. */
function isShowableStatus(value: string): boolean {
  return value.length <= 40 && !/\d{3,}/.test(value) && !/[@\n]/.test(value) && !containsBsn(value);
}

const DDD_ORDER: Record<Exclude<DddStage, "telNietMee">, number> = { overstapper: 0, gestart: 1, deelB: 2, afgerond: 3 };

function emptyCounts(withAanmelding: boolean): PupilCounts {
  return {
    figures: { overstappers: 0, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 0 },
    counts: withAanmelding ? { aangemeld: 0, geplaatst: 0, afgewezen: 0, geenAanmelding: 0, geplaatstMetDdd: 0, mboGestart: 0, nietGestart: 0, zomerlek: 0 } : { ...NO_OVERSTAP_COUNTS },
  };
}

/**
 * One pupil into the counts. The DDD stages are cumulative (afgerond has done part B and started);
 * so is the aanmelding: placed pupils were aangemeld, and whoever started, did not start or leaked
 * away over the summer was placed first (the rules of checkOverstapConsistency hold by construction).
 */
function addPupil(target: PupilCounts, ddd: Exclude<DddStage, "telNietMee">, aanmelding: AanmeldingStage | null, inBeeld: boolean): void {
  const f = target.figures;
  const order = DDD_ORDER[ddd];
  f.overstappers++;
  if (order >= 1) f.gestart++;
  if (order >= 2) f.deelB++;
  if (order >= 3) f.afgerond++;
  if (inBeeld) f.inBeeld++;
  if (aanmelding === null) return;
  const c = target.counts as Record<keyof OverstapCounts, number>;
  const placed = aanmelding === "geplaatst" || aanmelding === "mboGestart" || aanmelding === "nietGestart" || aanmelding === "zomerlek";
  if (aanmelding === "geenAanmelding") c.geenAanmelding++;
  else c.aangemeld++;
  if (aanmelding === "afgewezen") c.afgewezen++;
  if (placed) {
    c.geplaatst++;
    if (ddd === "afgerond") c.geplaatstMetDdd++;
  }
  if (aanmelding === "mboGestart" || aanmelding === "nietGestart" || aanmelding === "zomerlek") c[aanmelding]++;
}

const BRIN_PATTERN = /^\d{2}[A-Z0-9]{2}(\d{2})?$/;

/**
 * Validates every row and counts per school and mentor group, in memory. A school's total is the
 * sum of its groups and its pupils without a group. Problems come back sorted by line; the
 * counts are given even then, so a dry run can show them next to what is wrong.
 */
export function countPupilExport(records: readonly CsvRecord[], mapping: OverstapExportMapping, lookups: { isKnownBrin: (brin: string) => boolean; mappingName: string; headerHint?: string }): PupilExportCount {
  const [head, ...rows] = records;
  const header = head ? head.fields.map((h) => h.trim()) : [];
  const headerLine = head?.line ?? 1;
  const matched = matchPupilExportHeader(header, mapping);
  const result: PupilExportCount = { columns: {}, notKept: [], ignored: [], pupils: 0, skipped: 0, schools: [], unmapped: [], issues: [] };
  if (!matched.ok) {
    result.issues.push({ line: headerLine, message: `kopregel: geen kolom voor ${matched.missing.map((c) => `${c} (${mapping.columns[c].slice(0, 3).join(", ")} ...)`).join(" en ")}${lookups.headerHint ? `; ${lookups.headerHint}` : ""}` });
    return result;
  }
  const { indexes } = matched;
  const name = (column: PupilExportColumn) => header[indexes[column]!]!;
  result.columns = Object.fromEntries(Object.keys(indexes).map((c) => [c, name(c as PupilExportColumn)]));
  result.notKept = matched.notKept;
  result.ignored = matched.ignored;
  if (rows.length === 0) result.issues.push({ line: headerLine, message: "het bestand bevat geen leerlingen" });
  if (rows.length > MAX_PUPIL_ROWS) {
    result.issues.push({ line: headerLine, message: `het bestand heeft ${rows.length} regels, meer dan de ${MAX_PUPIL_ROWS} leerlingen die een regio kan hebben` });
    return result;
  }

  const withAanmelding = indexes.aanmeldingStatus !== undefined;
  const schools = new Map<string, PupilSchoolCount & { byGroup: Map<string, PupilGroupCount> }>();
  const unmapped = new Map<string, UnmappedStatus & { key: string }>();
  const noteUnmapped = (column: "dddStatus" | "aanmeldingStatus", value: string, line: number) => {
    const id = `${column}|${statusKey(value)}`;
    const entry = unmapped.get(id) ?? { column: name(column), track: column, value, key: statusKey(value), lines: [], rows: 0 };
    entry.rows++;
    if (entry.lines.length < MAX_LINES_SHOWN) entry.lines.push(line);
    unmapped.set(id, entry);
  };
  const cell = (cells: readonly string[], column: PupilExportColumn) => (indexes[column] === undefined ? "" : (cells[indexes[column]!] ?? "").trim());
  const unknownBrins = new Map<string, number[]>();
  // The same problem on thousands of rows (a column of names where the BRIN should be) is one message with its first lines.
  const rowIssues = new Map<string, number[]>();
  const noteRowIssue = (message: string, line: number) => void rowIssues.set(message, rowIssues.get(message) ?? []).get(message)!.push(line);
  const placeSchema = buildPlaceSchema(name("school"), indexes.mentorgroep === undefined ? "" : name("mentorgroep"));
  // A region has some hundred (school, group) pairs and thousands of pupils: each pair is checked once.
  const places = new Map<string, ReturnType<typeof placeSchema.safeParse>>();
  const parsePlace = (school: string, mentorgroep: string) => {
    const key = `${school}\u0000${mentorgroep}`;
    let place = places.get(key);
    if (!place) {
      place = placeSchema.safeParse({ school, mentorgroep });
      places.set(key, place);
    }
    return place;
  };
  // The words in the other columns (names, numbers), only to recognise one in a status cell (a
  // shifted row) and then not repeat it; dropped with the rest when counting ends.
  const mappedIndexes = new Set(Object.values(indexes));
  const otherIndexes = header.flatMap((_, i) => (mappedIndexes.has(i) ? [] : [i]));
  const personalWords = new Set<string>();

  for (const { line, fields } of rows) {
    if (fields.length !== header.length) {
      noteRowIssue(`${fields.length} kolommen, verwacht ${header.length} (gebruik overal hetzelfde scheidingsteken als in de kopregel)`, line);
      continue;
    }
    for (const i of otherIndexes) for (const w of wordsOf(fields[i] ?? "")) personalWords.add(w);
    // Apart from those words, only the mapped cells are read: names and numbers are not copied.
    const place = parsePlace(cell(fields, "school"), cell(fields, "mentorgroep"));
    const placeIssues = place.success ? [] : place.error.issues.map((i) => i.message);
    const brin = place.success ? place.data.school : "";
    const dddRaw = cell(fields, "dddStatus");
    const ddd = mapping.dddStatus.get(statusKey(dddRaw));
    if (ddd === undefined) noteUnmapped("dddStatus", dddRaw, line);
    const aanmeldingRaw = cell(fields, "aanmeldingStatus");
    const aanmelding = withAanmelding ? mapping.aanmeldingStatus.get(statusKey(aanmeldingRaw)) : null;
    if (aanmelding === undefined) noteUnmapped("aanmeldingStatus", aanmeldingRaw, line);
    // An unknown school is reported for every row that would count, whatever else is wrong with it.
    const brinIsUnknown = brin !== "" && ddd !== "telNietMee" && !lookups.isKnownBrin(brin);
    if (brinIsUnknown) unknownBrins.set(brin, unknownBrins.get(brin) ?? []).get(brin)!.push(line);
    for (const message of placeIssues) noteRowIssue(message, line);
    if (placeIssues.length > 0 || ddd === undefined || aanmelding === undefined) continue;
    if (ddd === "telNietMee") {
      result.skipped++;
      continue;
    }
    if (brinIsUnknown) continue;
    const inBeeld = mapping.inBeeld.columns.some((c) => cell(fields, c) !== "") || (aanmelding !== null && mapping.inBeeld.aanmeldingStages.has(aanmelding));
    let school = schools.get(brin);
    if (!school) {
      school = { brin, pupils: 0, line, groups: [], byGroup: new Map(), ...emptyCounts(withAanmelding) };
      schools.set(brin, school);
    }
    school.pupils++;
    addPupil(school, ddd, aanmelding, inBeeld);
    const groupName = place.data!.mentorgroep;
    if (groupName !== "") {
      const groupKey = groupName.toUpperCase();
      let target = school.byGroup.get(groupKey);
      if (!target) {
        target = { mentorGroup: groupName, pupils: 0, line, ...emptyCounts(withAanmelding) };
        school.byGroup.set(groupKey, target);
      }
      target.pupils++;
      addPupil(target, ddd, aanmelding, inBeeld);
    }
    result.pupils++;
  }

  for (const [message, lines] of rowIssues) {
    const more = lines.length > 1 ? ` (ook op ${describeLines(lines.slice(1, MAX_LINES_SHOWN + 1), lines.length - 1)})` : "";
    result.issues.push({ line: lines[0]!, message: `${message}${more}` });
  }
  for (const [brin, lines] of unknownBrins) {
    result.issues.push({ line: lines[0]!, message: `onbekende school (BRIN ${brin}) op ${describeLines(lines.slice(0, MAX_LINES_SHOWN), lines.length)}: voeg de school eerst toe aan de contactenlijst` });
  }
  // A "mentor group" column that has a new value for almost every pupil is a column of names or numbers.
  for (const school of schools.values()) {
    if (school.byGroup.size > 8 && school.byGroup.size * 2 > school.pupils) {
      result.issues.push({ line: headerLine, message: `kolom '${name("mentorgroep")}' heeft bij ${school.brin} ${school.byGroup.size} verschillende waarden voor ${school.pupils} leerlingen: dat zijn geen mentorgroepen; staat de juiste kolom onder kolommen.mentorgroep in ${lookups.mappingName}?` });
      school.byGroup.clear();
    }
  }
  result.schools = [...schools.values()].map(({ byGroup, ...school }) => ({ ...school, groups: [...byGroup.values()] }));
  const looksPersonal = (value: string) => !isShowableStatus(value) || wordsOf(value).some((w) => personalWords.has(w));
  result.unmapped = reportUnmapped([...unmapped.values()], result.issues, lookups.mappingName, looksPersonal);
  result.issues.sort((a, b) => a.line - b.line);
  return result;
}

/** Where a pupil counts: the school's BRIN (normalised as the contactenlijst does) and the mentor group. Messages name the file's columns, never the cell. */
function buildPlaceSchema(schoolColumn: string, groupColumn: string) {
  return z.object({
    school: z
      .string()
      .transform(normalizeBrin)
      .refine((v) => v !== "", `kolom '${schoolColumn}' is leeg`)
      .refine((v) => v === "" || BRIN_PATTERN.test(v), `kolom '${schoolColumn}' bevat geen BRIN-code of vestigingscode (zoals 12AB of 12AB00)`),
    mentorgroep: z
      .string()
      .transform((v) => v.replace(/\s+/g, " "))
      .refine((v) => !containsBsn(v), IMPORT_BSN_ISSUE(`kolom '${groupColumn}'`))
      .refine((v) => v.length <= 40, `kolom '${groupColumn}' is langer dan 40 tekens`)
      .refine((v) => /^[\p{L}\p{N} ._\-/]*$/u.test(v), `kolom '${groupColumn}' bevat tekens die niet in een groepsnaam horen`),
  });
}

function describeLines(lines: readonly number[], total: number): string {
  const more = total - lines.length;
  return `${lines.length === 1 && more === 0 ? "regel" : "regels"} ${lines.join(", ")}${more > 0 ? ` en ${more} andere` : ""}`;
}

/** Unknown statuses per column: named when they look like status words and are few; otherwise only counted. */
function reportUnmapped(entries: (UnmappedStatus & { key: string })[], issues: { line: number; message: string }[], mappingName: string, looksPersonal: (value: string) => boolean): UnmappedStatus[] {
  const report: UnmappedStatus[] = [];
  for (const track of ["dddStatus", "aanmeldingStatus"] as const) {
    const list = entries.filter((e) => e.track === track);
    if (list.length === 0) continue;
    const column = list[0]!.column;
    const hint = `voeg hem toe onder ${track} in ${mappingName}`;
    if (list.length > MAX_SHOWN_UNKNOWN) {
      const lines = list.flatMap((e) => e.lines).sort((a, b) => a - b).slice(0, MAX_LINES_SHOWN);
      const rows = list.reduce((n, e) => n + e.rows, 0);
      issues.push({ line: lines[0]!, message: `kolom '${column}': ${list.length} verschillende waarden staan niet in het koppelbestand (${describeLines(lines, rows)}); is dit de kolom met de status? De waarden worden niet getoond: het kunnen gegevens van leerlingen zijn` });
      report.push({ column, track, value: null, lines, rows });
      continue;
    }
    for (const e of list) {
      const shown = e.key === "" ? "(leeg)" : looksPersonal(e.value ?? "") ? null : `'${e.value}'`;
      const what = shown === null ? "een waarde die op gegevens van een leerling lijkt (niet getoond) staat niet in het koppelbestand" : `status ${shown} staat niet in het koppelbestand`;
      issues.push({ line: e.lines[0]!, message: `kolom '${column}': ${what} (${describeLines(e.lines, e.rows)}); ${hint}` });
      report.push({ column, track, value: shown === null ? null : e.key === "" ? "" : e.value, lines: e.lines, rows: e.rows });
    }
  }
  return report;
}
