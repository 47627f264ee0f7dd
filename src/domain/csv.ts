import { CsvError, parse } from "csv-parse/sync";

/**
 * Reading the CSV files schools and regions deliver, on top of csv-parse (a well-kept parser
 * with no I/O of its own, so this module stays pure). What Excel and LibreOffice actually write:
 * `;` or `,` as separator (Dutch Excel uses `;`), quoted fields with doubled quotes, separators
 * and line breaks inside quotes, CRLF, LF or CR line ends and a UTF-8 byte order mark.
 *
 * Every record keeps the line on which it starts, because a rejected file must name the lines
 * a person sees in their editor (header = line 1). An XLSX sheet is read into the same shape
 * (src/services/sheet-file.ts), with the spreadsheet's row numbers as lines.
 */

export type CsvDelimiter = ";" | ",";

/** One row of a file: its cells and the line (CSV) or row number (XLSX) it starts on. */
export type CsvRecord = { line: number; fields: string[] };

export type CsvParseResult =
  | { ok: true; delimiter: CsvDelimiter; records: CsvRecord[] }
  | { ok: false; line: number; reason: string };

const BOM = "\uFEFF";

export function stripBom(text: string): string {
  return text.startsWith(BOM) ? text.slice(1) : text;
}

/**
 * Picks the separator from the header line: the one of `;` and `,` that occurs most outside
 * quotes. A tie (neither occurs) means the file has one column, which no valid import has;
 * `;` is returned then so the caller reports missing columns rather than a parser error.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let semicolons = 0;
  let commas = 0;
  let quoted = false;
  for (const char of stripBom(text)) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === "\n" || char === "\r")) break;
    else if (!quoted && char === ";") semicolons++;
    else if (!quoted && char === ",") commas++;
  }
  return commas > semicolons ? "," : ";";
}

const PARSER_REASONS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'een veld met een aanhalingsteken (") wordt nergens afgesloten',
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: 'na het afsluitende aanhalingsteken (") van een veld staat nog tekst; zet het hele veld tussen aanhalingstekens en verdubbel aanhalingstekens erin ("")',
  CSV_INVALID_CLOSING_QUOTE: 'na het afsluitende aanhalingsteken (") van een veld staat nog tekst; zet het hele veld tussen aanhalingstekens en verdubbel aanhalingstekens erin ("")',
};

/**
 * Parses CSV text into records. Blank lines (also lines of only separators, which spreadsheet
 * programs leave behind) are skipped but counted. Unquoted fields are trimmed; a stray quote in
 * an unquoted field (12" scherm) is kept as text, as people type it.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvParseResult {
  // One line end for the parser: it then counts lines as an editor does (csv-parse counts a
  // CRLF inside quotes as two), and a line break inside a quoted field becomes a plain LF.
  const text = stripBom(input).replace(/\r\n?/g, "\n");
  let lastRecordEnd = 0;
  const records: CsvRecord[] = [];
  try {
    parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      trim: true,
      on_record: (fields: string[], context) => {
        lastRecordEnd = context.lines;
        // csv-parse reports the line a record ends on; line breaks occur only inside quoted fields.
        const breaks = fields.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
        records.push({ line: context.lines - breaks, fields });
        return null;
      },
    });
    return { ok: true, delimiter, records };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const reason = PARSER_REASONS[error.code] ?? `de regel kan niet als CSV worden gelezen (${error.code})`;
    // csv-parse names the line where it gave up (the end of the file for an unclosed quote);
    // a person needs the line where the broken record starts: the first non-blank one after
    // the last good record.
    const line = error.code === "CSV_QUOTE_NOT_CLOSED" ? firstFilledLineAfter(text, lastRecordEnd) : Number(error.lines);
    return { ok: false, line, reason };
  }
}

function firstFilledLineAfter(text: string, line: number): number {
  const lines = text.split("\n");
  for (let i = line; i < lines.length; i++) if (lines[i]!.trim() !== "") return i + 1;
  return line + 1;
}
