import { parse } from "csv-parse/sync";
import { isSchoolYearLabel } from "./calendar/index.js";

/**
 * DUO's public file of voortijdig schoolverlaters per vestiging (voorlopig and definitief), read
 * into the region's vsv-percentage per onderwijstype. Pure: text in, figures out. The expected
 * columns (header row, `;` or `,` separated, UTF-8; names as DUO writes them, case and spaces
 * free) are in README ("DUO-cijfers inlezen"):
 *
 *   SCHOOLJAAR;STATUS;BRIN NUMMER;VESTIGINGSNUMMER;VESTIGINGSNAAM;ONDERWIJSTYPE;AANTAL DEELNEMERS;AANTAL VSV
 *
 * The region's percentage is the sum of vsv'ers over the sum of deelnemers of the vestigingen of
 * the region's schools (the directory's BRIN numbers): weighted, as DUO computes a region.
 */
export const DUO_COLUMNS = ["SCHOOLJAAR", "STATUS", "BRIN NUMMER", "VESTIGINGSNUMMER", "VESTIGINGSNAAM", "ONDERWIJSTYPE", "AANTAL DEELNEMERS", "AANTAL VSV"] as const;

export type DuoStatus = "voorlopig" | "definitief";
export type DuoRow = { line: number; schoolYear: string; status: DuoStatus; brin: string; vestiging: string; onderwijstype: string; deelnemers: number; vsv: number };
export type DuoIssue = { line: number; reason: string };
export type DuoRegionFigure = { schoolYear: string; status: DuoStatus; onderwijstype: string; deelnemers: number; vsv: number; percentage: number; vestigingen: number };

const normalise = (name: string) => name.replace(/^\uFEFF/, "").trim().replace(/[\s_]+/g, " ").toUpperCase();

function readCount(text: string): number | null {
  const t = text.trim();
  return /^\d{1,9}$/.test(t) ? Number(t) : null;
}

/** Every row of the file, or every problem in it with its line (a file with any problem is refused as a whole). */
export function parseDuoVsvCsv(text: string): { ok: true; rows: DuoRow[] } | { ok: false; issues: DuoIssue[] } {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? "";
  const delimiter = firstLine.split(";").length >= firstLine.split(",").length ? ";" : ",";
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ""), { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, issues: [{ line, reason: "geen leesbaar CSV-bestand (controleer aanhalingstekens en scheidingsteken)" }] };
  }
  if (records.length === 0) return { ok: false, issues: [{ line: 1, reason: "het bestand is leeg" }] };
  const header = records[0]!.map(normalise);
  const missing = DUO_COLUMNS.filter((c) => !header.includes(c));
  if (missing.length > 0) return { ok: false, issues: [{ line: 1, reason: `kolommen ontbreken: ${missing.join(", ")} (verwacht: ${DUO_COLUMNS.join(";")})` }] };
  const col = (record: string[], name: (typeof DUO_COLUMNS)[number]) => record[header.indexOf(name)] ?? "";
  const rows: DuoRow[] = [];
  const issues: DuoIssue[] = [];
  records.slice(1).forEach((record, i) => {
    const line = i + 2;
    const schoolYear = col(record, "SCHOOLJAAR").replace("/", "-");
    const status = col(record, "STATUS").toLowerCase();
    const deelnemers = readCount(col(record, "AANTAL DEELNEMERS"));
    const vsv = readCount(col(record, "AANTAL VSV"));
    const reasons: string[] = [];
    if (!isSchoolYearLabel(schoolYear)) reasons.push(`schooljaar '${col(record, "SCHOOLJAAR")}' is geen JJJJ-JJJJ`);
    if (status !== "voorlopig" && status !== "definitief") reasons.push(`status '${col(record, "STATUS")}' is niet voorlopig of definitief`);
    if (!/^[0-9A-Z]{4}$/i.test(col(record, "BRIN NUMMER"))) reasons.push(`BRIN-nummer '${col(record, "BRIN NUMMER")}' is geen vier tekens`);
    if (col(record, "ONDERWIJSTYPE") === "") reasons.push("onderwijstype ontbreekt");
    if (deelnemers === null) reasons.push(`aantal deelnemers '${col(record, "AANTAL DEELNEMERS")}' is geen heel getal`);
    if (vsv === null) reasons.push(`aantal vsv '${col(record, "AANTAL VSV")}' is geen heel getal`);
    if (deelnemers !== null && vsv !== null && vsv > deelnemers) reasons.push("meer vsv'ers dan deelnemers");
    if (reasons.length > 0) {
      issues.push({ line, reason: reasons.join("; ") });
      return;
    }
    rows.push({ line, schoolYear, status: status as DuoStatus, brin: col(record, "BRIN NUMMER").toUpperCase(), vestiging: col(record, "VESTIGINGSNUMMER"), onderwijstype: normalise(col(record, "ONDERWIJSTYPE")), deelnemers: deelnemers!, vsv: vsv! });
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, rows };
}

/** The region's figure per school year, status and onderwijstype, over the vestigingen of the given BRIN numbers. */
export function computeRegionVsv(rows: readonly DuoRow[], regionBrins: ReadonlySet<string>): DuoRegionFigure[] {
  const groups = new Map<string, DuoRegionFigure>();
  for (const row of rows) {
    if (!regionBrins.has(row.brin)) continue;
    const key = `${row.schoolYear}|${row.status}|${row.onderwijstype}`;
    const figure = groups.get(key) ?? { schoolYear: row.schoolYear, status: row.status, onderwijstype: row.onderwijstype, deelnemers: 0, vsv: 0, percentage: 0, vestigingen: 0 };
    figure.deelnemers += row.deelnemers;
    figure.vsv += row.vsv;
    figure.vestigingen++;
    groups.set(key, figure);
  }
  return [...groups.values()]
    .filter((f) => f.deelnemers > 0)
    .map((f) => ({ ...f, percentage: Math.round((f.vsv / f.deelnemers) * 1000) / 10 }))
    .sort((a, b) => a.schoolYear.localeCompare(b.schoolYear) || a.onderwijstype.localeCompare(b.onderwijstype) || a.status.localeCompare(b.status));
}

/**
 * The first day DUO's definitive figures of a school year can exist: DUO publishes the
 * definitive vsv-figures of the school year ending in year X in November of X+1 (the provisional
 * ones earlier). A "definitief" row dated before it is a mislabelled provisional file.
 */
export function definitiveAvailableFrom(schoolYear: string): string {
  const endYear = Number(schoolYear.slice(5, 9));
  return `${endYear + 1}-11-01`;
}
