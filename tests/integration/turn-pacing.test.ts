import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInTransaction } from "../../src/db/client.js";
import { openOrUpdateCase } from "../../src/services/cases/index.js";
import { addChannelConversation, createPeople } from "../support/delivery.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

const ALEX = { id: "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ-alex", aadObjectId: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber" };
let bot: TestAanjager;
let caseId: number;

beforeAll(async () => {
  bot = await startTestAanjager({ clock: () => new Date("2027-03-01T09:00:00Z"), env: { RATE_LIMIT_PER_USER: "1000" } });
  const school = await bot.app.db.school.findFirstOrThrow();
  const opened = await runInTransaction(bot.app.db, (tx) => openOrUpdateCase(tx, { type: "geen-reactie", subject: { kind: "school", schoolId: school.id }, reason: "r", source: "job" }, new Date("2027-03-01T09:00:00Z")));
  caseId = opened.case.id;
});
afterAll(async () => {
  await bot.close();
});

// The scenarios mostly wait in real time, on Teams' pace and on slow answers: they wait side by
// side (describe.concurrent), each on a bot of its own but the first.

/**
 * A card refreshed by a button is replaced for everyone in the chat: one Connector PUT per press,
 * counted by Teams against the conversation's limits (7 per second, 8 per 2 seconds). The mock
 * connector enforces those limits. Without pacing, 20 presses at once in the projectteam channel
 * got 34 throttled calls and 4 presses ended in an error although their comment was saved.
 */
describe.concurrent("answers within turns keep to Teams' limits per conversation", () => {
  // Concurrent tests take expect from their context (expect.poll needs to know its test).
  it("20 people pressing buttons on one case card in a channel at once: every press gets its card, Teams never says 429", async ({ expect }) => {
    // The refreshes for everyone are held at the connector until every presser has their answer:
    // an answer that waited for a refresh (its own or one paced ahead of it) would never come.
    let releaseRefreshes!: () => void;
    const refreshesHeld = new Promise<void>((resolve) => (releaseRefreshes = resolve));
    bot.connector.faults.push(({ method }) => (method === "PUT" ? { until: refreshesHeld } : null));
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bot
          .post(
            loadActivity("card-action-invoke", bot.connector.url, {
              id: `press-${i}`,
              replyToId: "1:case-card",
              from: ALEX,
              conversation: { id: "19:projectteam@thread.tacv2;messageid=1", conversationType: "channel" },
              value: { action: { type: "Action.Execute", verb: "zaak-opmerking", data: { caseId, version: 1, opmerking: `nagebeld ${i}` } } },
            }),
          )
          .then(async (r) => ({ status: r.status, body: (await r.json()) as { type: string; value: { type?: string } } })),
      ),
    );
    releaseRefreshes();
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const r of results) expect(r.body).toMatchObject({ type: "application/vnd.microsoft.card.adaptive", value: { type: "AdaptiveCard" } });
    expect(await bot.app.db.caseEvent.count({ where: { caseId, kind: "commented" } })).toBe(20);
    // Every presser had their card before any refresh went through; those follow at Teams' pace.
    await expect.poll(() => bot.connector.stats().updated, { timeout: 20_000 }).toBe(20);
    expect(bot.connector.stats().throttled).toBe(0);
    // 8 per 2 seconds: the last of 20 refreshes cannot go before about 4.5 s after the first.
    const updates = bot.connector.updated();
    expect(updates[updates.length - 1]!.at - updates[0]!.at).toBeGreaterThan(4_000);
  });
});

/**
 * In a personal chat the dispatcher (messages to a person are keyed by the person) and the turns
 * (keyed by the chat) must take slots from one budget: otherwise one chat gets both and Teams
 * sees up to twice its limit when reminders go out while the person is clicking.
 */
describe.concurrent("a personal chat has one budget for proactive messages and answers", () => {
  it("6 reminders going out while the person sends 6 messages: all arrive, Teams never says 429", async () => {
    const chat = await startTestAanjager({ clock: () => new Date(), autoDeliver: true, env: { RATE_LIMIT_PER_USER: "1000" } });
    try {
      const conversation = { id: "a:1personal-alex-conversation", conversationType: "personal" };
      const say = (i: number) => chat.post(loadActivity("personal-message-help", chat.connector.url, { id: `m-${i}`, text: "wie ben ik", from: ALEX, conversation }));
      expect((await say(0)).status).toBe(200); // the personal chat is now known, with its person
      const alex = await chat.app.db.person.findFirstOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
      chat.connector.reset();
      const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Herinnering" }] };
      await runInTransaction(chat.app.db, async (tx) => {
        for (let i = 0; i < 6; i++) await chat.app.jobDeps.enqueue(tx, { key: `pacing-${i}`, purpose: "test", recipient: { personId: alex.id }, card: card as never }, new Date());
      });
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => say(i + 1)));
      expect(answers.map((a) => a.status)).toEqual(Array(6).fill(200));
      await chat.connector.waitForSent(12, 20_000);
      const toAlex = chat.connector.sent().filter((c) => c.conversationId === conversation.id);
      expect(toAlex).toHaveLength(12);
      expect(chat.connector.stats().throttled).toBe(0);
    } finally {
      await chat.close();
    }
  }, 30_000);
});

/**
 * teams-ai 1.7.4 starts its typing timer whatever `startTypingTimer` says. A reply that waited
 * more than a second for a pacing slot had the timer's "typing" send queued behind it, while the
 * reply waited for that typing send: neither finished, and every later turn of that chat hung.
 * Now no typing indicator is sent at all, and no paced send waits without a deadline.
 */
describe.concurrent("a busy chat never hangs: every turn is answered", () => {
  it("messages from one person while Teams answers slowly, and 20 button presses in one channel: all answered, invokes within 5 s, no 429", async () => {
    const chat = await startTestAanjager({ clock: () => new Date("2027-03-01T09:00:00Z"), env: { RATE_LIMIT_PER_USER: "1000" } });
    try {
      const conversation = { id: "a:1personal-alex-busy", conversationType: "personal" };
      const say = (i: number) => chat.post(loadActivity("personal-message-help", chat.connector.url, { id: `busy-${i}`, text: "wie ben ik", from: ALEX, conversation }));
      const press = (i: number) => {
        const sent = performance.now();
        return chat
          .post(
            loadActivity("card-action-invoke", chat.connector.url, {
              id: `busy-press-${i}`,
              replyToId: "1:case-card",
              from: ALEX,
              conversation: { id: "19:projectteam@thread.tacv2;messageid=1", conversationType: "channel" },
              value: { action: { type: "Action.Execute", verb: "zaak-opmerking", data: { caseId, version: 1, opmerking: `druk ${i}` } } },
            }),
          )
          .then((r) => ({ status: r.status, ms: performance.now() - sent }));
      };
      // Teams takes 1.5 s per answer in this chat: each answer waits for the one before it (one
      // call in flight per conversation) longer than the typing timer's second.
      chat.connector.faults.push((call) => (call.conversationId === conversation.id && call.method === "POST" ? { delayMs: 1_500 } : null));
      const typed = Array.from({ length: 4 }, (_, i) => new Promise((resolve) => setTimeout(resolve, i * 500)).then(() => say(i)));
      const [messages, presses] = await Promise.all([Promise.all(typed), Promise.all(Array.from({ length: 20 }, (_, i) => press(i)))]);
      expect(messages.map((m) => m.status)).toEqual(Array(4).fill(200));
      expect(presses.map((p) => p.status)).toEqual(Array(20).fill(200));
      expect(Math.max(...presses.map((p) => p.ms))).toBeLessThan(5_000);
      // Every message got its answer in the chat, and nothing went out as a typing indicator.
      const toAlex = chat.connector.sent().filter((c) => c.conversationId === conversation.id);
      expect(toAlex.filter((c) => c.body?.type === "message")).toHaveLength(4);
      expect(chat.connector.calls.filter((c) => c.body?.type === "typing")).toHaveLength(0);
      expect(chat.connector.stats().throttled).toBe(0);
      // The chat still answers afterwards: nothing is left hanging.
      expect((await say(99)).status).toBe(200);
    } finally {
      await chat.close();
    }
  }, 60_000);
});

/**
 * Answers used to take their app-wide slot from the dispatcher's own budget (30 per second, a
 * burst of 5), so during a reminder run every answer queued behind the run: at 10 people at once
 * the last waited a second, at 50 some waited past Teams' 5 s. Now an answer someone waits for
 * takes from Teams' budget for the whole app, ahead of the dispatcher. Here the dispatcher's own
 * rate is one message per 5 seconds, so an answer that still had to share it would wait its full
 * 4 s deadline.
 */
describe.concurrent("answers do not queue behind the dispatcher", () => {
  it("10 people ask something while reminders drain at the dispatcher's full rate: every answer goes at once, Teams never says 429", async () => {
    const chat = await startTestAanjager({ clock: () => new Date(), autoDeliver: true, env: { RATE_LIMIT_PER_USER: "1000", DELIVERY_GLOBAL_RATE: "0.2", DELIVERY_GLOBAL_BURST: "1" } });
    try {
      const people = await createPeople(chat.app.db, 12, { prefix: "run", serviceUrl: chat.connector.url, withChat: true });
      const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Herinnering" }] };
      await runInTransaction(chat.app.db, async (tx) => {
        for (const [i, personId] of people.entries()) await chat.app.jobDeps.enqueue(tx, { key: `run-${i}`, purpose: "test", recipient: { personId }, card: card as never }, new Date());
      });
      // The run has started: the dispatcher's own budget is spent.
      await chat.connector.waitForSent(1, 10_000);
      const ask = async (i: number) => {
        const started = performance.now();
        const res = await chat.post(loadActivity("personal-message-help", chat.connector.url, { id: `ask-${i}`, text: "wie ben ik", from: { id: `29:run-${i}`, name: `Testpersoon run ${i}`, aadObjectId: undefined }, conversation: { id: `a:run-chat-${i}`, conversationType: "personal" } }));
        return { status: res.status, ms: performance.now() - started };
      };
      const answers = await Promise.all(Array.from({ length: 10 }, (_, i) => ask(i)));
      expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
      for (let i = 0; i < 10; i++) expect(chat.connector.sent().filter((c) => c.path.endsWith(`/activities/ask-${i}`))).toHaveLength(1);
      // With the dispatcher's budget (one token in these 4 s) 9 of them went only at their 4 s
      // deadline, without a slot; now every one is answered before it (on a quiet machine in ms).
      expect(Math.max(...answers.map((a) => a.ms))).toBeLessThan(4_000);
      expect(chat.connector.stats().throttled).toBe(0);
    } finally {
      await chat.close();
    }
  }, 30_000);
});

/**
 * Issue 22 saw a person's personal chat stop answering for good right after the dispatcher had
 * created that chat and sent a reminder. Not reproduced on this code (the per-person queue waits
 * for an earlier call only until the turn's deadline); this pins the scenario down: the chat is
 * created by the dispatcher during a run, the bot's first answer in it never gets a reply from
 * Teams, and the person's later messages are still answered.
 */
describe.concurrent("a chat the dispatcher has just created keeps answering", () => {
  it("reminders create Alex's chat; one answer in it hangs at Teams; every later message is answered", async () => {
    const chat = await startTestAanjager({ clock: () => new Date(), autoDeliver: true, env: { RATE_LIMIT_PER_USER: "1000" } });
    try {
      await addChannelConversation(chat.app.db, { conversationId: "19:route@thread.tacv2", serviceUrl: chat.connector.url });
      const alex = await chat.app.db.person.findFirstOrThrow({ where: { aadObjectId: ALEX.aadObjectId } });
      const card = { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text: "Herinnering" }] };
      await runInTransaction(chat.app.db, async (tx) => {
        for (let i = 0; i < 4; i++) await chat.app.jobDeps.enqueue(tx, { key: `created-${i}`, purpose: "test", recipient: { personId: alex.id }, card: card as never }, new Date());
      });
      await chat.connector.waitFor((calls) => calls.some((c) => c.method === "POST" && c.conversationId === null && c.status === 201), 10_000);
      const conversationId = [...chat.connector.conversations.keys()][0]!;
      await chat.connector.waitForSent(1, 10_000);
      // The bot's first answer in the new chat: Teams never answers the call.
      let hung = 0;
      chat.connector.faults.push((call) => (call.conversationId === conversationId && call.method === "POST" && call.path.includes("/activities/") && hung++ === 0 ? { until: new Promise(() => undefined) } : null));
      const say = (i: number) => chat.post(loadActivity("personal-message-help", chat.connector.url, { id: `created-say-${i}`, text: "wie ben ik", from: ALEX, conversation: { id: conversationId, conversationType: "personal" } }));
      void say(0).catch(() => undefined);
      await chat.connector.waitFor((calls) => calls.some((c) => c.path.endsWith("/activities/created-say-0")), 10_000);
      const later = await Promise.all([1, 2, 3].map((i) => say(i)));
      expect(later.map((r) => r.status)).toEqual([200, 200, 200]);
      for (const i of [1, 2, 3]) expect(chat.connector.sent().filter((c) => c.path.endsWith(`/activities/created-say-${i}`))).toHaveLength(1);
      await chat.connector.waitForSent(4 + 3, 20_000);
      expect(chat.connector.stats().throttled).toBe(0);
    } finally {
      await chat.close();
    }
  }, 60_000);
});
