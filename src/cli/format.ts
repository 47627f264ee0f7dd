import { Help, type Command } from "commander";

/**
 * What the CLI shows a person: aligned tables and "label: waarde" lines in Dutch, times in
 * Europe/Amsterdam. Scripts ask for `--json` and get the data as it was before (one JSON
 * line per result), so nothing here needs to be parsed by a machine.
 */

const MAX_CELL = 60;

/** Columns padded to their widest cell; a header row and a rule under it. */
export function formatTable(headers: readonly string[], rawRows: readonly (readonly string[])[]): string {
  // A cell longer than a terminal line (a KPI's full name) is cut, so rows stay one line each.
  const rows = rawRows.map((r) => r.map((c) => (c.length > MAX_CELL ? `${c.slice(0, MAX_CELL - 1)}…` : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [line(headers), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/** "label: waarde" lines with the labels aligned. */
export function formatFields(fields: readonly (readonly [string, string | number | boolean | null])[]): string {
  const width = Math.max(0, ...fields.map(([label]) => label.length + 1));
  return fields.map(([label, value]) => `${`${label}:`.padEnd(width)} ${value === null ? "-" : value === true ? "ja" : value === false ? "nee" : String(value)}`).join("\n");
}

/** A job's result or a preview: its fields one per line, nested values compactly. */
export function formatResult(result: Record<string, unknown>): string {
  return formatFields(Object.entries(result).map(([key, value]) => [key, value === null || typeof value !== "object" ? (value as string | number | boolean | null | undefined) ?? null : JSON.stringify(value)]));
}

// Commander writes its own help and errors in English; these are the words it uses.
const HELP_TITLES: Record<string, string> = {
  "Usage:": "Gebruik:",
  "Arguments:": "Argumenten:",
  "Options:": "Opties:",
  "Commands:": "Opdrachten:",
  "Global Options:": "Algemene opties:",
};

/** "importeer|import [opties]" to "importeer [opties]". */
function withoutAliases(term: string): string {
  return term.replace(/(\S+)\|\S+/g, "$1");
}

/** Commander's help in Dutch (for `configureHelp`): titles, usage placeholders and the default value. */
export const DUTCH_HELP: Partial<Help> = {
  styleTitle: (title: string) => HELP_TITLES[title] ?? title,
  // The old English names keep working as aliases but are not shown: the help speaks one language.
  commandUsage(this: Help, command: Command) {
    return withoutAliases(Help.prototype.commandUsage.call(this, command)).replace("[options]", "[opties]").replace("[command]", "[opdracht]");
  },
  subcommandTerm(this: Help, command: Command) {
    return withoutAliases(Help.prototype.subcommandTerm.call(this, command)).replace("[options]", "[opties]");
  },
  optionDescription(this: Help, option: Parameters<Help["optionDescription"]>[0]) {
    return Help.prototype.optionDescription.call(this, option).replace(" (default: false)", "").replace(/\(default: (.*)\)$/, "(standaard: $1)");
  },
};

const ERROR_PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [/^error: unknown command '(.*)'/, (name) => `onbekende opdracht '${name}'; zie aanjager --help`],
  [/^error: unknown option '(.*)'/, (name) => `onbekende optie '${name}'`],
  [/^error: missing required argument '(.*)'/, (name) => `het argument '${name}' ontbreekt`],
  [/^error: too many arguments/, () => "te veel argumenten"],
  [/^error: option '(.*)' argument missing/, (name) => `de optie '${name}' heeft een waarde nodig`],
  [/^error: required option '(.*)' not specified/, (name) => `de optie '${name}' is verplicht`],
];

/** A commander usage error, Dutch first and the original in brackets for operators, like every CLI error. */
export function translateCommanderError(text: string): string {
  const trimmed = text.trimEnd();
  for (const [pattern, dutch] of ERROR_PATTERNS) {
    const match = pattern.exec(trimmed);
    if (match) return `Fout: ${dutch(...match.slice(1))} (${trimmed})\n`;
  }
  return text;
}
