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
    ["97,5", 97.5],
    [0, 0],
  ])("accepts the percentage %j", (raw, value) => expect(checkFieldValue(percentage, raw)).toEqual({ ok: true, value }));

  it.each(["1.000", "1,000", "87.50", "50.000"])("refuses the percentage %j instead of reading a thousands dot as a decimal point (\"1.000\" was stored as 1)", (raw) => {
    expect(checkFieldValue(percentage, raw)).toEqual({ ok: false, message: percentage.errorMessage });
  });

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

/** What an Adaptive Cards client checks before it sends a text input: required, maxLength, regex. */
function clientAccepts(input: Record<string, unknown>, value: string): boolean {
  if (value === "") return !input.isRequired;
  if (typeof input.maxLength === "number" && input.maxLength > 0 && value.length > input.maxLength) return false;
  return typeof input.regex !== "string" || input.regex === "" || new RegExp(input.regex as string).test(value);
}

describe("the card's client-side rules come from the same fields as the server's", () => {
  const rows = fields.map((field) => ({ field, norm: "", previous: "" }));
  const card = renderFormCard(buildFormCardData({ envelope: { roundId: 1, activityId: "ddd", schoolYear: "2026-2027" }, activityName: "DDD", periodLabel: "november 2026", lastDayLabel: "13 november", statusLabel: "open", correcting: false, rows }));
  const inputs: Record<string, unknown>[] = [];
  const collectInputs = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(collectInputs);
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    if (typeof object.type === "string" && object.type.startsWith("Input.")) inputs.push(object);
    Object.values(object).forEach(collectInputs);
  };
  collectInputs(card);

  it("renders every KPI as a text input (a number box changes what is typed) with its label, pattern and error message", () => {
    expect(inputs.map((i) => [i.type, i.id, i.label])).toEqual(fields.map((f) => ["Input.Text", f.inputId, f.label]));
    expect(inputs[0]).toMatchObject({ regex: count.regex, errorMessage: count.errorMessage });
    expect(inputs[0]).not.toHaveProperty("isMultiline");
    expect(inputs[1]).toMatchObject({ regex: percentage.regex, errorMessage: percentage.errorMessage });
    expect(inputs[2]).toMatchObject({ isMultiline: true, maxLength: TEXT_MAX_LENGTH, regex: text.regex, errorMessage: text.errorMessage });
  });

  it("never lets the client block a value the server accepts", () => {
    const typed = fc.oneof(fc.string({ maxLength: 30 }), fc.integer({ min: -10, max: 2 * COUNT_MAX }).map(String), fc.tuple(fc.double({ min: -5, max: 120, noNaN: true }), fc.integer({ min: 0, max: 2 })).map(([n, digits]) => n.toFixed(digits)));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 }), typed, (index, value) => {
        const server = checkFieldValue(fields[index]!, value);
        const client = clientAccepts(inputs[index]!, value.trim());
        if (server.ok && server.value !== undefined) expect(client).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("stores a typed number as typed or refuses it, never a changed number (issue 16)", () => {
    const typed = fc.oneof(fc.stringMatching(/^-?\d{1,4}([.,]\d{1,3})?( ?%)?$/), fc.integer({ min: -10, max: 200 }).map(String));
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1 }), typed, (index, value) => {
        const server = checkFieldValue(fields[index]!, value);
        if (server.ok && server.value !== undefined) expect(server.value).toBe(Number(value.replace(/\s*%$/, "").replace(",", ".")));
      }),
      { numRuns: 500 },
    );
  });

  it("the client stops -4 and 1.000 with the Dutch error message; the server answers 150 %", () => {
    for (const index of [0, 1]) {
      expect(clientAccepts(inputs[index]!, "-4")).toBe(false);
      expect(clientAccepts(inputs[index]!, "1.000")).toBe(false);
      expect(inputs[index]!.errorMessage).toMatch(/^Vul /);
    }
    expect(clientAccepts(inputs[1]!, "97,5")).toBe(true);
    expect(clientAccepts(inputs[1]!, "150")).toBe(true);
    expect(checkFieldValue(percentage, "150")).toEqual({ ok: false, message: percentage.errorMessage });
  });
});
