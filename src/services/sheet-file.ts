import { readFile } from "node:fs/promises";
import type ExcelJS from "exceljs";
import { AppError } from "../errors.js";
import { parseCsv, type CsvDelimiter, type CsvRecord } from "../domain/csv.js";

/**
 * An import file as rows, whatever the school saved: CSV (UTF-8, `;` or `,`) or an Excel
 * workbook (.xlsx, its first sheet). Both become the same records, numbered as the person sees
 * them: the line in a text editor, or the row number in Excel, so an error names the right row.
 * The format is recognised from the content, not the file name (a renamed file still reads).
 */

/** The bytes of an import file named on the command line; a file that cannot be read is a usage error. */
export async function readImportFile(path: string): Promise<Uint8Array> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new AppError("CLI_USAGE", `Bestand '${path}' kan niet worden gelezen (cannot read file)`, { cause: error });
  }
}

export type SheetFormat = "csv" | "xlsx";

export type SheetReadResult =
  | { ok: true; format: SheetFormat; delimiter: CsvDelimiter | null; records: CsvRecord[] }
  | { ok: false; line: number; reason: string };

const startsWith = (bytes: Uint8Array, magic: readonly number[]) => magic.every((b, i) => bytes[i] === b);
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
const OLE_MAGIC = [0xd0, 0xcf, 0x11, 0xe0];

export async function readSheetFile(content: Uint8Array | string): Promise<SheetReadResult> {
  if (typeof content === "string") return readCsvText(content);
  if (startsWith(content, ZIP_MAGIC)) return readXlsx(content);
  if (startsWith(content, OLE_MAGIC)) {
    return { ok: false, line: 1, reason: "dit is een oud Excel-bestand (.xls); sla het in Excel op als 'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'" };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(content);
  } catch {
    return { ok: false, line: 1, reason: "het bestand is geen UTF-8; sla het in Excel op als 'CSV UTF-8 (door komma's gescheiden)' of als 'Excel-werkmap (.xlsx)'" };
  }
  return readCsvText(text);
}

function readCsvText(text: string): SheetReadResult {
  const parsed = parseCsv(text);
  return parsed.ok ? { ok: true, format: "csv", delimiter: parsed.delimiter, records: parsed.records } : parsed;
}

/** A cell as the person sees it; a date (no import has one yet) as JJJJ-MM-DD rather than JavaScript's long form. */
function cellText(cell: ExcelJS.Cell): string {
  if (cell.value instanceof Date) return cell.value.toISOString().slice(0, 10);
  return cell.text.trim();
}

async function readXlsx(bytes: Uint8Array): Promise<SheetReadResult> {
  // Loaded for an XLSX file only: exceljs is about 180 modules and several MB resident, and the bot
  // reaches this module at every start (the bundled catalogue's reader) without reading a workbook.
  const { default: ExcelJSModule } = await import("exceljs");
  const workbook = new ExcelJSModule.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    return { ok: false, line: 1, reason: "het Excel-bestand kan niet worden gelezen; sla het opnieuw op als 'Excel-werkmap (.xlsx)' of als 'CSV UTF-8'" };
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) return { ok: true, format: "xlsx", delimiter: null, records: [] };
  const rows: CsvRecord[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const fields: string[] = [];
    for (let column = 1; column <= row.cellCount; column++) fields.push(cellText(row.getCell(column)));
    while (fields.length > 0 && fields[fields.length - 1] === "") fields.pop();
    // A row of only empty cells (formatting left behind) is skipped, as a blank CSV line is.
    if (fields.length > 0) rows.push({ line: rowNumber, fields });
  });
  // Every row as wide as the widest: Excel stores no empty cells at the end of a row, where a
  // CSV export writes empty fields; columns that are empty in every row (formatting) are dropped.
  const width = Math.max(0, ...rows.map((r) => r.fields.length));
  const records = rows.map((r) => ({ line: r.line, fields: [...r.fields, ...Array<string>(width - r.fields.length).fill("")] }));
  return { ok: true, format: "xlsx", delimiter: null, records };
}
