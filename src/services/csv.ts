/**
 * Reading the CSV files schools and regions export (Excel, overstap systems): UTF-8 with or
 * without BOM, `;` or `,` as separator (Dutch Excel writes `;`), CRLF or LF, a header row, and
 * double-quoted cells with "" as an escaped quote. Quoted cells cannot span lines: none of the
 * exports we read has multi-line cells, and refusing them keeps line numbers honest.
 */

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

export function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Splits one line; null when a quote is not closed. */
export function splitCsvLine(line: string, delimiter: string): string[] | null {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += ch;
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === delimiter) {
      cells.push(cell);
      cell = "";
    } else cell += ch;
  }
  if (quoted) return null;
  cells.push(cell);
  return cells;
}

/** The separator of the header line: whichever of `;` and `,` occurs more often outside quotes (`;` on a tie). */
export function detectDelimiter(headerLine: string): ";" | "," {
  const unquoted = headerLine.replace(/"[^"]*"/g, "");
  const semicolons = unquoted.split(";").length - 1;
  const commas = unquoted.split(",").length - 1;
  return commas > semicolons ? "," : ";";
}

/** Parses a whole file. Blank lines are skipped but still counted, so line numbers match the file. */
export function parseCsv(text: string): CsvTable {
  const lines = stripBom(text).split(/\r\n|\n|\r/);
  const firstIndex = lines.findIndex((l) => l.trim() !== "");
  if (firstIndex === -1) return { delimiter: ";", header: [], headerLine: 0, rows: [], problems: [] };
  const delimiter = detectDelimiter(lines[firstIndex]!);
  const problems: CsvTable["problems"] = [];
  const header = (splitCsvLine(lines[firstIndex]!, delimiter) ?? []).map((h) => h.trim().toLowerCase());
  const rows: CsvRow[] = [];
  for (let i = firstIndex + 1; i < lines.length; i++) {
    const raw = lines[i]!;
    if (raw.trim() === "") continue;
    const cells = splitCsvLine(raw, delimiter);
    if (cells === null) problems.push({ line: i + 1, message: "een aanhalingsteken (\") wordt niet gesloten" });
    // Excel writes a row of bare separators for an emptied row: that is a blank line too.
    else if (cells.some((c) => c.trim() !== "")) rows.push({ line: i + 1, cells: cells.map((c) => c.trim()) });
  }
  return { delimiter, header, headerLine: firstIndex + 1, rows, problems };
}
