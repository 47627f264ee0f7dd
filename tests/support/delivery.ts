import type { DeliverySettings } from "../../src/config.js";
import { upsertConversationRef } from "../../src/db/conversation-refs.js";
import type { Db } from "../../src/db/client.js";
import { createLogger } from "../../src/logger.js";
import { createDispatcher, type Dispatcher } from "../../src/services/delivery/dispatcher.js";
import { createBotFrameworkSender, createProactiveAdapter } from "../../src/teams/proactive-sender.js";
import type { TestAanjager } from "./test-app.js";
import type { VirtualTime } from "./virtual-time.js";

/** Test data for delivery: people, and conversation references that point at a mock connector. */
export const TENANT_ID = "00000000-0000-0000-0000-0000000000001";
export const BOT_ID = "28:00000000-0000-0000-0000-00000000000011";

export function card(text: string) {
  return { type: "AdaptiveCard", version: "1.5", body: [{ type: "TextBlock", text, wrap: true }] };
}

/** The text of the first TextBlock of the card in a recorded send/update body. */
export function cardText(body: any): string | undefined {
  return body?.attachments?.[0]?.content?.body?.[0]?.text;
}

export async function addPersonalConversation(db: Db, input: { personId: number; conversationId: string; serviceUrl: string; userTeamsId?: string; at?: Date }): Promise<void> {
  const userId = input.userTeamsId ?? `29:user-${input.personId}`;
  await upsertConversationRef(
    db,
    {
      conversationId: input.conversationId,
      kind: "personal",
      serviceUrl: input.serviceUrl,
      tenantId: TENANT_ID,
      teamId: null,
      channelId: null,
      botId: BOT_ID,
      userTeamsId: userId,
      userAadObjectId: null,
      personId: input.personId,
      reference: {
        activityId: "incoming-activity-1",
        channelId: "msteams",
        serviceUrl: input.serviceUrl,
        bot: { id: BOT_ID, name: "Aanjager" },
        user: { id: userId },
        conversation: { id: input.conversationId, conversationType: "personal", tenantId: TENANT_ID },
      },
    },
    input.at ?? new Date(),
  );
}

export async function addChannelConversation(db: Db, input: { conversationId: string; serviceUrl: string; teamId?: string }): Promise<void> {
  await upsertConversationRef(
    db,
    {
      conversationId: input.conversationId,
      kind: "channel",
      serviceUrl: input.serviceUrl,
      tenantId: TENANT_ID,
      teamId: input.teamId ?? "19:team@thread.tacv2",
      channelId: input.conversationId.split(";")[0]!,
      botId: BOT_ID,
      userTeamsId: null,
      userAadObjectId: null,
      personId: null,
      reference: {
        activityId: "incoming-channel-activity",
        channelId: "msteams",
        serviceUrl: input.serviceUrl,
        bot: { id: BOT_ID, name: "Aanjager" },
        conversation: { id: input.conversationId, conversationType: "channel", isGroup: true, tenantId: TENANT_ID },
      },
    },
    new Date(),
  );
}

/** A personal chat at the mock for each person, in bulk (their stored conversation references). */
export async function addPersonalChats(db: Db, serviceUrl: string, chats: readonly { personId: number; teamsUserId: string; conversationId: string }[], at = new Date()): Promise<void> {
  const chunk = 500;
  for (let start = 0; start < chats.length; start += chunk) {
    await db.conversationRef.createMany({
      data: chats.slice(start, start + chunk).map(({ personId, teamsUserId, conversationId }) => ({
        conversationId,
        kind: "personal",
        serviceUrl,
        tenantId: TENANT_ID,
        botId: BOT_ID,
        userTeamsId: teamsUserId,
        personId,
        installedAt: at,
        reference: JSON.stringify({ channelId: "msteams", serviceUrl, bot: { id: BOT_ID }, user: { id: teamsUserId }, conversation: { id: conversationId, conversationType: "personal", tenantId: TENANT_ID } }),
      })),
    });
  }
}

/** Creates `count` people (optionally each with a personal chat at the mock), in bulk. Returns their ids in order. */
export async function createPeople(db: Db, count: number, options: { prefix?: string; serviceUrl?: string; withChat?: boolean } = {}): Promise<number[]> {
  const prefix = options.prefix ?? "bulk";
  const ids: number[] = [];
  const chunk = 500;
  for (let start = 0; start < count; start += chunk) {
    const rows = Array.from({ length: Math.min(chunk, count - start) }, (_, i) => {
      const n = start + i;
      return { email: `${prefix}-${n}@school.example`, naam: `Testpersoon ${prefix} ${n}`, teamsUserId: `29:${prefix}-${n}` };
    });
    await db.person.createMany({ data: rows });
  }
  const people = await db.person.findMany({ where: { email: { startsWith: `${prefix}-` } }, select: { id: true, email: true } });
  const byIndex = new Map(people.map((p) => [Number(p.email.slice(prefix.length + 1).split("@")[0]), p.id]));
  for (let n = 0; n < count; n++) ids.push(byIndex.get(n)!);
  if (options.withChat && options.serviceUrl) {
    await addPersonalChats(db, options.serviceUrl, ids.map((personId, n) => ({ personId, teamsUserId: `29:${prefix}-${n}`, conversationId: `a:${prefix}-chat-${n}` })));
  }
  return ids;
}

/**
 * A dispatcher of its own on the test bot's database, sending through the Bot Framework to the
 * bot's mock connector like the bot's own, but on virtual time (and with settings of the test's
 * choosing). A second one on the same database is what a restarted process is. Virtual time
 * waits for its calls, except calls that have hung for `hungAfterMs` of real time.
 */
export function createTestDispatcher(bot: TestAanjager, time: VirtualTime, settings: Partial<DeliverySettings> = {}, hungAfterMs = 100): Dispatcher {
  const config = bot.app.config;
  const sender = createBotFrameworkSender(createProactiveAdapter(config), config);
  const calls = new Set<number>();
  const epoch = Date.now() - time.monotonic();
  const timed = <A extends unknown[], R>(call: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    const startedAt = performance.now();
    calls.add(startedAt);
    try {
      return await call(...args);
    } finally {
      calls.delete(startedAt);
    }
  };
  const dispatcher = createDispatcher({
    db: bot.app.db,
    sender: { send: timed(sender.send), update: timed(sender.update), createPersonalConversation: timed(sender.createPersonalConversation) },
    logger: createLogger("silent"),
    settings: { ...config.delivery, ...settings },
    tenantId: config.auth.tenantId ?? null,
    // The loop's business clock runs on virtual time too (a drain makes its own).
    clock: () => new Date(epoch + time.monotonic()),
    monotonic: time.monotonic,
    sleep: time.sleep,
  });
  time.holdWhile(() => {
    const { inFlight, slowCalls } = dispatcher.metrics();
    const hung = [...calls].filter((startedAt) => performance.now() - startedAt > hungAfterMs).length;
    return inFlight + slowCalls - hung > 0;
  });
  return dispatcher;
}
