/**
 * The arguments of `samenvatting`: nothing (this week), "week 12", "week 12 2025-2026", "w12" or
 * just "12". Returns null for anything else, so the handler can answer with the usage.
 */
export type SummaryCommandArgs = { kind: "current" } | { kind: "week"; week: number; schoolYear?: string };

export function parseSummaryArgs(args: string): SummaryCommandArgs | null {
  const text = args.trim().toLowerCase();
  if (text === "" || text === "deze week" || text === "nu") return { kind: "current" };
  const match = /^(?:week\s*|wk\s*|w\s*)?(\d{1,2})(?:\s+(?:van\s+)?(\d{4})\s*[-/]\s*(\d{4}))?$/.exec(text);
  if (!match) return null;
  const week = Number(match[1]);
  if (week < 1 || week > 53) return null;
  return match[2] ? { kind: "week", week, schoolYear: `${match[2]}-${match[3]}` } : { kind: "week", week };
}

export type SummaryExportFormatChoice = "csv" | "html";

/**
 * The arguments of `export samenvatting`: those of `samenvatting`, optionally followed by the
 * format ("csv", the default, for Excel; "html" to print or forward).
 */
export function parseSummaryExportArgs(args: string): { query: SummaryCommandArgs; format: SummaryExportFormatChoice } | null {
  const words = args.trim().toLowerCase().split(/\s+/).filter((w) => w !== "");
  const last = words.at(-1);
  const format: SummaryExportFormatChoice = last === "html" ? "html" : "csv";
  if (last === "html" || last === "csv") words.pop();
  const query = parseSummaryArgs(words.join(" "));
  return query ? { query, format } : null;
}
