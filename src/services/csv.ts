/**
 * Reading the CSV files schools and regions export (Excel, overstap systems): UTF-8 with or
 * without BOM, `;` or `,` as separator (Dutch Excel writes `;`), CRLF or LF, a header row, and
 * double-quoted cells with "" as an escaped quote.
 */
import { parseCsv as parseCsvRecords } from "../domain/csv.js";

export type CsvRow = {
  /** 1-based physical line number in the file, as an editor shows it. */
  line: number;
  cells: string[];
};

export type CsvTable = {
  delimiter: ";" | ",";
  /** Header cells, trimmed and lower-cased. */
  header: string[];
  headerLine: number;
  rows: CsvRow[];
  /** Lines that could not be split (an unclosed quote), with a Dutch reason. */
  problems: { line: number; message: string }[];
};

/**
 * The file as a header and rows, on top of the one CSV reader (src/domain/csv.ts): header cells
 * trimmed and lower-cased, cells trimmed, line numbers as an editor shows them.
 */
export function parseCsv(text: string): CsvTable {
  const parsed = parseCsvRecords(text);
  if (!parsed.ok) return { delimiter: ";", header: [], headerLine: 0, rows: [], problems: [{ line: parsed.line, message: 'een aanhalingsteken (") wordt niet gesloten' }] };
  const [first, ...rest] = parsed.records;
  if (!first) return { delimiter: parsed.delimiter, header: [], headerLine: 0, rows: [], problems: [] };
  return {
    delimiter: parsed.delimiter,
    header: first.fields.map((h) => h.trim().toLowerCase()),
    headerLine: first.line,
    rows: rest.map((r) => ({ line: r.line, cells: r.fields.map((c) => c.trim()) })),
    problems: [],
  };
}
