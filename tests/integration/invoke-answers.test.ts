import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

/**
 * Every invoke gets a valid answer of its own kind within Teams' 5 seconds, never a 5xx, and what
 * the user is told matches what was stored. Before: a 31 February pause date, an action without
 * `replyToId` or whose card refresh failed got 501 (although the change was saved), and task
 * modules, message extensions and verb-less actions got a `{ message }` body.
 */
const NOW = new Date("2027-03-01T09:00:00Z");
let bot: TestAanjager;
let caseId: number;
let failEnqueue = false;

beforeAll(async () => {
  bot = await startTestAanjager({
    clock: () => NOW,
    connector: { throttle: false },
    ports: {
      enqueue: async () => {
        if (failEnqueue) throw new Error("outbox down");
        return null as never;
      },
    },
  });
  const school = await bot.app.db.school.findFirstOrThrow();
  caseId = (await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, NOW))).case.id;
});
afterAll(async () => {
  await bot.close();
});

function invoke(patch: Record<string, unknown>) {
  return bot.post(loadActivity("card-action-invoke", bot.connector.url, patch));
}

async function caseVersion(): Promise<number> {
  return (await bot.app.db.case.findUniqueOrThrow({ where: { id: caseId } })).version;
}

describe("invokes Aanjager does not offer get an answer of their own kind", () => {
  it.each([
    ["task/fetch", (body: any) => expect(body).toEqual({ task: { type: "message", value: expect.stringContaining("Aanjager") } })],
    ["task/submit", (body: any) => expect(body).toEqual({ task: { type: "message", value: expect.stringContaining("Aanjager") } })],
    ["composeExtension/query", (body: any) => expect(body).toEqual({ composeExtension: { type: "message", text: expect.stringContaining("Aanjager") } })],
    ["composeExtension/fetchTask", (body: any) => expect(body).toEqual({ composeExtension: { type: "message", text: expect.stringContaining("Aanjager") } })],
  ])("%s", async (name, check) => {
    const res = await invoke({ name, value: { commandId: "x" } });
    expect(res.status).toBe(200);
    check(await res.json());
  });

  it("an unknown invoke name: an empty 200", async () => {
    const res = await invoke({ name: "iets/anders", value: {} });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });

  it("an Action.Execute without a verb: a Universal Actions message", async () => {
    const res = await invoke({ value: { action: { type: "Action.Execute", data: {} } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: expect.stringContaining("verouderd") });
  });
});

describe("card actions answer what was stored", () => {
  it("a pause date that does not exist (2027-02-31) is explained, and nothing changes", async () => {
    const before = await caseVersion();
    const res = await invoke({ value: { action: { type: "Action.Execute", verb: "zaak-pauzeer", data: { caseId, version: before, tot: "2027-02-31" } } } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: expect.stringContaining("geen bestaande datum") });
    expect(await caseVersion()).toBe(before);
  });

  it("an action without replyToId: the presser gets the new card, the change is saved, nothing else is updated", async () => {
    const { replyToId: _omit, ...activity } = loadActivity("card-action-invoke", bot.connector.url, { value: { action: { type: "Action.Execute", verb: "zaak-opmerking", data: { caseId, version: await caseVersion(), opmerking: "zonder replyToId" } } } });
    bot.connector.reset();
    const res = await bot.post(activity);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard" } });
    expect(await bot.app.db.caseEvent.count({ where: { caseId, kind: "commented", note: "zonder replyToId" } })).toBe(1);
    expect(bot.connector.updated()).toHaveLength(0);
  });

  it("an action whose refresh for everyone fails or hangs: the presser still gets the card within 5 s, the change is saved", async () => {
    for (const fault of [{ status: 500 }, { delayMs: 8_000 }]) {
      bot.connector.faults.push((call) => (call.method === "PUT" ? fault : null));
      const started = performance.now();
      const res = await invoke({ value: { action: { type: "Action.Execute", verb: "zaak-opmerking", data: { caseId, version: await caseVersion(), opmerking: `refresh ${JSON.stringify(fault)}` } } } });
      expect(res.status).toBe(200);
      expect(performance.now() - started).toBeLessThan(5_000);
      expect(await res.json()).toMatchObject({ type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard" } });
      expect(await bot.app.db.caseEvent.count({ where: { caseId, kind: "commented", note: `refresh ${JSON.stringify(fault)}` } })).toBe(1);
      bot.connector.faults.length = 0;
    }
  });

  it("a fault inside an action: a Dutch message in the invoke's shape, never a 5xx", async () => {
    const school = await bot.app.db.school.findFirstOrThrow({ where: { cases: { none: {} } } });
    failEnqueue = true;
    try {
      const res = await invoke({ value: { action: { type: "Action.Execute", verb: "escaleer-school", data: { schoolId: school.id, reason: "test" } } } });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ statusCode: 200, type: "application/vnd.microsoft.activity.message", value: expect.any(String) });
    } finally {
      failEnqueue = false;
    }
  });
});
