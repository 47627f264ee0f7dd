import { afterEach, describe, expect, it } from "vitest";
import { countOutstandingOutboxRows } from "../../src/db/outbox.js";
import { enqueueMessage, getDeliveryStatus } from "../../src/services/delivery/index.js";
import { addChannelConversation, card, createPeople, createTestDispatcher } from "../support/delivery.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { startVirtualTime, type VirtualTime } from "../support/virtual-time.js";

/**
 * The dispatcher under Teams' real faults: calls that hang, restarts, app-wide throttling.
 * Dispatchers and the mock connector run on virtual time (tests/support/virtual-time.ts).
 */
let bot: TestAanjager | null = null;
let time: VirtualTime | null = null;
afterEach(async () => {
  time?.stop();
  time = null;
  await bot?.close();
  bot = null;
});

async function startOnVirtualTime(env: Record<string, string> = {}): Promise<{ bot: TestAanjager; time: VirtualTime }> {
  time = startVirtualTime();
  bot = await startTestAanjager({ env, connector: { now: time.monotonic } });
  return { bot, time };
}

/** One message to each of `count` people with a personal chat at the mock (chats `a:<prefix>-chat-<i>`). */
async function messageEach(bot: TestAanjager, prefix: string, count: number, now: Date): Promise<string[]> {
  const people = await createPeople(bot.app.db, count, { prefix, serviceUrl: bot.connector.url, withChat: true });
  const keys: string[] = [];
  for (const [i, personId] of people.entries()) {
    keys.push(`${prefix}-${i}`);
    await enqueueMessage(bot.app.db, { key: `${prefix}-${i}`, purpose: "test", recipient: { personId }, card: card(`${prefix}-${i}`) }, now);
  }
  return keys;
}

describe("a conversation whose calls hang", () => {
  it("does not hold up the others: they are all delivered while it hangs, and it is backed off and retried later", async () => {
    const { bot, time } = await startOnVirtualTime();
    const now = new Date();
    const hung = new Set(["a:hang-chat-0", "a:hang-chat-1", "a:hang-chat-2"]);
    let endHang!: () => void;
    const hangEnded = new Promise<void>((resolve) => (endHang = resolve));
    let hanging = true;
    bot.connector.faults.push((call) => (hanging && call.conversationId !== null && hung.has(call.conversationId) ? { until: hangEnded, status: 504, body: { error: { code: "GatewayTimeout", message: "hung" } } } : null));
    const hungKeys = await messageEach(bot, "hang", 3, now);
    await messageEach(bot, "ok", 30, now);

    // Fewer slots than hanging conversations: before, the hung calls held every slot.
    const dispatcher = createTestDispatcher(bot, time, { concurrency: 2, slowCallMs: 2_000 });
    const drained = dispatcher.drain(now);
    try {
      await bot.connector.waitFor((calls) => calls.filter((c) => c.status === 201).length === 30, 15_000);
      // All 30 arrived while the three hung calls were still open (none answered yet).
      expect(bot.connector.calls.filter((c) => hung.has(c.conversationId ?? ""))).toHaveLength(3);
      expect(bot.connector.calls.filter((c) => hung.has(c.conversationId ?? "")).every((c) => c.status === 0)).toBe(true);
    } finally {
      hanging = false;
      endHang();
    }

    // The hang ends in a 504: those three are retried later, not lost, and nothing else went to them meanwhile.
    expect(await drained).toMatchObject({ sent: 30, retried: 3, failed: 0, pending: 3 });
    for (const key of hungKeys) expect(await getDeliveryStatus(bot.app.db, key)).toMatchObject({ state: "pending", attempts: 1, lastError: "504 GatewayTimeout" });
    expect(await dispatcher.drain(new Date(now.getTime() + 3_600_000))).toMatchObject({ sent: 3, pending: 0 });
    for (const id of hung) expect(bot.connector.calls.filter((c) => c.conversationId === id).map((c) => c.status)).toEqual([504, 201]);
  });
});

describe("a restarted dispatcher", () => {
  it("knows what was sent before it started: a new dispatcher on the same database draws no 429 from a conversation's windows", async () => {
    const { bot, time } = await startOnVirtualTime();
    const now = new Date();
    const channel = "19:druk@thread.tacv2";
    await addChannelConversation(bot.app.db, { conversationId: channel, serviceUrl: bot.connector.url });
    const enqueue = async (from: number, to: number) => {
      for (let i = from; i < to; i++) await enqueueMessage(bot.app.db, { key: `druk-${i}`, purpose: "test", recipient: { conversationId: channel }, card: card(`druk-${i}`) }, now);
    };
    await enqueue(0, 20);
    expect(await createTestDispatcher(bot, time).drain(now)).toMatchObject({ sent: 20, throttled: 0 });

    // The process is restarted (a new dispatcher with a limiter of its own) right after, with more to send.
    await enqueue(20, 30);
    const restarted = createTestDispatcher(bot, time);
    expect(await restarted.drain(new Date(now.getTime() + time.monotonic()))).toMatchObject({ sent: 10, throttled: 0, pending: 0 });
    expect(bot.connector.throttled()).toEqual([]);
    expect(bot.connector.sent()).toHaveLength(30);
  });
});

describe("app-wide throttling", () => {
  it("during a storm of 429s on every conversation the dispatcher slows down well below its rate, and speeds up again after it", async () => {
    const rate = 10;
    const { bot, time } = await startOnVirtualTime({ DELIVERY_GLOBAL_RATE: String(rate) });
    const now = new Date();
    const storm = { from: 3_000, to: 13_000 };
    bot.connector.faults.push(() => {
      const t = time.monotonic();
      return t >= storm.from && t < storm.to ? { status: 429, headers: { "retry-after": "1" }, body: { error: { code: "Throttled", message: "app-wide" } } } : null;
    });
    const keys = await messageEach(bot, "storm", 250, now);

    const dispatcher = createTestDispatcher(bot, time);
    dispatcher.start();
    for (;;) {
      const outstanding = await countOutstandingOutboxRows(bot.app.db);
      if (outstanding.pending === 0 && outstanding.sending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await dispatcher.stop();

    const perSecond = (from: number, to: number) => (bot.connector.calls.filter((c) => c.at >= from && c.at < to).length * 1000) / (to - from);
    // Before the storm: the configured rate. In it (after the first second): not even a third.
    expect(perSecond(0, storm.from)).toBeGreaterThan(rate * 0.8);
    expect(perSecond(storm.from + 1_000, storm.to)).toBeLessThan(rate / 3);
    // After it: back to the full rate within some 20 seconds (gradually: not all at once).
    expect(perSecond(storm.to, storm.to + 3_000)).toBeLessThan(rate * 0.8);
    expect(perSecond(storm.to + 20_000, storm.to + 25_000)).toBeGreaterThan(rate * 0.8);
    // Nothing lost.
    expect(new Set(bot.connector.sent().map((c) => c.conversationId)).size).toBe(keys.length);
    expect(dispatcher.metrics()).toMatchObject({ sent: 250, failed: 0 });
  });
});
