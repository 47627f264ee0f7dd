import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { configureDb, createDb, type DatabaseTarget, type Db } from "../../src/db/client.js";
import { claimJobRun } from "../../src/db/job-runs.js";
import { claimOutboxRow } from "../../src/db/outbox.js";
import { TEAMS_CONVERSATION_WINDOWS } from "../../src/domain/delivery/rate-limiter.js";
import { createLogger } from "../../src/logger.js";
import { createDispatcher, type DeliverySender } from "../../src/services/delivery/index.js";
import { enqueueMessages } from "../../src/services/delivery/outbox.js";
import { createSharedLimiter } from "../../src/services/delivery/shared-limiter.js";
import { addChannelConversation, card, cardText, createPeople } from "../support/delivery.js";
import { createTestDatabase, testDatabaseProvider } from "../support/test-db.js";
import { startVirtualTime, type VirtualTime } from "../support/virtual-time.js";
import { findBusiestWindow, findWindowExcesses } from "../support/window-check.js";

/**
 * Several instances on one database, in one process. SQLite here; the same code runs on
 * PostgreSQL, where the drill (tests/bench/multi-instance.ts) runs three real processes.
 *
 * The claims below each use a client (a connection) of their own, as separate processes
 * would. On SQLite the dispatchers share one client: better-sqlite3 is synchronous, so in one process a
 * second connection waiting for the write lock blocks the event loop that the transaction
 * holding it needs to commit (Prisma then gives up, "Operation has timed out"). Their limiters
 * and pumps are separate, which is what is under test; grants are still decided one at a time.
 */
/** Under `npm run test:pg` each instance below gets a pool of its own, as separate processes have. */
const onPostgres = testDatabaseProvider === "postgresql";

const SERVICE_URL = "http://127.0.0.1:9/";
const CHANNEL = "19:shared@thread.tacv2";
const settings = { ...loadConfig({}).delivery, globalPerSecond: 20, globalBurst: 5, concurrency: 4 };
const logger = createLogger("silent");

const opened: Db[] = [];
let time: VirtualTime | null = null;
afterEach(async () => {
  time?.stop();
  time = null;
  await Promise.all(opened.splice(0).map((db) => db.$disconnect()));
});

async function openInstances(database: DatabaseTarget, count: number): Promise<Db[]> {
  const dbs: Db[] = [];
  for (let i = 0; i < count; i++) {
    const db = await createDb(database);
    await configureDb(db);
    opened.push(db);
    dbs.push(db);
  }
  return dbs;
}

describe("instances cooperate through the database", () => {
  it("three dispatchers drain one outbox: every message once, the channel's windows and the configured rate never exceeded", async () => {
    const [first, ...others] = await openInstances(createTestDatabase(), onPostgres ? 3 : 1);
    const dbs = onPostgres ? [first!, ...others] : [first!, first!, first!];
    const people = await createPeople(first!, 120, { prefix: "si", serviceUrl: SERVICE_URL, withChat: true });
    await addChannelConversation(first!, { conversationId: CHANNEL, serviceUrl: SERVICE_URL });
    const now = new Date("2027-03-01T09:00:00Z");
    await enqueueMessages(
      first!,
      [
        ...people.map((personId, i) => ({ key: `si-${i}`, purpose: "test", recipient: { personId }, card: card(`si-${i}`) })),
        ...Array.from({ length: 20 }, (_, i) => ({ key: `ch-${i}`, purpose: "test", recipient: { conversationId: CHANNEL }, card: card(`ch-${i}`) })),
      ],
      now,
    );

    const clock = startVirtualTime();
    time = clock;
    const sends: { text: string; conversationId: string; at: number; instance: number }[] = [];
    const senderFor = (instance: number): DeliverySender => ({
      async send(reference, activity) {
        const at = clock.monotonic();
        sends.push({ text: cardText(activity) ?? "?", conversationId: (reference as { conversation: { id: string } }).conversation.id, at, instance });
        // Teams takes a while to answer: requests of one instance overlap, and those of the others.
        await clock.sleep(20 + (sends.length % 7) * 15);
        return { activityId: `act-${sends.length}` };
      },
      update: () => Promise.reject(new Error("no updates in this test")),
      createPersonalConversation: () => Promise.reject(new Error("every person has a chat")),
    });
    const dispatchers = dbs.map((db, instance) =>
      createDispatcher({
        db,
        sender: senderFor(instance),
        logger,
        settings,
        tenantId: null,
        clock: () => new Date(now.getTime() + clock.monotonic()),
        monotonic: clock.monotonic,
        sleep: clock.sleep,
        limiter: createSharedLimiter({ db, settings, logger, wallClock: clock.monotonic, monotonic: clock.monotonic }),
      }),
    );
    const results = await Promise.all(dispatchers.map((d) => d.drain(now)));

    const byText = new Map<string, number>();
    for (const send of sends) byText.set(send.text, (byText.get(send.text) ?? 0) + 1);
    expect(byText.size).toBe(140);
    expect([...byText.values()].every((n) => n === 1)).toBe(true);
    expect(await first!.outboxMessage.count({ where: { state: "sent" } })).toBe(140);
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(140);
    // The work was shared, not done by whichever instance came first.
    expect(results.filter((r) => r.sent > 0).length).toBeGreaterThanOrEqual(2);

    const channel = sends.filter((s) => s.conversationId === CHANNEL);
    // Which instances served the channel is up to their order of work (one may have taken all 20,
    // and once did in a full run); the windows hold across all of them through the ledger either way.
    expect(channel).toHaveLength(20);
    expect(findWindowExcesses(channel.map((s) => s.at), TEAMS_CONVERSATION_WINDOWS)).toEqual([]);
    // The app's rate: the grants of all three together, from the shared ledger.
    const grants = await first!.deliveryGrant.findMany({ where: { lane: "dispatch" }, select: { grantedAt: true } });
    expect(grants.length).toBe(140);
    expect(findBusiestWindow(grants.map((g) => g.grantedAt), 1_000)).toBeLessThanOrEqual(20);
    // How close to the rate they get is measured by the drill (tests/bench/multi-instance.ts), not here.
  });

  it("a turn answered by one instance and the dispatcher of another share the conversation's hold and windows and the app's budget", async () => {
    const [db] = await openInstances(createTestDatabase(), 1);
    let now = 1_000_000;
    const clock = () => now;
    const instanceA = createSharedLimiter({ db: db!, settings: { ...settings, globalPerSecond: 45, globalBurst: 45 }, logger, wallClock: clock, monotonic: clock });
    const instanceB = createSharedLimiter({ db: db!, settings: { ...settings, globalPerSecond: 45, globalBurst: 45 }, logger, wallClock: clock, monotonic: clock });

    // B's dispatcher has a request to the channel in flight: A's answer in that channel waits for it.
    expect(await instanceB.tryAcquire("c:channel", now)).toEqual({ ok: true });
    expect(await instanceA.tryAcquireTurn("c:channel", now)).toMatchObject({ ok: false, scope: "conversation" });
    // A asks again after its poll of a held conversation (100 ms: each question is a round trip).
    now += 100;
    await instanceB.restamp("c:channel", now);
    expect(await instanceA.tryAcquireTurn("c:channel", now)).toEqual({ ok: true });
    await instanceA.restamp("c:channel", now);
    // Seven in a second is the channel's limit, whoever sends them.
    for (let i = 0; i < 5; i++) {
      const limiter = i % 2 === 0 ? instanceA : instanceB;
      expect(await limiter.tryAcquire("c:channel", now)).toEqual({ ok: true });
      await limiter.restamp("c:channel", now);
    }
    expect(await instanceB.tryAcquire("c:channel", now)).toMatchObject({ ok: false, scope: "conversation" });
    expect(await instanceA.tryAcquireTurn("c:channel", now)).toMatchObject({ ok: false, scope: "conversation" });

    // The app's budget: B's dispatcher stops at 50 minus the turns' reserve (10); A's turns still get theirs.
    now += 60_000;
    let dispatched = 0;
    for (let i = 0; i < 60; i++) {
      const result = await instanceB.tryAcquire(`p:${i}`, now);
      if (!result.ok) break;
      await instanceB.release(`p:${i}`);
      dispatched += 1;
    }
    expect(dispatched).toBe(40);
    for (let i = 0; i < 10; i++) expect(await instanceA.tryAcquireTurn(`p:turn-${i}`, now)).toEqual({ ok: true });
    expect(await instanceA.tryAcquireTurn("p:turn-late", now)).toMatchObject({ ok: false, scope: "global" });

    // An hour and a bit later no window counts any of it: the ledger is pruned.
    expect(await db!.deliveryGrant.count()).toBeGreaterThan(50);
    await instanceA.prune(now + 3_700_000);
    expect(await db!.deliveryGrant.count()).toBe(0);
  });

  it("outbox claims under contention: three instances claim the same 100 rows at once, each row goes to exactly one", async () => {
    const dbs = await openInstances(createTestDatabase(), 3);
    const people = await createPeople(dbs[0]!, 100, { prefix: "cl", serviceUrl: SERVICE_URL, withChat: true });
    const now = new Date();
    await enqueueMessages(dbs[0]!, people.map((personId, i) => ({ key: `cl-${i}`, purpose: "test", recipient: { personId }, card: card(`cl-${i}`) })), now);
    const ids = (await dbs[0]!.outboxMessage.findMany({ select: { id: true } })).map((r) => r.id);
    const claims = await Promise.all(
      dbs.flatMap((db, instance) =>
        ids.map(async (id) => {
          const row = await claimOutboxRow(db, id, { token: randomUUID(), dueBy: now, claimedAt: now, leaseUntil: new Date(now.getTime() + 60_000) });
          return row ? { id, instance } : null;
        }),
      ),
    );
    const won = claims.filter((c) => c !== null);
    expect(won).toHaveLength(100);
    expect(new Set(won.map((c) => c.id)).size).toBe(100);
    expect(await dbs[0]!.outboxMessage.count({ where: { state: "sending", attempts: 1 } })).toBe(100);
  });

  it("job slots under contention: three instances claim the same 60 slots at once, each runs once", async () => {
    const dbs = await openInstances(createTestDatabase(), 3);
    const slots = Array.from({ length: 60 }, (_, i) => new Date(Date.UTC(2027, 2, 1, 6, i)));
    const claims = await Promise.all(
      dbs.flatMap((db) => slots.map(async (slot) => ({ slot: slot.toISOString(), id: await claimJobRun(db, { key: `herinnering:${slot.toISOString()}`, job: "herinnering", slot, trigger: "schedule", at: new Date() }) }))),
    );
    const winners = claims.filter((c) => c.id !== null);
    expect(winners).toHaveLength(60);
    expect(new Set(winners.map((c) => c.slot)).size).toBe(60);
    expect(await dbs[0]!.jobRun.count()).toBe(60);
  });
});
