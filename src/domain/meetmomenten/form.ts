import { z } from "zod";
import type { KpiUnit } from "../catalogue.js";
import { buildPupilDataRefusal, containsBsn } from "../free-text.js";

/**
 * The meetmoment form, derived from an activity's KPI definitions. ONE description per KPI (a
 * FormField) feeds both sides: the card's inputs get their client-side rules from it (regex,
 * maxLength, errorMessage) and `buildFormSchema` turns the same fields into the zod schema the
 * server checks every submission with. No form is written by hand per activity.
 *
 * Numbers are typed into text inputs, not Input.Number: a number box in Teams silently drops
 * "97,5" (the Dutch decimal comma), clamps "150" to its max and "-4" to its min, so the server
 * never sees what was typed. A text input sends the text as typed; the client pattern only
 * catches what can never be a valid value, and the server checks the rest and answers on the card.
 * A forged or other client may send anything, so every value is checked for its type as well.
 */

/** What the form needs of a KPI: its definition plus the norm and previous value it shows. */
export type FormKpi = {
  kpiId: number;
  key: string;
  name: string;
  unit: KpiUnit;
};

export type FormField = {
  kpiId: number;
  key: string;
  /** The card input's id: "kpi_<key>" (KPI keys are slugs, so ids stay valid). */
  inputId: string;
  /** The KPI's Dutch name, as the input's label. */
  label: string;
  unit: KpiUnit;
  input: "number" | "text";
  /** Numbers: inclusive bounds. */
  min: number | null;
  max: number | null;
  /** Numbers: digits allowed after the decimal separator. */
  decimals: number;
  /** Text: longest accepted value, in characters. */
  maxLength: number | null;
  /**
   * The client-side pattern: numbers "digits, optionally a comma or point and the allowed decimals",
   * text "at least one non-space character". The server applies the same rule, plus the bounds.
   */
  regex: string | null;
  placeholder: string;
  /** Shown by the client under an input that breaks a rule, and by the server in its error list. */
  errorMessage: string;
};

export type FormValue = number | string;
export type FormMode = "concept" | "indienen";

/** Counts are people and events in one region: a million leaves room and catches typing slips. */
export const COUNT_MAX = 1_000_000;
export const TEXT_MAX_LENGTH = 2000;
/** The prefix of every KPI input id; other keys in the data belong to the envelope. */
export const INPUT_PREFIX = "kpi_";
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";
/** Whole numbers: digits only. "1.000" is refused, not guessed: a thousand in Dutch, one in English. */
const WHOLE_NUMBER = "^\\s*\\d{1,9}\\s*$";
/** Percentages: at most one decimal, comma or point, an optional "%": "87,5", "87.5", "87,5 %". */
const PERCENTAGE = "^\\s*\\d{1,9}(?:[.,]\\d)?\\s*%?\\s*$";

export function toInputId(key: string): string {
  return `${INPUT_PREFIX}${key}`;
}

export function deriveFormField(kpi: FormKpi): FormField {
  const base = { kpiId: kpi.kpiId, key: kpi.key, inputId: toInputId(kpi.key), label: kpi.name, unit: kpi.unit };
  switch (kpi.unit) {
    case "count":
      return {
        ...base,
        input: "number",
        min: 0,
        max: COUNT_MAX,
        decimals: 0,
        maxLength: null,
        regex: WHOLE_NUMBER,
        placeholder: "aantal, bijvoorbeeld 120",
        errorMessage: "Vul een heel getal in van 0 tot en met 1 miljoen, alleen cijfers (dus 1000, niet 1.000).",
      };
    case "percentage":
      return {
        ...base,
        input: "number",
        min: 0,
        max: 100,
        decimals: 1,
        maxLength: null,
        regex: PERCENTAGE,
        placeholder: "percentage 0-100, bijvoorbeeld 87,5",
        errorMessage: "Vul een percentage in van 0 tot en met 100, met hooguit één cijfer achter de komma.",
      };
    case "text":
      return {
        ...base,
        input: "text",
        min: null,
        max: null,
        decimals: 0,
        maxLength: TEXT_MAX_LENGTH,
        regex: NOT_BLANK,
        placeholder: "korte toelichting",
        errorMessage: `Vul een toelichting in van hooguit ${TEXT_MAX_LENGTH} tekens.`,
      };
  }
}

export function deriveFormFields(kpis: readonly FormKpi[]): FormField[] {
  return kpis.map(deriveFormField);
}

const BSN_MESSAGE = buildPupilDataRefusal({ bsn: true, unknownAddresses: 0 }, "Dit veld");

type FieldCheck = { ok: true; value: FormValue | undefined } | { ok: false; message: string };

function isEmpty(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "");
}

/**
 * A number as typed: "12", "87,5", "87.5", "87,5 %"; null when it is not a plain decimal number
 * with at most `decimals` digits after its separator. That limit keeps "1.000" (a thousand in
 * Dutch) from being read as 1: it is refused, never guessed.
 */
function readNumber(raw: unknown, allowPercentSign: boolean, decimals: number): number | null {
  if (typeof raw === "number") return Number.isFinite(raw) ? raw : null;
  if (typeof raw !== "string") return null;
  let text = raw.trim();
  if (allowPercentSign) text = text.replace(/\s*%$/, "");
  // Digits, optionally one separator and the allowed decimals: no exponent, sign, hex or thousands dots.
  const pattern = decimals > 0 ? new RegExp(`^\\d{1,9}(?:[.,]\\d{1,${decimals}})?$`) : /^\d{1,9}$/;
  if (!pattern.test(text)) return null;
  return Number(text.replace(",", "."));
}

function hasAtMostDecimals(value: number, decimals: number): boolean {
  const scaled = value * 10 ** decimals;
  return Math.abs(scaled - Math.round(scaled)) < 1e-9;
}

/** Checks one value against its field. Empty is "no value"; whether that is allowed depends on the mode. */
export function checkFieldValue(field: FormField, raw: unknown): FieldCheck {
  if (isEmpty(raw)) return { ok: true, value: undefined };
  if (field.input === "number") {
    const value = readNumber(raw, field.unit === "percentage", field.decimals);
    if (value === null || value < (field.min ?? -Infinity) || value > (field.max ?? Infinity) || !hasAtMostDecimals(value, field.decimals)) {
      return { ok: false, message: field.errorMessage };
    }
    return { ok: true, value: field.decimals === 0 ? Math.round(value) : Math.round(value * 10 ** field.decimals) / 10 ** field.decimals };
  }
  if (typeof raw !== "string") return { ok: false, message: field.errorMessage };
  const text = raw.trim().replace(/\r\n?/g, "\n");
  // Control characters and broken Unicode cannot be shown back on a card or in a spreadsheet.
  // eslint-disable-next-line no-control-regex
  if (text.length > (field.maxLength ?? Infinity) || LONE_SURROGATE.test(text) || /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(text)) {
    return { ok: false, message: field.errorMessage };
  }
  if (containsBsn(text)) return { ok: false, message: BSN_MESSAGE };
  return { ok: true, value: text };
}

export type FormIssue = { inputId: string | null; label: string | null; message: string };

/**
 * The zod schema of one form: exactly the form's inputs (an unknown key is refused, so a card of
 * another activity or an older catalogue cannot slip values in), each checked by its field. In
 * mode "indienen" every KPI needs a value; a "concept" may leave any empty.
 */
export function buildFormSchema(fields: readonly FormField[], mode: FormMode): z.ZodType<Record<string, FormValue | undefined>, z.ZodTypeDef, unknown> {
  const shape: Record<string, z.ZodType<FormValue | undefined, z.ZodTypeDef, unknown>> = {};
  for (const field of fields) {
    shape[field.inputId] = z.unknown().transform((raw, ctx) => {
      const checked = checkFieldValue(field, raw);
      if (!checked.ok) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: checked.message });
        return z.NEVER;
      }
      if (checked.value === undefined && mode === "indienen") {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: "Nog niet ingevuld: bij indienen is elke KPI verplicht." });
        return z.NEVER;
      }
      return checked.value;
    });
  }
  return z.object(shape).strict() as unknown as z.ZodType<Record<string, FormValue | undefined>, z.ZodTypeDef, unknown>;
}

export type FormParseResult = { ok: true; values: Map<number, FormValue> } | { ok: false; issues: FormIssue[] };

/**
 * Validates the inputs of a submitted form (the action data without its envelope keys) with
 * the derived schema. The result maps KPI ids to values; empty fields are absent.
 */
export function parseFormInputs(fields: readonly FormField[], inputs: unknown, mode: FormMode): FormParseResult {
  if (typeof inputs !== "object" || inputs === null || Array.isArray(inputs)) return { ok: false, issues: [{ inputId: null, label: null, message: "De kaart stuurde geen formuliergegevens." }] };
  const parsed = buildFormSchema(fields, mode).safeParse(inputs);
  if (!parsed.success) {
    const byId = new Map(fields.map((f) => [f.inputId, f]));
    const issues: FormIssue[] = [];
    for (const issue of parsed.error.issues) {
      if (issue.code === z.ZodIssueCode.unrecognized_keys) {
        issues.push({ inputId: null, label: null, message: `Deze kaart bevat velden die niet bij dit formulier horen (${issue.keys.length}). Vraag een nieuw formulier met **cijfers**.` });
        continue;
      }
      const field = byId.get(String(issue.path[0]));
      issues.push({ inputId: field?.inputId ?? null, label: field?.label ?? null, message: issue.message });
    }
    return { ok: false, issues };
  }
  const values = new Map<number, FormValue>();
  for (const field of fields) {
    const value = parsed.data[field.inputId];
    if (value !== undefined) values.set(field.kpiId, value);
  }
  return { ok: true, values };
}

/** "87,5 %", "1.204", text as is: how a value is shown back on cards. */
export function formatFormValue(unit: KpiUnit, value: FormValue): string {
  if (typeof value === "string") return value;
  if (unit === "percentage") return `${value.toLocaleString("nl-NL", { maximumFractionDigits: 1 })} %`;
  return value.toLocaleString("nl-NL", { maximumFractionDigits: 0 });
}

/** The value to pre-fill an input with: what is stored, in the Dutch notation the input accepts ("87,5"). */
export function toInputValue(value: FormValue | undefined): string {
  if (value === undefined) return "";
  return typeof value === "number" ? String(value).replace(".", ",") : value;
}
