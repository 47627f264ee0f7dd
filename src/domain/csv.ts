/**
 * A small RFC 4180 CSV reader for the files schools deliver (no CSV library is installed, and
 * the files are small). It handles what Excel and LibreOffice actually write: `;` or `,` as
 * separator (Dutch Excel uses `;`), quoted fields with doubled quotes, separators and line
 * breaks inside quotes, CRLF or LF line ends and a UTF-8 byte order mark.
 *
 * Every record keeps the physical line on which it starts, because a rejected file must name
 * the lines a person sees in their editor (header = line 1).
 */

export type CsvDelimiter = ";" | ",";

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
 * quotes. A tie (neither occurs) means the file has one column, which no valid directory has;
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

/**
 * Parses CSV text into records. Blank lines (also lines of only separators, which spreadsheet
 * programs leave behind) are skipped. A quote that is never closed is an error that names the
 * line where the field started.
 */
export function parseCsv(input: string, delimiter: CsvDelimiter = detectDelimiter(input)): CsvParseResult {
  const text = stripBom(input);
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteStartLine = 1;
  let fieldWasQuoted = false;

  const endField = () => {
    fields.push(fieldWasQuoted ? field : field.trim());
    field = "";
    fieldWasQuoted = false;
  };
  const endRecord = () => {
    endField();
    if (fields.some((f) => f !== "")) records.push({ line: recordLine, fields });
    fields = [];
  };

  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else {
          quoted = false;
        }
      } else {
        if (char === "\n") line++;
        // A CR inside quotes is kept only as part of CRLF, which becomes a plain LF.
        if (char === "\r" && text[i + 1] === "\n") continue;
        field += char;
      }
      continue;
    }
    if (char === '"' && field.trim() === "" && !fieldWasQuoted) {
      quoted = true;
      fieldWasQuoted = true;
      field = "";
      quoteStartLine = line;
    } else if (char === '"') {
      // A stray quote in an unquoted field (e.g. 5" screen): RFC 4180 forbids it, but people
      // type it; keep it as text instead of rejecting the whole file.
      field += char;
    } else if (char === delimiter) {
      endField();
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && text[i + 1] === "\n") i++;
      endRecord();
      line++;
      recordLine = line;
    } else if (fieldWasQuoted) {
      // Text after a closing quote ("abc"def) is kept, as spreadsheet programs do; padding
      // spaces before the next separator are not.
      if (!/\s/.test(char)) field += char;
    } else {
      field += char;
    }
  }
  if (quoted) return { ok: false, line: quoteStartLine, reason: "een veld met een aanhalingsteken (\") wordt nergens afgesloten" };
  endRecord();
  return { ok: true, delimiter, records };
}
