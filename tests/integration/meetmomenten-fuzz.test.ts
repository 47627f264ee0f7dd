import { findEmailAddresses } from "../../src/domain/free-text.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listCatalogueMeetmomenten } from "../../src/services/catalogue.js";
import { checkFieldValue, COUNT_MAX, deriveFormFields, parseFormInputs, TEXT_MAX_LENGTH, type FormField } from "../../src/domain/meetmomenten/form.js";
import { GENERIC_USER_ERROR } from "../../src/errors.js";
import { listRoundParties } from "../../src/db/meetmomenten.js";
import { listAskedKpis } from "../../src/domain/meetmomenten/round.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { ALEX, amsterdam, cardText, createTestClock, ISAIAH, press, runJobAt, type InvokeAnswer } from "../support/meetmomenten.js";

/**
 * Every meetmoment form of the catalogue, fuzzed through /api/messages (adaptiveCard/action
 * invokes built from the card-action-invoke fixture): random and adversarial values for each
 * input type, missing fields, extra fields, wrong types, a closed round, another activity's
 * round and a card from last year. Each bad input gets a Dutch answer, leaves the stored
 * measurements exactly as they were, and never fails the turn. Valid random input is stored
 * exactly as the derived schema reads it. FUZZ_RUNS scales the number of cases (default 250).
 */
const SCALE = Math.max(0.2, Number(process.env.FUZZ_RUNS ?? 250) / 250);
const runs = (n: number) => Math.max(1, Math.round(n * SCALE));
const clock = createTestClock(amsterdam("2026-08-24T09:00"));
let bot: TestAanjager;
let invokes = 0;

type FormUnderTest = { roundId: number; activityId: string; schoolYear: string; party: string; openedAt: Date; fields: FormField[] };
const forms: FormUnderTest[] = [];
let lastYearRound: { id: number; activityId: string };

beforeAll(async () => {
  // Hundreds of card refreshes in one chat would hit Teams' per-conversation limits (the mock
  // enforces them, answering 429 and making the adapter wait); input handling is what is tested here.
  bot = await startTestAanjager({ clock: clock.now, env: { RATE_LIMIT_PER_USER: "10000" }, connector: { throttle: false } });
  // Open the first round of every activity with dated meetmomenten in 2026-2027. The job runs
  // from the last date back to the first, so no run closes a round an earlier date opened.
  const firstDays = new Map<string, string>();
  for (const m of await listCatalogueMeetmomenten(bot.app.db, "2026-2027", bot.app.jobDeps.calendar)) if (!firstDays.has(m.activityId)) firstDays.set(m.activityId, m.workingDay);
  for (const day of [...new Set(firstDays.values())].sort().reverse()) await runJobAt(bot, amsterdam(`${day}T08:10`));
  for (const [activityId, day] of firstDays) {
    const round = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { activityId, openDay: day } });
    expect(round.status).toBe("open");
    // The form asks what listAskedKpis leaves (no DUO-fed KPI; an unmeasurable one as text).
    const kpis = listAskedKpis(await bot.app.db.kpi.findMany({ where: { activityId, archivedAt: null }, orderBy: { position: "asc" } }));
    // A per-party activity's card carries its party: the demo owner's own (no school on the role).
    const activity = await bot.app.db.activity.findUniqueOrThrow({ where: { id: activityId } });
    const [party] = activity.figuresPer ? await listRoundParties(bot.app.db, activityId, activity.ownerRole, activity.figuresPer) : [];
    forms.push({ roundId: round.id, activityId, schoolYear: round.schoolYear, party: party?.key ?? "", openedAt: round.openedAt!, fields: deriveFormFields(kpis.map((k) => ({ kpiId: k.id, key: k.key, name: k.name, unit: k.unit as "count" }))) });
  }
  await runJobAt(bot, amsterdam("2025-11-03T08:10"));
  lastYearRound = await bot.app.db.meetmomentRound.findFirstOrThrow({ where: { schoolYear: "2025-2026", activityId: "ddd" } });
});
afterAll(async () => {
  console.log(`meetmoment fuzz: ${forms.length} forms, ${invokes} invokes`);
  await bot?.close();
});

async function snapshot() {
  return bot.app.db.measurement.findMany({ orderBy: { id: "asc" } });
}

async function send(form: FormUnderTest, verb: string, data: unknown, who = ALEX): Promise<InvokeAnswer> {
  clock.set(new Date(form.openedAt.getTime() + 60 * 60 * 1000));
  invokes++;
  const { status, body } = await press(bot, who, verb, data);
  expect(status).toBe(200);
  expect(body.statusCode).toBe(200);
  return body;
}

/** A refusal: a Dutch answer saying nothing was stored, never the error sink's message. */
function expectRefused(answer: InvokeAnswer) {
  const text = cardText(answer);
  expect(text).toMatch(/niets (opgeslagen|veranderd)/);
  expect(text).not.toContain(GENERIC_USER_ERROR);
}

const envelopeOf = (form: FormUnderTest) => ({ roundId: form.roundId, activityId: form.activityId, schoolYear: form.schoolYear, party: form.party });
const verbs = fc.constantFrom("meetmoment-indienen", "meetmoment-concept");
const junk = fc.oneof(fc.constantFrom(true, false, [], {}, [1], { value: 1 }, "1e3", "0x10", "١٢", "12abc", "NaN", "Infinity", "-0,5", "1.000.000", "${title}", "\u0000", "\ud800"), fc.string({ maxLength: 20 }), fc.double(), fc.integer());

/** What a value becomes on its way over HTTP (JSON has no Infinity, NaN or -0). */
const wire = <T>(value: T): unknown => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));

/** Values the field must refuse, per input type. */
function invalidValue(field: FormField): fc.Arbitrary<unknown> {
  const typed =
    field.unit === "count"
      ? fc.oneof(fc.integer({ max: -1 }).map(String), fc.integer({ min: COUNT_MAX + 1 }).map(String), fc.double({ min: 0.01, max: 1000, noInteger: true }).map(String))
      : field.unit === "percentage"
        ? fc.oneof(fc.double({ min: 100.05, max: 1e6, noNaN: true }).map((n) => n.toFixed(1)), fc.integer({ min: 1, max: 999 }).map((n) => `${n % 100}.${String(n).padStart(2, "1")}`), fc.integer({ max: -1 }).map(String))
        : fc.oneof(fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 2 }), fc.constant("x".repeat(TEXT_MAX_LENGTH + 1)), fc.constant("bsn 123456782"), fc.string().map((s) => `${s}\u0007`));
  return fc.oneof(typed, junk).filter((v) => !checkFieldValue(field, wire(v)).ok);
}

/** Values the field accepts, as a person would type them. */
function validValue(field: FormField): fc.Arbitrary<string> {
  if (field.unit === "count") return fc.integer({ min: 0, max: COUNT_MAX }).map(String);
  if (field.unit === "percentage") return fc.integer({ min: 0, max: 1000 }).map((n) => (n / 10).toString().replace(".", ","));
  // An e-mail address is refused later, against the directory (tests/integration/meetmomenten.test.ts).
  return fc.string({ minLength: 1, maxLength: 200 }).filter((s) => checkFieldValue(field, s).ok && s.trim() !== "" && findEmailAddresses(s).length === 0);
}

function inputsWithOneInvalid(form: FormUnderTest): fc.Arbitrary<Record<string, unknown>> {
  return fc.integer({ min: 0, max: Math.max(0, form.fields.length - 1) }).chain((bad) =>
    fc.tuple(...form.fields.map((f, i) => (i === bad ? invalidValue(f) : fc.option(validValue(f), { nil: undefined })))).map((values) =>
      Object.fromEntries(form.fields.flatMap((f, i) => (values[i] === undefined ? [] : [[f.inputId, values[i]]]))),
    ),
  );
}

describe("fuzzing every meetmoment form through /api/messages", () => {
  it("opened a form for every activity with dated meetmomenten", () => {
    expect(forms.length).toBeGreaterThanOrEqual(7); // the activities running in 2026-2027 with dated meetmomenten
    expect(forms.every((f) => f.fields.length > 0)).toBe(true);
  });

  it("refuses adversarial values for each input type (submit and draft) and stores nothing", async () => {
    for (const form of forms.filter((f) => f.fields.length > 0)) {
      const before = await snapshot();
      await fc.assert(
        fc.asyncProperty(verbs, inputsWithOneInvalid(form), async (verb, inputs) => {
          const answer = await send(form, verb, { ...envelopeOf(form), ...inputs });
          expectRefused(answer);
          expect(answer.type).toBe("application/vnd.microsoft.card.adaptive");
        }),
        { numRuns: runs(12) },
      );
      expect(await snapshot()).toEqual(before);
    }
  });

  it("refuses a submission with missing fields, and any save with fields that are not on the form", async () => {
    for (const form of forms) {
      const before = await snapshot();
      const complete = fc.tuple(...form.fields.map(validValue));
      await fc.assert(
        fc.asyncProperty(complete, fc.integer({ min: 1, max: 2 ** form.fields.length - 1 }), async (values, dropMask) => {
          const inputs = Object.fromEntries(form.fields.flatMap((f, i) => ((dropMask >> i) & 1 ? [] : [[f.inputId, values[i]]])));
          expectRefused(await send(form, "meetmoment-indienen", { ...envelopeOf(form), ...inputs }));
        }),
        { numRuns: runs(4) },
      );
      await fc.assert(
        fc.asyncProperty(verbs, complete, fc.string({ minLength: 1, maxLength: 30 }).filter((k) => !["roundId", "activityId", "schoolYear", ...form.fields.map((f) => f.inputId)].includes(k) && k !== "__proto__"), junk, async (verb, values, key, value) => {
          const inputs = Object.fromEntries(form.fields.map((f, i) => [f.inputId, values[i]]));
          expectRefused(await send(form, verb, { ...envelopeOf(form), ...inputs, [key]: value }));
        }),
        { numRuns: runs(4) },
      );
      expect(await snapshot()).toEqual(before);
    }
  });

  it("refuses wrong types in the envelope and data that is no object", async () => {
    const form = forms[0]!;
    const before = await snapshot();
    const badEnvelope = fc.oneof(
      fc.record({ roundId: junk.filter((v) => !/^\s*\d+\s*$/.test(String(v)) || typeof v === "object"), activityId: fc.constant(form.activityId), schoolYear: fc.constant(form.schoolYear) }),
      fc.record({ roundId: fc.constant(form.roundId), activityId: fc.oneof(fc.integer(), fc.constant(null), fc.constant(""), fc.constant("x".repeat(200))), schoolYear: fc.constant(form.schoolYear) }),
      fc.record({ roundId: fc.constant(form.roundId), activityId: fc.constant(form.activityId) }),
      fc.oneof(fc.array(junk, { maxLength: 3 }), fc.string(), fc.integer(), fc.constant(null)),
    );
    await fc.assert(
      fc.asyncProperty(verbs, badEnvelope, async (verb, data) => expectRefused(await send(form, verb, data))),
      { numRuns: runs(30) },
    );
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a closed round, another activity's round and a card from last year, whatever the values", async () => {
    const before = await snapshot();
    for (const form of forms) {
      const others = forms.filter((f) => f.activityId !== form.activityId && f.activityId !== "ddd");
      const complete = fc.tuple(...form.fields.map(validValue)).map((values) => Object.fromEntries(form.fields.map((f, i) => [f.inputId, values[i]])));
      await fc.assert(
        fc.asyncProperty(verbs, complete, fc.constantFrom(...others), fc.integer({ min: 0, max: 3 }), async (verb, inputs, other, variant) => {
          let answer: InvokeAnswer;
          if (variant === 0) {
            // Isaiah owns only the DDD: any other activity's form is refused.
            answer = await send(other, verb, { ...envelopeOf(other), ...inputs }, ISAIAH);
          } else if (variant === 1) {
            // This form's values with another round's id.
            answer = await send(form, verb, { ...envelopeOf(form), roundId: other.roundId, ...inputs });
          } else if (variant === 2) {
            answer = await send(form, verb, { roundId: lastYearRound.id, activityId: lastYearRound.activityId, schoolYear: "2025-2026", ...inputs });
          } else {
            clock.set(new Date(form.openedAt.getTime() + 60 * 24 * 60 * 60 * 1000));
            invokes++;
            answer = (await press(bot, ALEX, verb, { ...envelopeOf(form), ...inputs })).body;
          }
          expectRefused(answer);
        }),
        { numRuns: runs(4) },
      );
    }
    expect(await snapshot()).toEqual(before);
  });

  it("stores exactly what the derived schema accepts for arbitrary input, and refuses the rest unchanged", async () => {
    for (const form of forms) {
      const mixed = fc.tuple(...form.fields.map((f) => fc.oneof(validValue(f), invalidValue(f), fc.constant(undefined), fc.constant("")))).map((values) =>
        Object.fromEntries(form.fields.flatMap((f, i) => (values[i] === undefined ? [] : [[f.inputId, values[i]]]))),
      );
      await fc.assert(
        fc.asyncProperty(fc.constantFrom("meetmoment-concept" as const, "meetmoment-indienen" as const), mixed, async (verb, inputs) => {
          const mode = verb === "meetmoment-concept" ? "concept" : "indienen";
          const round = await bot.app.db.meetmomentRound.findUniqueOrThrow({ where: { id: form.roundId } });
          const before = await snapshot();
          const expected = parseFormInputs(form.fields, wire(inputs), mode);
          const answer = await send(form, verb, { ...envelopeOf(form), ...inputs });
          expect(cardText(answer)).not.toContain(GENERIC_USER_ERROR);
          if (!expected.ok || (mode === "concept" && round.submittedAt)) {
            expectRefused(answer);
            expect(await snapshot()).toEqual(before);
            return;
          }
          // Accepted: the newest version of every KPI now holds the value as parsed.
          const after = await bot.app.db.measurement.findMany({ where: { roundId: form.roundId }, orderBy: { version: "asc" } });
          for (const [kpiId, value] of expected.values) {
            const latest = after.filter((m) => m.kpiId === kpiId).at(-1)!;
            expect(latest.valueText ?? latest.valueNumber).toEqual(value);
          }
          expect(after.length).toBeGreaterThanOrEqual(before.filter((m) => m.roundId === form.roundId).length);
        }),
        { numRuns: runs(6) },
      );
    }
  });
});
