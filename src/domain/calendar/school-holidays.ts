import { parse as parseYaml } from "yaml";
import { describeYamlError } from "../yaml-errors.js";
import { z } from "zod";
import {
  CalendarError,
  getSchoolYearDays,
  isSchoolYearLabel,
  isValidIsoDate,
  shiftIsoDate,
  type IsoDate,
  type SchoolYearLabel,
} from "./school-year.js";

/**
 * School holidays are data, not code: the ministry publishes them a few years ahead and the
 * beheerder must be able to add a year without a release. This module only validates and
 * queries that data; reading the file is done in src/services/calendar-data.ts.
 */

export const SCHOOL_HOLIDAY_KINDS = [
  "herfstvakantie",
  "kerstvakantie",
  "voorjaarsvakantie",
  "meivakantie",
  "zomervakantie",
  // For school-specific or one-off closures the beheerder wants the bot to respect.
  "overig",
] as const;

export type SchoolHolidayKind = (typeof SCHOOL_HOLIDAY_KINDS)[number];

export const SCHOOL_HOLIDAY_REGIONS = ["noord", "midden", "zuid"] as const;

export type SchoolHolidayRegion = (typeof SCHOOL_HOLIDAY_REGIONS)[number];

export type SchoolHoliday = {
  schoolYear: SchoolYearLabel;
  kind: SchoolHolidayKind;
  /** Dutch name shown to users, e.g. "voorjaarsvakantie (carnaval)". */
  name: string;
  /** First day off, inclusive. */
  firstDay: IsoDate;
  /** Last day off, inclusive. */
  lastDay: IsoDate;
};

export type SchoolHolidayData = {
  region: SchoolHolidayRegion;
  /** The school years the file covers, also those listed without any holiday. */
  schoolYears: SchoolYearLabel[];
  /** All holidays, sorted by first day. */
  holidays: SchoolHoliday[];
};

// No real school holiday lasts longer than the summer break (about 6.5 weeks); anything far
// beyond that is almost certainly a typo in a year, which would silently mute the bot for months.
const MAX_HOLIDAY_DAYS = 70;

const isoDateSchema = z
  .string()
  .refine(isValidIsoDate, { message: "is geen geldige datum (verwacht \"JJJJ-MM-DD\" tussen aanhalingstekens)" });

const schoolHolidayEntrySchema = z
  .object({
    kind: z.enum(SCHOOL_HOLIDAY_KINDS),
    name: z.string().trim().min(1),
    firstDay: isoDateSchema,
    lastDay: isoDateSchema,
  })
  .strict();

/**
 * Zod schema for the content of schoolvakanties-*.yaml (after YAML parsing). Structural
 * problems get a Dutch message through `dutchErrorMap`; the checks across fields below write
 * complete Dutch sentences that name the holiday, so the beheerder can find the line to fix.
 */
export const schoolHolidayFileSchema = z
  .object({
    region: z.enum(SCHOOL_HOLIDAY_REGIONS),
    schoolYears: z.record(z.string(), z.array(schoolHolidayEntrySchema)),
  })
  .strict()
  .superRefine((file, ctx) => {
    for (const [label, entries] of Object.entries(file.schoolYears)) {
      if (!isSchoolYearLabel(label)) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["schoolYears", label],
          message: `schooljaar '${label}' is ongeldig: verwacht twee opeenvolgende jaren als JJJJ-JJJJ, bijvoorbeeld 2026-2027`,
          params: { located: true },
        });
        continue;
      }
      const { firstDay: yearFirstDay, lastDay: yearLastDay } = getSchoolYearDays(label);
      entries.forEach((entry, index) => {
        // A refine failure on a date does not stop this check from running, so skip entries
        // whose dates were already reported as invalid.
        if (!isValidIsoDate(entry.firstDay) || !isValidIsoDate(entry.lastDay)) return;
        const where = `vakantie '${entry.name}' in ${label}`;
        const addIssue = (field: "firstDay" | "lastDay", message: string) =>
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["schoolYears", label, index, field],
            message: `${where}: ${message}`,
            params: { located: true },
          });
        if (entry.lastDay < entry.firstDay) {
          addIssue("lastDay", "einddatum ligt vóór begindatum");
          return;
        }
        if (entry.firstDay < yearFirstDay || entry.firstDay > yearLastDay) {
          addIssue(
            "firstDay",
            `begindatum ${entry.firstDay} valt niet in schooljaar ${label} (${yearFirstDay} t/m ${yearLastDay})`,
          );
        }
        if (entry.lastDay > shiftIsoDate(entry.firstDay, MAX_HOLIDAY_DAYS - 1)) {
          addIssue(
            "lastDay",
            `duurt langer dan ${MAX_HOLIDAY_DAYS} dagen (${entry.firstDay} t/m ${entry.lastDay}); controleer de begin- en einddatum`,
          );
        }
      });
    }
  });

export type SchoolHolidayFile = z.infer<typeof schoolHolidayFileSchema>;

const DUTCH_TYPE_NAMES: Record<string, string> = {
  string: "tekst",
  number: "getal",
  boolean: "ja/nee-waarde",
  object: "sectie met velden",
  array: "lijst",
  null: "leeg",
  undefined: "niets",
  date: "datum",
};

function translateType(type: string): string {
  return DUTCH_TYPE_NAMES[type] ?? type;
}

/** Dutch messages for zod's structural issues: the beheerder reading them does not read English. */
const dutchErrorMap: z.ZodErrorMap = (issue, ctx) => {
  switch (issue.code) {
    case z.ZodIssueCode.invalid_type:
      if (issue.received === "undefined") return { message: "ontbreekt" };
      return { message: `heeft het verkeerde type: verwacht ${translateType(issue.expected)}, gevonden ${translateType(issue.received)}` };
    case z.ZodIssueCode.invalid_enum_value:
      return { message: `'${String(issue.received)}' is geen geldige waarde; kies uit: ${issue.options.join(", ")}` };
    case z.ZodIssueCode.unrecognized_keys:
      return { message: `onbekend veld: ${issue.keys.join(", ")}` };
    case z.ZodIssueCode.too_small:
      return { message: "mag niet leeg zijn" };
    default:
      return { message: ctx.defaultError };
  }
};

const FIELD_LABELS: Record<string, string> = {
  kind: "soort (kind)",
  name: "naam (name)",
  firstDay: "begindatum (firstDay)",
  lastDay: "einddatum (lastDay)",
};

function readEntryName(raw: unknown, label: string, index: number): string | undefined {
  if (typeof raw !== "object" || raw === null) return undefined;
  const years = (raw as { schoolYears?: unknown }).schoolYears;
  if (typeof years !== "object" || years === null) return undefined;
  const entries = (years as Record<string, unknown>)[label];
  if (!Array.isArray(entries)) return undefined;
  const entry: unknown = entries[index];
  if (typeof entry !== "object" || entry === null) return undefined;
  const name = (entry as { name?: unknown }).name;
  return typeof name === "string" && name.trim() !== "" ? name.trim() : undefined;
}

/** Turns a zod issue into one Dutch line that says where in the file the problem is. */
function formatIssue(issue: z.ZodIssue, raw: unknown): string {
  if (issue.code === z.ZodIssueCode.custom && (issue.params as { located?: boolean } | undefined)?.located) {
    return issue.message;
  }
  const [section, label, index, field, ...rest] = issue.path;
  if (section === "schoolYears" && typeof label === "string" && typeof index === "number") {
    const name = readEntryName(raw, label, index);
    const where = name === undefined ? `vakantie nr. ${index + 1} in ${label}` : `vakantie '${name}' in ${label}`;
    if (typeof field === "string" && rest.length === 0) return `${where}: ${FIELD_LABELS[field] ?? field} ${issue.message}`;
    return `${where}: ${issue.message}`;
  }
  if (section === "schoolYears" && typeof label === "string") return `schooljaar '${label}': ${issue.message}`;
  if (section === "schoolYears") return `schoolYears: ${issue.message}`;
  if (section === "region") return `regio (region): ${issue.message}`;
  return issue.path.length === 0 ? issue.message : `${issue.path.join(".")}: ${issue.message}`;
}

function describeSource(sourceName: string | undefined): string {
  return sourceName === undefined ? "Het schoolvakantiebestand" : `Het schoolvakantiebestand '${sourceName}'`;
}

function failWith(lines: string[], sourceName: string | undefined, cause?: unknown): never {
  throw new CalendarError(
    "INVALID_SCHOOL_HOLIDAYS",
    `${describeSource(sourceName)} is ongeldig:\n${lines.map((line) => `- ${line}`).join("\n")}`,
    { code: "CONFIG_INVALID", details: lines, cause },
  );
}

/**
 * Validates already-parsed file content (e.g. from a test or another format) and returns the
 * holidays in a flat, sorted list. Throws CalendarError INVALID_SCHOOL_HOLIDAYS listing every problem.
 */
export function validateSchoolHolidays(content: unknown, options?: { sourceName?: string }): SchoolHolidayData {
  if (content === null || content === undefined) failWith(["het bestand is leeg"], options?.sourceName);
  const result = schoolHolidayFileSchema.safeParse(content, { errorMap: dutchErrorMap });
  if (!result.success) {
    failWith(
      result.error.issues.map((issue) => formatIssue(issue, content)),
      options?.sourceName,
    );
  }
  const schoolYears = Object.keys(result.data.schoolYears).sort() as SchoolYearLabel[];
  const holidays: SchoolHoliday[] = schoolYears.flatMap((label) =>
    (result.data.schoolYears[label] ?? []).map((entry) => ({
      schoolYear: label,
      kind: entry.kind,
      name: entry.name,
      firstDay: entry.firstDay,
      lastDay: entry.lastDay,
    })),
  );
  holidays.sort((a, b) => (a.firstDay < b.firstDay ? -1 : a.firstDay > b.firstDay ? 1 : 0));
  return { region: result.data.region, schoolYears, holidays };
}

/** Parses and validates the YAML text of a school holiday file. */
export function parseSchoolHolidays(yamlText: string, options?: { sourceName?: string }): SchoolHolidayData {
  let content: unknown;
  try {
    // The YAML 1.2 core schema (the yaml package default) keeps 2026-10-17 a string, so dates
    // never turn into time-zone-shifted Date objects; duplicate keys (a school year listed
    // twice) are rejected by the parser.
    content = parseYaml(yamlText);
  } catch (error) {
    const detail = error instanceof Error ? describeYamlError(error as Error & { code?: string; linePos?: { line: number; col: number }[] }) : String(error);
    failWith([`geen geldige YAML: ${detail}`], options?.sourceName, error);
  }
  return validateSchoolHolidays(content, options);
}

/** The school holidays that include `day` (usually none or one; overlapping entries are allowed). */
export function findSchoolHolidays(day: IsoDate, holidays: readonly SchoolHoliday[]): SchoolHoliday[] {
  return holidays.filter((holiday) => holiday.firstDay <= day && day <= holiday.lastDay);
}

/** The holidays of one school year, sorted by first day. */
export function listSchoolHolidaysOfYear(label: string, holidays: readonly SchoolHoliday[]): SchoolHoliday[] {
  return holidays.filter((holiday) => holiday.schoolYear === label);
}
