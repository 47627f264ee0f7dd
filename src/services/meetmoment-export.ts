import { DateTime } from "luxon";
import { listActivities } from "../db/catalogue.js";
import type { Db } from "../db/client.js";
import { listKpisOfActivity, listMeasurements, listRoundsOfSchoolYear, type KpiRow, type MeasurementRecord } from "../db/meetmomenten.js";
import { AMSTERDAM_ZONE } from "../domain/calendar/index.js";
import { resolveKpiTarget } from "../domain/catalogue.js";
import { matchActivity } from "../domain/meetmomenten/match.js";
import { AppError } from "../errors.js";
import { readMeasurementValue } from "../domain/meetmomenten/round.js";

/**
 * The figures of a school year as a file: one row per KPI per round (every version with
 * `history`), with period, value, norm, who and when. CSV for anything (Dutch Excel: `;` and a
 * decimal comma) and XLSX through exceljs with Dutch headers and number formats.
 */
export type ExportRow = {
  schoolYear: string;
  activityName: string;
  activityId: string;
  meetmomentDate: string;
  periodLabel: string;
  roundStatus: string;
  kpiName: string;
  kpiKey: string;
  unit: "count" | "percentage" | "text";
  value: number | string | null;
  target: number | null;
  targetText: string | null;
  status: "ingediend" | "concept" | "ontbreekt";
  version: number | null;
  personName: string | null;
  recordedAt: Date | null;
  source: string | null;
  /** The school year the figures describe (November: the year that just ended). */
  describes: string;
  /** Whose figures, in a per-party round ("" for the activity as a whole). */
  partyLabel: string;
};

export const EXPORT_HEADERS = [
  "Schooljaar",
  "Activiteit",
  "Activiteit-id",
  "Meetmoment",
  "Periode",
  "Ronde",
  "KPI",
  "KPI-sleutel",
  "Eenheid",
  "Waarde",
  "Streefwaarde",
  "Norm (catalogus)",
  "Status",
  "Versie",
  "Ingevuld door",
  "Ingevuld op",
  "Bron",
  "Cijfers over schooljaar",
  "Partij",
] as const;

const UNIT_LABELS = { count: "aantal", percentage: "percentage", text: "tekst" } as const;
const SOURCE_LABELS: Record<string, string> = { card: "kaart", chat: "chat", import: "import" };
const ROUND_LABELS: Record<string, string> = { gepland: "aangekondigd", open: "open", gesloten: "gesloten" };

/** "alle" or an activity typed as in chat (id, part of the name); refuses what it cannot pin down. */
export async function resolveExportActivity(db: Db, query: string): Promise<{ id: string; naam: string } | "alle"> {
  if (query.trim().toLowerCase() === "alle") return "alle";
  const match = matchActivity(query, await listActivities(db));
  if (match.kind === "exact") return { id: match.activity.id, naam: match.activity.naam };
  if (match.kind === "ambiguous") {
    throw new AppError("CLI_USAGE", `Activiteit "${query}" is niet eenduidig: ${match.candidates.map((a) => a.id).join(", ")} (ambiguous activity)`, {
      userMessage: `Bedoel je ${match.candidates.map((a) => `**${a.id}**`).join(" of ")}?`,
    });
  }
  throw new AppError("CLI_USAGE", `Onbekende activiteit "${query}": gebruik de id uit de catalogus of "alle" (unknown activity)`, { userMessage: `Ik ken geen activiteit "${query}".` });
}

function unitOf(unit: string): ExportRow["unit"] {
  return unit === "count" || unit === "percentage" ? unit : "text";
}

/** The rows of a school year, oldest meetmoment first, KPIs in catalogue order. */
export async function buildMeetmomentExport(db: Db, options: { activityId?: string; schoolYear: string; history?: boolean }): Promise<ExportRow[]> {
  const rounds = await listRoundsOfSchoolYear(db, options.schoolYear, options.activityId);
  const measurements = await listMeasurements(db, rounds.map((r) => r.id));
  const byRoundKpi = new Map<string, MeasurementRecord[]>();
  const partyLabels = new Map<string, string>();
  for (const m of measurements) {
    const key = `${m.roundId}|${m.kpiId}`;
    byRoundKpi.set(key, [...(byRoundKpi.get(key) ?? []), m]);
    if (m.party) partyLabels.set(m.party, m.partyLabel ?? m.party);
  }
  const kpisByActivity = new Map<string, KpiRow[]>();
  const rows: ExportRow[] = [];
  for (const round of rounds) {
    let kpis = kpisByActivity.get(round.activityId);
    if (!kpis) {
      kpis = await listKpisOfActivity(db, round.activityId, { includeArchived: true });
      kpisByActivity.set(round.activityId, kpis);
    }
    for (const kpi of kpis) {
      const versions = byRoundKpi.get(`${round.id}|${kpi.id}`) ?? [];
      // An archived KPI appears only where it was measured; a current one always (an empty row says "ontbreekt").
      if (kpi.archivedAt && versions.length === 0) continue;
      // The norm of the school year the figures describe.
      const target = resolveKpiTarget(kpi.targets, round.describes || round.schoolYear);
      const base = {
        schoolYear: round.schoolYear,
        activityName: round.activity.naam,
        activityId: round.activityId,
        meetmomentDate: round.meetmomentDate,
        periodLabel: round.periodLabel,
        roundStatus: ROUND_LABELS[round.status] ?? round.status,
        kpiName: kpi.name,
        kpiKey: kpi.key,
        unit: unitOf(kpi.unit),
        target: kpi.unit === "text" ? null : (target?.value ?? null),
        targetText: kpi.targetText,
        describes: round.describes,
      };
      // One row (or history) per party; a round of the activity as a whole has the one party "".
      const parties = [...new Set(versions.map((m) => m.party))];
      const shown = parties.flatMap((party) => {
        const own = versions.filter((m) => m.party === party);
        return options.history ? own : own.slice(-1);
      });
      if (shown.length === 0) {
        rows.push({ ...base, value: null, status: "ontbreekt", version: null, personName: null, recordedAt: null, source: null, partyLabel: "" });
        continue;
      }
      for (const m of shown) {
        rows.push({
          ...base,
          partyLabel: m.party ? (partyLabels.get(m.party) ?? m.party) : "",
          value: readMeasurementValue(m) ?? null,
          status: m.status === "ingediend" ? "ingediend" : "concept",
          version: m.version,
          personName: m.personName,
          recordedAt: m.recordedAt,
          source: SOURCE_LABELS[m.source] ?? m.source,
        });
      }
    }
  }
  return rows;
}

// ---------------------------------------------------------------------------------------------
// CSV

function formatNumber(value: number): string {
  return value.toLocaleString("nl-NL", { maximumFractionDigits: 1, useGrouping: false });
}

function formatLocal(date: Date): string {
  return DateTime.fromJSDate(date, { zone: AMSTERDAM_ZONE }).toFormat("dd-MM-yyyy HH:mm");
}

/**
 * A cell as text. Text typed by people that starts like a formula (= + - @) gets a leading
 * apostrophe, so opening the file in Excel never runs it (CSV injection).
 */
function csvCell(value: string | number | null): string {
  if (value === null) return "";
  let text = typeof value === "number" ? formatNumber(value) : value;
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCells(row: ExportRow): (string | number | null)[] {
  return [
    row.schoolYear,
    row.activityName,
    row.activityId,
    DateTime.fromISO(row.meetmomentDate).toFormat("dd-MM-yyyy"),
    row.periodLabel,
    row.roundStatus,
    row.kpiName,
    row.kpiKey,
    UNIT_LABELS[row.unit],
    row.value,
    row.target,
    row.targetText,
    row.status,
    row.version,
    row.personName,
    row.recordedAt ? formatLocal(row.recordedAt) : null,
    row.source,
    row.describes || null,
    row.partyLabel || null,
  ];
}

/** Semicolon-separated with a byte order mark and CRLF, as Dutch Excel opens it without an import dialog. */
export function formatExportCsv(rows: readonly ExportRow[]): string {
  const lines = [EXPORT_HEADERS.join(";"), ...rows.map((r) => toCells(r).map(csvCell).join(";"))];
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

// ---------------------------------------------------------------------------------------------
// XLSX

/** Excel has no time zones: a date is written as Amsterdam wall-clock time. */
function toExcelDate(date: Date): Date {
  const local = DateTime.fromJSDate(date, { zone: AMSTERDAM_ZONE });
  return new Date(Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, local.second));
}

const NUMBER_FORMATS = { count: "0", percentage: "0.0%" } as const;

export async function writeExportXlsx(rows: readonly ExportRow[], options: { schoolYear: string }): Promise<Buffer> {
  // Loaded here, not at start: only an xlsx export needs it, and it costs every process ~7 MB of heap.
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Aanjager";
  workbook.created = new Date(0);
  const sheet = workbook.addWorksheet(`Meetmomenten ${options.schoolYear}`, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EXPORT_HEADERS.map((header) => ({ header, key: header, width: Math.max(12, header.length + 2) }));
  const widths: Record<string, number> = { Activiteit: 40, KPI: 60, "Norm (catalogus)": 40, "Ingevuld door": 24, "Ingevuld op": 18 };
  for (const [header, width] of Object.entries(widths)) sheet.getColumn(header).width = width;
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const numeric = row.unit === "text" ? null : row.unit;
    const asNumber = (v: number | null) => (v === null ? null : numeric === "percentage" ? v / 100 : v);
    const excelRow = sheet.addRow([
      row.schoolYear,
      row.activityName,
      row.activityId,
      new Date(`${row.meetmomentDate}T00:00:00Z`),
      row.periodLabel,
      row.roundStatus,
      row.kpiName,
      row.kpiKey,
      UNIT_LABELS[row.unit],
      typeof row.value === "number" ? asNumber(row.value) : row.value,
      asNumber(row.target),
      row.targetText,
      row.status,
      row.version,
      row.personName,
      row.recordedAt ? toExcelDate(row.recordedAt) : null,
      row.source,
      row.describes || null,
      row.partyLabel || null,
    ]);
    excelRow.getCell(4).numFmt = "dd-mm-yyyy";
    excelRow.getCell(16).numFmt = "dd-mm-yyyy hh:mm";
    excelRow.getCell(14).numFmt = "0";
    if (numeric) {
      excelRow.getCell(10).numFmt = NUMBER_FORMATS[numeric];
      excelRow.getCell(11).numFmt = NUMBER_FORMATS[numeric];
    }
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: EXPORT_HEADERS.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** "meetmomenten-ddd-2026-2027.csv" */
export function exportFileName(activity: { id: string } | "alle", schoolYear: string, format: "csv" | "xlsx"): string {
  return `meetmomenten-${activity === "alle" ? "alle" : activity.id}-${schoolYear}.${format}`;
}

const EXPORT_CONTENT_TYPES = { csv: "text/csv", xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" } as const;

/** The export as a file, the same for the command line and for a download link in chat. */
export async function buildMeetmomentExportFile(
  rows: readonly ExportRow[],
  options: { activity: { id: string } | "alle"; schoolYear: string; format: "csv" | "xlsx" },
): Promise<{ fileName: string; contentType: string; content: Buffer }> {
  const content = options.format === "csv" ? Buffer.from(formatExportCsv(rows), "utf8") : await writeExportXlsx(rows, { schoolYear: options.schoolYear });
  return { fileName: exportFileName(options.activity, options.schoolYear, options.format), contentType: EXPORT_CONTENT_TYPES[options.format], content };
}
