import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markPersonUnreachable } from "../../src/db/reachability.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

/**
 * Chat messages, card actions and installs go through one turn pipeline. Before, card actions
 * resolved the person without the e-mail fallback (a decaan known only by e-mail was refused on
 * their own card) and every activity stored a conversation reference, also from strangers and
 * junk (557 rows after one fuzz run).
 */
let bot: TestAanjager;
beforeAll(async () => {
  bot = await startTestAanjager({ clock: () => new Date("2027-02-15T09:00:00Z"), connector: { throttle: false }, env: { RATE_LIMIT_PER_USER: "1000" } });
});
afterAll(async () => {
  await bot.close();
});

describe("who is acting, the same for every kind of turn", () => {
  it("a decaan known only by e-mail is recognised on a card button, linked, and their chat remembered", async () => {
    const decaan = await bot.app.db.person.findFirstOrThrow({ where: { aadObjectId: null, teamsUserId: null, roles: { some: { role: "decaan", schoolId: { not: null } } } }, include: { roles: true } });
    const schoolId = decaan.roles.find((r) => r.role === "decaan")!.schoolId!;
    const from = { id: "29:card-decaan", aadObjectId: "aad-card-decaan", name: decaan.naam };
    bot.connector.members.set(from.id, { ...from, email: decaan.email });
    const res = await bot.post(
      loadActivity("card-action-invoke", bot.connector.url, { from, conversation: { id: "a:card-decaan" }, value: { action: { type: "Action.Execute", verb: "ddd.hulp", data: { schoolId } } } }),
    );
    expect(res.status).toBe(200);
    const body = JSON.stringify(await res.json());
    expect(body).not.toContain("Ik ken je nog niet");
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: decaan.id } })).toMatchObject({ aadObjectId: "aad-card-decaan", teamsUserId: "29:card-decaan" });
    expect((await bot.app.db.conversationRef.findUnique({ where: { conversationId: "a:card-decaan" } }))?.personId).toBe(decaan.id);
  });
});

describe("conversation references: installs and known people only", () => {
  it("stores nothing for strangers' messages, buttons or roster noise, however many", async () => {
    const before = await bot.app.db.conversationRef.count();
    for (let i = 0; i < 15; i++) {
      const from = { id: `29:stranger-${i}`, aadObjectId: `aad-stranger-${i}`, name: "Onbekend" };
      expect((await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: `s-${i}`, from, conversation: { id: `a:stranger-${i}` } }))).status).toBe(200);
      expect((await bot.post(loadActivity("card-action-invoke", bot.connector.url, { id: `b-${i}`, from, conversation: { id: `a:stranger-button-${i}` } }))).status).toBe(200);
      expect((await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: `c-${i}`, type: "conversationUpdate", text: undefined, from, conversation: { id: `19:channel-${i}@thread.tacv2`, conversationType: "channel" } }))).status).toBe(200);
    }
    expect(await bot.app.db.conversationRef.count()).toBe(before);
  });

  it("stores the chat of a stranger who installs the app (Teams sent the install), and of a known person who writes", async () => {
    const install = loadActivity("installation-update-add-personal", bot.connector.url, { from: { id: "29:installer", aadObjectId: "aad-installer" }, conversation: { id: "a:installer" } });
    expect((await bot.post(install)).status).toBe(200);
    expect(await bot.app.db.conversationRef.findUnique({ where: { conversationId: "a:installer" } })).not.toBeNull();
    const alex = loadActivity("personal-message-help", bot.connector.url, { conversation: { id: "a:alex-writes" } });
    expect((await bot.post(alex)).status).toBe(200);
    expect(await bot.app.db.conversationRef.findUnique({ where: { conversationId: "a:alex-writes" } })).not.toBeNull();
  });
});

describe("conversation references: written when something changed, not on every turn", () => {
  const from = { id: "29:repeat-alex", aadObjectId: "00000000-0000-0000-0000-0000000000020", name: "Alex Wilber" };
  const message = (id: string, patch: Record<string, unknown> = {}) => loadActivity("personal-message-help", bot.connector.url, { id, from, conversation: { id: "a:repeat-alex" }, ...patch });
  const stored = () => bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:repeat-alex" } });

  it("a second turn from the same chat leaves its row as it was (each write cost the turn CPU); a new service url is stored", async () => {
    expect((await bot.post(message("r-1"))).status).toBe(200);
    const first = await stored();
    expect((await bot.post(message("r-2"))).status).toBe(200);
    expect((await stored()).updatedAt).toEqual(first.updatedAt);
    expect((await bot.post(message("r-3", { serviceUrl: `${bot.connector.url}moved/` }))).status).toBe(200);
    expect((await stored()).serviceUrl).toBe(`${bot.connector.url}moved/`);
  });

  it("a blocked chat whose person writes again is active again, and the person reachable", async () => {
    expect((await bot.post(message("r-4"))).status).toBe(200);
    const row = await stored();
    await markPersonUnreachable(bot.app.db, row.personId!, "403 ConversationBlockedByUser", new Date());
    expect((await stored()).status).toBe("blocked");
    expect((await bot.post(message("r-5"))).status).toBe(200);
    expect(await stored()).toMatchObject({ status: "active", blockedAt: null });
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: row.personId! } })).toMatchObject({ unreachableSince: null, unreachableReason: null });
  });

  it("an unreachable person whose chat row still looks active is made reachable when they write", async () => {
    const row = await stored();
    await bot.app.db.person.update({ where: { id: row.personId! }, data: { unreachableSince: new Date(), unreachableReason: "403 test" } });
    expect((await bot.post(message("r-6"))).status).toBe(200);
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: row.personId! } })).toMatchObject({ unreachableSince: null });
  });
});
