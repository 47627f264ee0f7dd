import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

/**
 * Property-based robustness: random and adversarial activities, invokes and card data thrown at
 * the real /api/messages endpoint. Nothing may produce a 5xx, crash the server, change the
 * directory, or leak an error text to a user. The number of cases is printed for the record.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
let bot: TestAanjager;
let casesRun = 0;

async function directorySnapshot() {
  const [people, roles, schools] = await Promise.all([
    bot.app.db.person.findMany({ orderBy: { id: "asc" }, select: { id: true, email: true, naam: true, aadObjectId: true } }),
    bot.app.db.roleAssignment.findMany({ orderBy: { id: "asc" } }),
    bot.app.db.school.findMany({ orderBy: { id: "asc" } }),
  ]);
  return { people, roles, schools };
}

beforeAll(async () => {
  // A generous per-user limit: this suite is about malformed input, not floods.
  bot = await startTestAanjager({ env: { RATE_LIMIT_PER_USER: "10000" } });
});
afterAll(async () => {
  console.log(`fuzz: ${casesRun} cases sent to /api/messages and /downloads`);
  await bot.close();
});

const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme", maxLength: 200 }),
  fc.constantFrom("", " ", "\u0000", "<at>Aanjager</at>", "help".repeat(5000), "zaak -1", "pak op 99999999999999999999", "'; DROP TABLE Person; --", "${title}", "{{x}}", "\ud800", "👩‍🏫".repeat(300)),
  fc.integer().map(String),
);
const anyJson = fc.jsonValue({ maxDepth: 4 });
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });

const activityArb = fc.record(
  {
    type: fc.oneof(fc.constantFrom("message", "invoke", "conversationUpdate", "installationUpdate", "messageReaction", "event", "typing"), fc.string({ maxLength: 64 })),
    name: maybe(fc.oneof(fc.constantFrom("adaptiveCard/action", "composeExtension/query", "task/fetch", "signin/verifyState"), fc.string())),
    text: maybe(nasty),
    action: maybe(fc.oneof(fc.constantFrom("add", "remove", "add-upgrade"), fc.string())),
    from: maybe(fc.oneof(fc.record({ id: fc.string({ maxLength: 40 }), aadObjectId: maybe(fc.oneof(fc.uuid(), fc.string())) }), anyJson)),
    conversation: maybe(fc.oneof(fc.record({ id: fc.string({ maxLength: 80 }), conversationType: maybe(fc.constantFrom("personal", "channel", "groupChat", "x")) }), anyJson)),
    value: maybe(fc.oneof(anyJson, fc.record({ action: fc.record({ type: fc.constantFrom("Action.Execute", "Action.Submit"), verb: fc.oneof(fc.string(), fc.constantFrom("", "x")), data: anyJson }) }))),
    channelData: maybe(anyJson),
    membersAdded: maybe(fc.array(fc.record({ id: fc.string() }), { maxLength: 3 })),
  },
  { requiredKeys: ["type"] },
);

describe("fuzzing /api/messages", () => {
  it("never answers 5xx to arbitrary JSON bodies", async () => {
    const before = await directorySnapshot();
    await fc.assert(
      fc.asyncProperty(anyJson, async (body) => {
        casesRun += 1;
        const res = await bot.post(JSON.stringify(body));
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    expect(await directorySnapshot()).toEqual(before);
  });

  it("never answers 5xx, crashes or leaks errors for random and adversarial activities", async () => {
    const before = await directorySnapshot();
    await fc.assert(
      fc.asyncProperty(activityArb, async (partial) => {
        casesRun += 1;
        const base = loadActivity("personal-message-help", bot.connector.url);
        const res = await bot.post({ ...base, ...partial, serviceUrl: bot.connector.url, recipient: base.recipient });
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await directorySnapshot()).toEqual(before);
    for (const call of bot.connector.sent()) {
      const text = JSON.stringify(call.body);
      expect(text).not.toMatch(/\bat [\w.<>]+ \(|TypeError|ReferenceError|PrismaClient|stack/);
    }
    expect((await fetch(`${bot.baseUrl}/healthz`)).status).toBe(200);
  });

  it("answers replayed and forged card invokes with a message, never a 5xx", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), anyJson, async (verb, data) => {
        casesRun += 1;
        const res = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { value: { action: { type: "Action.Execute", verb, data } } }));
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: RUNS },
    );
    // A valid message still gets its answer afterwards.
    const count = bot.connector.sent().length;
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "after-fuzz" }));
    const sent = await bot.connector.waitForSent(count + 1);
    expect(JSON.stringify(sent[sent.length - 1]!.body)).toContain("Wat je kunt typen");
  });

  it("answers any download token (made up, malformed, huge, unicode, traversal) with the Dutch 404 page and no file", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "grapheme", maxLength: 100 }), fc.base64String({ minLength: 32, maxLength: 32 }), fc.constantFrom("..", "../../prisma/schema.prisma", "%00", "x".repeat(5000))), async (token) => {
        casesRun += 1;
        const res = await fetch(`${bot.baseUrl}/downloads/${encodeURIComponent(token)}`);
        expect(res.status === 404 || res.status === 400, `${res.status} for ${JSON.stringify(token).slice(0, 80)}`).toBe(true);
        expect(res.headers.get("content-disposition")).toBeNull();
        await res.arrayBuffer();
      }),
      { numRuns: RUNS },
    );
  });
});
