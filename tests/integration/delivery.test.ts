import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { enqueueMessage, getDeliveryStatus, isPersonReachable, listUnreachablePeople, requestCardUpdate, getPersonReachability } from "../../src/services/delivery/index.js";
import { requeueExpiredClaims } from "../../src/db/outbox.js";
import { blockConversation, failTimes } from "../support/mock-connector.js";
import { addChannelConversation, addPersonalConversation, BOT_ID, card, cardText, createTestDispatcher, TENANT_ID } from "../support/delivery.js";
import { startTestAanjager, useTestAanjager, type TestAanjager } from "../support/test-app.js";
import { startVirtualTime, type VirtualTime } from "../support/virtual-time.js";

const shared = useTestAanjager();
/** The file's Aanjager, or one a test starts for itself (on virtual time, or to close it). */
let bot: TestAanjager = shared;
let now: Date;
let time: VirtualTime | null = null;
beforeEach(() => {
  now = new Date();
});
afterEach(async () => {
  if (bot !== shared) await bot.close();
  bot = shared;
  time?.stop();
  time = null;
});

/** An Aanjager of its own, with its mock connector on virtual time; dispatchers for it come from createTestDispatcher. */
async function restartOnVirtualTime(env: Record<string, string> = {}): Promise<VirtualTime> {
  time = startVirtualTime();
  bot = await startTestAanjager({ env, connector: { now: time.monotonic } });
  return time;
}

async function personId(email: string): Promise<number> {
  return (await bot.app.db.person.findUniqueOrThrow({ where: { email } })).id;
}

async function row(key: string) {
  return bot.app.db.outboxMessage.findUniqueOrThrow({ where: { key } });
}

const later = (ms: number) => new Date(now.getTime() + ms);

describe("the outbox", () => {
  it("enqueues a key once: the second enqueue is a no-op that returns the first row", async () => {
    const megan = await personId("meganb@example.com");
    const first = await enqueueMessage(bot.app.db, { key: "k1", purpose: "test", recipient: { personId: megan }, card: card("eerste") }, now);
    const second = await enqueueMessage(bot.app.db, { key: "k1", purpose: "test", recipient: { personId: megan }, card: card("tweede") }, now);
    expect(first).toEqual({ enqueued: true, id: first.id, state: "pending" });
    expect(second).toEqual({ enqueued: false, id: first.id, state: "pending" });
    expect(await bot.app.db.outboxMessage.count()).toBe(1);
    expect(JSON.parse((await row("k1")).payload).attachments[0].content.body[0].text).toBe("eerste");
  });

  it("enqueues inside the business transaction: a rollback leaves no message, a commit keeps both", async () => {
    const megan = await personId("meganb@example.com");
    await expect(
      bot.app.db.$transaction(async (tx) => {
        await tx.person.update({ where: { id: megan }, data: { naam: "Megan Gewijzigd" } });
        await enqueueMessage(tx, { key: "rolled-back", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
        throw new Error("business rule failed");
      }),
    ).rejects.toThrow("business rule failed");
    expect(await bot.app.db.outboxMessage.count()).toBe(0);
    expect((await bot.app.db.person.findUniqueOrThrow({ where: { id: megan } })).naam).toBe("Megan Bowen");

    await bot.app.db.$transaction(async (tx) => {
      await tx.person.update({ where: { id: megan }, data: { naam: "Megan Gewijzigd" } });
      await enqueueMessage(tx, { key: "committed", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
    });
    expect(await bot.app.db.outboxMessage.count()).toBe(1);
    expect((await bot.app.db.person.findUniqueOrThrow({ where: { id: megan } })).naam).toBe("Megan Gewijzigd");
  });

  it("refuses what Teams would refuse, before anything is stored", async () => {
    const megan = await personId("meganb@example.com");
    await expect(enqueueMessage(bot.app.db, { key: "big", purpose: "test", recipient: { personId: megan }, card: card("x".repeat(30_000)) }, now)).rejects.toThrow(/28 KB/);
    await expect(enqueueMessage(bot.app.db, { key: "bad", purpose: "test", recipient: { personId: megan }, card: { type: "Nope" } as any }, now)).rejects.toThrow(/Adaptive Card/);
    expect(await bot.app.db.outboxMessage.count()).toBe(0);
  });

  it("holds a message until its not-before moment", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    await enqueueMessage(bot.app.db, { key: "tomorrow", purpose: "test", recipient: { personId: megan }, card: card("morgen"), notBefore: later(86_400_000) }, now);
    expect(await bot.app.delivery.drain(now)).toMatchObject({ sent: 0, pending: 1 });
    expect(bot.connector.calls).toHaveLength(0);
    expect(await bot.app.delivery.drain(later(86_400_000))).toMatchObject({ sent: 1, pending: 0 });
  });
});

describe("the dispatcher", () => {
  it("sends to a person's personal chat through the connector: one POST, a new message, the card as attachment", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url, userTeamsId: "29:megan" });
    await enqueueMessage(bot.app.db, { key: "m1", purpose: "ddd-herinnering", recipient: { personId: megan }, card: card("Herinnering DDD"), summary: "DDD-herinnering" }, now);

    const result = await bot.app.delivery.drain(now);

    expect(result).toMatchObject({ sent: 1, failed: 0, blocked: 0, retried: 0, pending: 0, sending: 0 });
    expect(bot.connector.calls.map((c) => [c.method, c.path, c.status])).toEqual([["POST", "/v3/conversations/a:megan-chat/activities", 201]]);
    const body = bot.connector.calls[0]!.body;
    expect(body).toMatchObject({ type: "message", summary: "DDD-herinnering", conversation: { id: "a:megan-chat" }, recipient: { id: "29:megan" }, from: { id: BOT_ID } });
    expect(body.replyToId).toBeUndefined();
    expect(body.attachments).toEqual([{ contentType: "application/vnd.microsoft.card.adaptive", content: card("Herinnering DDD") }]);
    expect(await getDeliveryStatus(bot.app.db, "m1")).toMatchObject({ state: "sent", attempts: 1, conversationId: "a:megan-chat", activityId: "mock-activity-1", resendSuspect: 0 });
  });

  it("creates the 1:1 chat first for someone known only from the roster, and remembers it", async () => {
    const megan = await personId("meganb@example.com");
    await bot.app.db.person.update({ where: { id: megan }, data: { teamsUserId: "29:megan-roster" } });
    // Another person's chat tells the dispatcher the tenant's service url and the bot id.
    await addPersonalConversation(bot.app.db, { personId: await personId("alexw@example.com"), conversationId: "a:alex-chat", serviceUrl: bot.connector.url });
    await enqueueMessage(bot.app.db, { key: "r1", purpose: "test", recipient: { personId: megan }, card: card("Welkom") }, now);
    await enqueueMessage(bot.app.db, { key: "r2", purpose: "test", recipient: { personId: megan }, card: card("Tweede") }, now);

    expect(await bot.app.delivery.drain(now)).toMatchObject({ sent: 2, created: 1 });

    expect(bot.connector.calls.map((c) => [c.method, c.path])).toEqual([
      ["POST", "/v3/conversations"],
      ["POST", "/v3/conversations/a:mock-conversation-1/activities"],
      ["POST", "/v3/conversations/a:mock-conversation-1/activities"],
    ]);
    expect(bot.connector.calls[0]!.body).toMatchObject({ isGroup: false, bot: { id: BOT_ID }, members: [{ id: "29:megan-roster" }], tenantId: TENANT_ID, channelData: { tenant: { id: TENANT_ID } } });
    expect(bot.connector.calls.slice(1).map((c) => cardText(c.body))).toEqual(["Welkom", "Tweede"]);
    const ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:mock-conversation-1" } });
    expect(ref).toMatchObject({ kind: "personal", personId: megan, status: "active", tenantId: TENANT_ID, botId: BOT_ID, userTeamsId: "29:megan-roster", serviceUrl: bot.connector.url });
  });

  it("posts a channel message in the channel itself, not in the thread its reference came from", async () => {
    await addChannelConversation(bot.app.db, { conversationId: "19:stuurgroep@thread.tacv2;messageid=1795600910000", serviceUrl: bot.connector.url });
    await enqueueMessage(bot.app.db, { key: "c1", purpose: "samenvatting", recipient: { conversationId: "19:stuurgroep@thread.tacv2;messageid=1795600910000" }, card: card("Week 12") }, now);
    await bot.app.delivery.drain(now);
    expect(bot.connector.calls.map((c) => [c.method, c.path, c.status])).toEqual([["POST", "/v3/conversations/19:stuurgroep@thread.tacv2/activities", 201]]);
    expect(await getDeliveryStatus(bot.app.db, "c1")).toMatchObject({ state: "sent", conversationId: "19:stuurgroep@thread.tacv2" });
  });

  it("fails what cannot be routed, without calling Teams", async () => {
    const lynne = await personId("lynner@example.com"); // no Teams id known at all
    await bot.app.db.person.update({ where: { id: lynne }, data: { aadObjectId: null } });
    await enqueueMessage(bot.app.db, { key: "nobody", purpose: "test", recipient: { personId: lynne }, card: card("x") }, now);
    await enqueueMessage(bot.app.db, { key: "nowhere", purpose: "test", recipient: { conversationId: "19:unknown@thread.tacv2" }, card: card("x") }, now);
    expect(await bot.app.delivery.drain(now)).toMatchObject({ failed: 2 });
    expect(await getDeliveryStatus(bot.app.db, "nobody")).toMatchObject({ state: "failed", lastError: "no-teams-identity" });
    expect(await getDeliveryStatus(bot.app.db, "nowhere")).toMatchObject({ state: "failed", lastError: "conversation-unknown" });
    expect(bot.connector.calls).toHaveLength(0);
  });

  it("respects Teams' limits by design: a burst of 100 to one channel gets no 429", async () => {
    const time = await restartOnVirtualTime();
    await addChannelConversation(bot.app.db, { conversationId: "19:burst@thread.tacv2", serviceUrl: bot.connector.url });
    for (let i = 0; i < 100; i++) await enqueueMessage(bot.app.db, { key: `burst-${i}`, purpose: "burst", recipient: { conversationId: "19:burst@thread.tacv2" }, card: card(`bericht ${i}`) }, now);

    const result = await createTestDispatcher(bot, time).drain(now);

    expect(result).toMatchObject({ sent: 100, retried: 0, throttled: 0, pending: 0 });
    expect(bot.connector.throttled()).toEqual([]);
    const sends = bot.connector.sent();
    expect(sends).toHaveLength(100);
    // In order, and within every window of the table as the mock measured arrivals.
    expect(sends.map((c) => cardText(c.body))).toEqual(Array.from({ length: 100 }, (_, i) => `bericht ${i}`));
    const arrivals = sends.map((c) => c.at);
    for (const [limit, windowMs] of [[7, 1000], [8, 2000], [60, 30_000]] as const) {
      for (let i = limit; i < arrivals.length; i++) expect(arrivals[i]! - arrivals[i - limit]!, `${limit} per ${windowMs} ms`).toBeGreaterThanOrEqual(windowMs);
    }
  });

  it("waits as long as Retry-After says after a 429, and nothing goes to that conversation meanwhile", async () => {
    const time = await restartOnVirtualTime();
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    bot.connector.faults.push(failTimes(1, 429, { headers: { "retry-after": "1" }, code: "Throttled" }));
    await enqueueMessage(bot.app.db, { key: "t1", purpose: "test", recipient: { personId: megan }, card: card("een") }, now);
    await enqueueMessage(bot.app.db, { key: "t2", purpose: "test", recipient: { personId: megan }, card: card("twee") }, now);

    const result = await createTestDispatcher(bot, time).drain(now);

    expect(result).toMatchObject({ sent: 2, throttled: 1, retried: 1, pending: 0 });
    const calls = bot.connector.calls;
    expect(calls).toHaveLength(3);
    expect([calls[0]!.status, cardText(calls[0]!.body)]).toEqual([429, "een"]);
    expect(calls.slice(1).map((c) => [c.status, cardText(c.body)]).sort()).toEqual([
      [201, "een"],
      [201, "twee"],
    ]);
    // Both later sends to the paused conversation arrived at least Retry-After after the 429.
    for (const call of calls.slice(1)) expect(call.at - calls[0]!.at).toBeGreaterThanOrEqual(1000);
    expect(await getDeliveryStatus(bot.app.db, "t1")).toMatchObject({ state: "sent", attempts: 2, resendSuspect: 0 });
  });

  it("retries 412, 502, 503 and 504 with backoff until the message goes through", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    for (const status of [503, 502, 504, 412]) bot.connector.faults.push(failTimes(1, status));
    await enqueueMessage(bot.app.db, { key: "flaky", purpose: "test", recipient: { personId: megan }, card: card("volhouden") }, now);

    for (let hour = 0; hour < 6; hour++) await bot.app.delivery.drain(later(hour * 3_600_000));

    expect(bot.connector.calls.map((c) => c.status)).toEqual([503, 502, 504, 412, 201]);
    const status = await getDeliveryStatus(bot.app.db, "flaky");
    expect(status).toMatchObject({ state: "sent", attempts: 5, resendSuspect: 0 });
  });

  it("gives up after the configured attempts and marks the message failed", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    bot.connector.faults.push(failTimes(100, 503, { code: "ServiceUnavailable" }));
    await enqueueMessage(bot.app.db, { key: "hopeless", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
    for (let hour = 0; hour < 12; hour++) await bot.app.delivery.drain(later(hour * 3_600_000));
    expect(bot.connector.calls).toHaveLength(bot.app.config.delivery.maxAttempts);
    expect(await getDeliveryStatus(bot.app.db, "hopeless")).toMatchObject({ state: "failed", lastError: `max-attempts ${bot.app.config.delivery.maxAttempts}: 503 ServiceUnavailable` });
  });

  it("on 403 marks the message blocked and the person unreachable, and sends them nothing more", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    bot.connector.faults.push(blockConversation("a:megan-chat"));
    await enqueueMessage(bot.app.db, { key: "b1", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);

    expect(await bot.app.delivery.drain(now)).toMatchObject({ blocked: 1, retried: 0 });
    expect(await getDeliveryStatus(bot.app.db, "b1")).toMatchObject({ state: "blocked", attempts: 1, lastError: "403 ConversationBlockedByUser" });
    expect(await isPersonReachable(bot.app.db, megan)).toBe(false);
    expect(await getPersonReachability(bot.app.db, megan)).toMatchObject({ reachable: false, reason: "blocked", detail: "403 ConversationBlockedByUser" });
    expect(await listUnreachablePeople(bot.app.db)).toEqual([{ personId: megan, naam: "Megan Bowen", reason: "blocked", detail: "403 ConversationBlockedByUser", since: expect.any(Date) }]);
    expect(await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:megan-chat" } })).toMatchObject({ status: "blocked", blockedReason: "403 ConversationBlockedByUser" });

    // Not retried, and a new message to her is blocked without a call to Teams.
    await enqueueMessage(bot.app.db, { key: "b2", purpose: "test", recipient: { personId: megan }, card: card("y") }, now);
    for (let hour = 1; hour < 4; hour++) await bot.app.delivery.drain(later(hour * 3_600_000));
    expect(bot.connector.calls).toHaveLength(1);
    expect(await getDeliveryStatus(bot.app.db, "b2")).toMatchObject({ state: "blocked", attempts: 1 });

    // When she uses Aanjager again, she is reachable again.
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    expect(await isPersonReachable(bot.app.db, megan)).toBe(true);
    expect(await listUnreachablePeople(bot.app.db)).toEqual([]);
  });

  it("on 403 in a channel marks the channel blocked; on 404 the message fails; neither is retried", async () => {
    await addChannelConversation(bot.app.db, { conversationId: "19:gone@thread.tacv2", serviceUrl: bot.connector.url });
    await addChannelConversation(bot.app.db, { conversationId: "19:deleted@thread.tacv2", serviceUrl: bot.connector.url });
    bot.connector.faults.push(blockConversation("19:gone@thread.tacv2", "BotNotInConversationRoster"));
    bot.connector.faults.push(failTimes(10, 404, { code: "ConversationNotFound", match: (c) => c.conversationId === "19:deleted@thread.tacv2" }));
    await enqueueMessage(bot.app.db, { key: "ch403", purpose: "test", recipient: { conversationId: "19:gone@thread.tacv2" }, card: card("x") }, now);
    await enqueueMessage(bot.app.db, { key: "ch404", purpose: "test", recipient: { conversationId: "19:deleted@thread.tacv2" }, card: card("x") }, now);
    for (let hour = 0; hour < 3; hour++) await bot.app.delivery.drain(later(hour * 3_600_000));
    expect(bot.connector.calls.map((c) => c.status).sort()).toEqual([403, 404]);
    expect(await getDeliveryStatus(bot.app.db, "ch403")).toMatchObject({ state: "blocked", lastError: "403 BotNotInConversationRoster" });
    expect(await getDeliveryStatus(bot.app.db, "ch404")).toMatchObject({ state: "failed", lastError: "404 ConversationNotFound" });
    expect((await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "19:gone@thread.tacv2" } })).status).toBe("blocked");
  });

  it("counts a timed-out send as a possible re-send: the only way a message can arrive twice", async () => {
    const time = await restartOnVirtualTime({ DELIVERY_REQUEST_TIMEOUT_MS: "200", DELIVERY_LEASE_MS: "5000" });
    const dispatcher = createTestDispatcher(bot, time);
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    let slowOnce = true;
    bot.connector.faults.push(() => {
      if (!slowOnce) return null;
      slowOnce = false;
      return { delayMs: 600 }; // answered (and delivered) after the client gave up
    });
    await enqueueMessage(bot.app.db, { key: "slow", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
    expect(await dispatcher.drain(now)).toMatchObject({ retried: 1 });
    expect(await getDeliveryStatus(bot.app.db, "slow")).toMatchObject({ state: "pending", resendSuspect: 1, lastError: "network Timeout" });
    await bot.connector.waitFor((calls) => calls.some((c) => c.status === 201));
    await dispatcher.drain(later(3_600_000));
    expect(bot.connector.sent()).toHaveLength(2);
    expect(await getDeliveryStatus(bot.app.db, "slow")).toMatchObject({ state: "sent", resendSuspect: 1 });
  });

  it("re-queues a message left sending by a crashed dispatcher once its lease ran out, and counts it", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    const { id } = await enqueueMessage(bot.app.db, { key: "orphan", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
    await bot.app.db.outboxMessage.update({ where: { id }, data: { state: "sending", claimToken: "dead-process", claimedAt: later(-200_000), leaseUntil: later(-80_000), attempts: 1 } });
    const fresh = await enqueueMessage(bot.app.db, { key: "in-flight-elsewhere", purpose: "test", recipient: { personId: megan }, card: card("y") }, now);
    await bot.app.db.outboxMessage.update({ where: { id: fresh.id }, data: { state: "sending", claimToken: "live-process", claimedAt: now, leaseUntil: later(120_000) } });

    expect(await requeueExpiredClaims(bot.app.db, now)).toBe(1);
    expect(await getDeliveryStatus(bot.app.db, "orphan")).toMatchObject({ state: "pending", resendSuspect: 1 });
    expect(await getDeliveryStatus(bot.app.db, "in-flight-elsewhere")).toMatchObject({ state: "sending", resendSuspect: 0 });
    await bot.app.delivery.drain(now);
    expect(await getDeliveryStatus(bot.app.db, "orphan")).toMatchObject({ state: "sent", attempts: 2, resendSuspect: 1 });
  });

  it("runs as a loop in the server and stops cleanly with it", async () => {
    bot = await startTestAanjager(); // one of its own: this test closes it
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    bot.app.startDelivery();
    expect(bot.app.delivery.isRunning()).toBe(true);
    await enqueueMessage(bot.app.db, { key: "loop-1", purpose: "test", recipient: { personId: megan }, card: card("via de lus") }, new Date());
    bot.app.delivery.wake();
    const [sent] = await bot.connector.waitForSent(1);
    expect(cardText(sent!.body)).toBe("via de lus");
    await bot.close();
    expect(bot.app.delivery.isRunning()).toBe(false);
    bot = shared;
  });
});

describe("updates in place", () => {
  it("updates a sent card with PUT on the stored activity id, coalescing updates into the latest", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    await enqueueMessage(bot.app.db, { key: "reminder", purpose: "ddd-herinnering", recipient: { personId: megan }, card: card("3 leerlingen open") }, now);
    await bot.app.delivery.drain(now);
    const sent = await getDeliveryStatus(bot.app.db, "reminder");
    expect(sent).toMatchObject({ state: "sent", activityId: "mock-activity-1" });

    const first = await requestCardUpdate(bot.app.db, { key: "reminder", card: card("2 leerlingen open") }, now);
    const second = await requestCardUpdate(bot.app.db, { key: "reminder", card: card("1 leerling open") }, now);
    expect(first).toMatchObject({ mode: "update-enqueued" });
    expect(second).toEqual(first);
    expect(await bot.app.delivery.drain(now)).toMatchObject({ updated: 1, sent: 0 });

    expect(bot.connector.calls.map((c) => [c.method, c.path, c.status])).toEqual([
      ["POST", "/v3/conversations/a:megan-chat/activities", 201],
      ["PUT", "/v3/conversations/a:megan-chat/activities/mock-activity-1", 200],
    ]);
    expect(bot.connector.calls[1]!.body).toMatchObject({ id: "mock-activity-1", type: "message", conversation: { id: "a:megan-chat" } });
    expect(cardText(bot.connector.calls[1]!.body)).toBe("1 leerling open");
    expect(await getDeliveryStatus(bot.app.db, "reminder")).toMatchObject({ state: "sent", revision: 3 });

    // A later change is a new PUT.
    await requestCardUpdate(bot.app.db, { key: "reminder", card: card("alles ingevuld") }, now);
    await bot.app.delivery.drain(now);
    expect(bot.connector.updated().map((c) => cardText(c.body))).toEqual(["1 leerling open", "alles ingevuld"]);
  });

  it("replaces the content of a message not sent yet, so only the newest is ever sent", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    await enqueueMessage(bot.app.db, { key: "early", purpose: "test", recipient: { personId: megan }, card: card("oud") }, now);
    expect(await requestCardUpdate(bot.app.db, { key: "early", card: card("nieuw") }, now)).toMatchObject({ mode: "replaced-pending" });
    await bot.app.delivery.drain(now);
    expect(bot.connector.calls.map((c) => [c.method, cardText(c.body)])).toEqual([["POST", "nieuw"]]);
    await expect(requestCardUpdate(bot.app.db, { key: "never-enqueued", card: card("x") }, now)).rejects.toThrow(/no outbox message/);
  });

  it("says there is nothing to update for a message that was never delivered", async () => {
    const megan = await personId("meganb@example.com");
    await addPersonalConversation(bot.app.db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    bot.connector.faults.push(blockConversation("a:megan-chat"));
    await enqueueMessage(bot.app.db, { key: "refused", purpose: "test", recipient: { personId: megan }, card: card("x") }, now);
    await bot.app.delivery.drain(now);
    expect(await requestCardUpdate(bot.app.db, { key: "refused", card: card("y") }, now)).toMatchObject({ mode: "not-delivered", state: "blocked" });
  });
});
