import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildFormCardData, renderFormCard } from "../../../src/cards/meetmoment-cards.js";
import { buildFormSchema, checkFieldValue, COUNT_MAX, deriveFormFields, parseFormInputs, TEXT_MAX_LENGTH, type FormKpi } from "../../../src/domain/meetmomenten/form.js";

const kpis: FormKpi[] = [
  { kpiId: 1, key: "leerlingen", name: "aantal geregistreerde leerlingen met een ingevuld DDD", unit: "count" },
  { kpiId: 2, key: "geplaatst", name: "% overstappers definitief geplaatst", unit: "percentage" },
  { kpiId: 3, key: "toelichting", name: "late aanmeldingen / zomerlek", unit: "text" },
];
const fields = deriveFormFields(kpis);
const [count, percentage, text] = fields as [(typeof fields)[0], (typeof fields)[0], (typeof fields)[0]];
const complete = { kpi_leerlingen: "3100", kpi_geplaatst: "97,5", kpi_toelichting: "Minder late aanmeldingen." };

describe("deriveFormFields: one description per KPI", () => {
  it("gives counts an integer input >= 0, percentages 0-100 with one decimal, text a bounded text area", () => {
    expect(count).toMatchObject({ inputId: "kpi_leerlingen", input: "number", min: 0, max: COUNT_MAX, decimals: 0, label: kpis[0]!.name });
    expect(percentage).toMatchObject({ inputId: "kpi_geplaatst", input: "number", min: 0, max: 100, decimals: 1 });
    expect(text).toMatchObject({ inputId: "kpi_toelichting", input: "text", maxLength: TEXT_MAX_LENGTH, regex: expect.any(String) });
    for (const f of fields) expect(f.errorMessage).toMatch(/^Vul /);
  });
});

describe("checkFieldValue and the derived schema", () => {
  it.each([
    ["12", 12],
    [" 12 ", 12],
    [12, 12],
    ["0", 0],
    [String(COUNT_MAX), COUNT_MAX],
  ])("accepts the count %j", (raw, value) => expect(checkFieldValue(count, raw)).toEqual({ ok: true, value }));

  it.each(["-1", "12.5", "1e3", "0x10", "12abc", "1.000.000", String(COUNT_MAX + 1), "NaN", "Infinity", true, [], {}, [12], -0.5, Number.NaN])("refuses the count %j", (raw) => {
    expect(checkFieldValue(count, raw)).toEqual({ ok: false, message: count.errorMessage });
  });

  it.each(["1.000", "12.000", "1,000", "120,0"])("refuses the count %j instead of storing a thousands dot as a decimal point (\"1.000\" is not 1)", (raw) => {
    expect(checkFieldValue(count, raw)).toEqual({ ok: false, message: count.errorMessage });
  });

  it.each([
    ["87,5", 87.5],
    ["87.5", 87.5],
    ["87,5 %", 87.5],
    ["100", 100],
    ["87.50", 87.5],
    [0, 0],
  ])("accepts the percentage %j", (raw, value) => expect(checkFieldValue(percentage, raw)).toEqual({ ok: true, value }));

  it.each(["87,55", "100.1", "101", "-0,5", "%", "87,5,5", "1/2", false, { v: 1 }])("refuses the percentage %j", (raw) => {
    expect(checkFieldValue(percentage, raw).ok).toBe(false);
  });

  it("keeps text trimmed, refuses non-text, overlong text, control characters and BSN-like numbers", () => {
    expect(checkFieldValue(text, "  Minder uitval.\r\nMeer begeleiding. ")).toEqual({ ok: true, value: "Minder uitval.\nMeer begeleiding." });
    expect(checkFieldValue(text, "   ")).toEqual({ ok: true, value: undefined });
    expect(checkFieldValue(text, 12).ok).toBe(false);
    expect(checkFieldValue(text, "x".repeat(TEXT_MAX_LENGTH + 1)).ok).toBe(false);
    expect(checkFieldValue(text, "a\u0000b").ok).toBe(false);
    expect(checkFieldValue(text, "a\ud800b").ok).toBe(false);
    expect(checkFieldValue(text, "leerling 123456782 ging weg")).toEqual({ ok: false, message: expect.stringContaining("burgerservicenummer") });
  });

  it("requires every KPI when submitting, none for a draft", () => {
    expect(parseFormInputs(fields, complete, "indienen")).toEqual({ ok: true, values: new Map<number, number | string>([[1, 3100], [2, 97.5], [3, "Minder late aanmeldingen."]]) });
    const partial = { kpi_leerlingen: "3100", kpi_geplaatst: "" };
    expect(parseFormInputs(fields, partial, "concept")).toEqual({ ok: true, values: new Map([[1, 3100]]) });
    const refused = parseFormInputs(fields, partial, "indienen");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.issues.map((i) => i.inputId)).toEqual(["kpi_geplaatst", "kpi_toelichting"]);
  });

  it("refuses fields that are not on this form (another activity's card, an older catalogue) and non-objects", () => {
    const extra = parseFormInputs(fields, { ...complete, kpi_ander: "5" }, "indienen");
    expect(extra).toMatchObject({ ok: false, issues: [{ inputId: null, message: expect.stringContaining("niet bij dit formulier") }] });
    for (const bad of [null, "x", 5, [complete]]) expect(parseFormInputs(fields, bad, "concept").ok).toBe(false);
  });

  it("is one schema built from the fields: its output equals parseFormInputs for any input", () => {
    const schema = buildFormSchema(fields, "concept");
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom("kpi_leerlingen", "kpi_geplaatst", "kpi_toelichting"), fc.oneof(fc.string(), fc.double(), fc.integer(), fc.constant(null))), (inputs) => {
        expect(schema.safeParse(inputs).success).toBe(parseFormInputs(fields, inputs, "concept").ok);
      }),
    );
  });
});

/** What an Adaptive Cards client checks before it sends: min/max for numbers, regex and maxLength for text. */
function clientAccepts(input: Record<string, unknown>, value: string): boolean {
  if (value === "") return !input.isRequired;
  if (input.type === "Input.Number") {
    const n = Number(value);
    return Number.isFinite(n) && n >= (input.min as number) && n <= (input.max as number);
  }
  if (typeof input.maxLength === "number" && value.length > input.maxLength) return false;
  return typeof input.regex !== "string" || new RegExp(input.regex as string).test(value);
}

/** The values an HTML/Adaptive Cards number input can hold (a valid floating-point number, or empty). */
function canNumberInputHold(value: string): boolean {
  return value === "" || /^-?(\d+(\.\d+)?|\.\d+)([eE][-+]?\d+)?$/.test(value);
}

describe("the card's client-side rules come from the same fields as the server's", () => {
  const rows = fields.map((field) => ({ field, norm: "", previous: "" }));
  const card = renderFormCard(buildFormCardData({ envelope: { roundId: 1, activityId: "ddd", schoolYear: "2026-2027" }, activityName: "DDD", periodLabel: "november 2026", lastDayLabel: "13 november", statusLabel: "open", correcting: false, rows }));
  const inputs = JSON.stringify(card).match(/\{[^{}]*"type":"Input\.(Number|Text)"[^{}]*\}/g)!.map((s) => JSON.parse(s) as Record<string, unknown>);

  it("renders every KPI as an input with its label, bounds, pattern and error message", () => {
    expect(inputs.map((i) => [i.type, i.id, i.label])).toEqual(fields.map((f) => [f.input === "number" ? "Input.Number" : "Input.Text", f.inputId, f.label]));
    expect(inputs[0]).toMatchObject({ min: 0, max: COUNT_MAX, errorMessage: count.errorMessage });
    expect(inputs[1]).toMatchObject({ min: 0, max: 100, errorMessage: percentage.errorMessage });
    expect(inputs[2]).toMatchObject({ isMultiline: true, maxLength: TEXT_MAX_LENGTH, regex: text.regex, errorMessage: text.errorMessage });
  });

  it("never lets the client block a value the server accepts", () => {
    const typed = fc.oneof(fc.string({ maxLength: 30 }), fc.integer({ min: -10, max: 2 * COUNT_MAX }).map(String), fc.tuple(fc.double({ min: -5, max: 120, noNaN: true }), fc.integer({ min: 0, max: 2 })).map(([n, digits]) => n.toFixed(digits)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), typed, (index, value) => {
        // A number box can only hold a plain number: "87,5 %" or "1,5" never reaches the server from it.
        // The server also takes those (typed in chat, pasted by older clients); that leniency is not the client's to match.
        fc.pre(inputs[index]!.type !== "Input.Number" || canNumberInputHold(value.trim()));
        const server = checkFieldValue(fields[index]!, value);
        const client = clientAccepts(inputs[index]!, value.trim());
        if (server.ok && server.value !== undefined) expect(client).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
