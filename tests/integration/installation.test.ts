import { describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { useTestAanjager } from "../support/test-app.js";

const bot = useTestAanjager();

describe("installs and uninstalls", () => {
  it("stores the personal conversation on install and welcomes the user with the help card", async () => {
    const res = await bot.post(loadActivity("installation-update-add-personal", bot.connector.url));
    expect(res.status).toBe(200);
    const [welcome] = await bot.connector.waitForSent(1);
    expect(welcome!.conversationId).toBe("a:1personal-alex-conversation");
    expect(JSON.stringify(welcome!.body.attachments[0].content)).toContain("Hallo Alex, ik ben Aanjager");
    const ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:1personal-alex-conversation" }, include: { person: true } });
    expect(ref).toMatchObject({ kind: "personal", status: "active", serviceUrl: bot.connector.url, userTeamsId: "29:1aBcDeFgHiJkLmNoPqRsTuVwXyZ-alex", botId: "28:00000000-0000-0000-0000-00000000000011" });
    expect(ref.person?.email).toBe("alexw@example.com");
  });

  it("marks the personal conversation uninstalled on remove, and active again on a new install", async () => {
    await bot.post(loadActivity("installation-update-add-personal", bot.connector.url));
    await bot.post(loadActivity("installation-update-remove-personal", bot.connector.url));
    let ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:1personal-alex-conversation" } });
    expect(ref.status).toBe("uninstalled");
    expect(ref.uninstalledAt).toBeInstanceOf(Date);
    // Nothing is sent into a conversation the user just removed the bot from.
    expect(bot.connector.sent()).toHaveLength(1);

    await bot.post(loadActivity("installation-update-add-personal", bot.connector.url, { id: "f:again" }));
    ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "a:1personal-alex-conversation" } });
    expect(ref.status).toBe("active");
    expect(ref.uninstalledAt).toBeNull();
  });

  it("stores a team channel when the bot is added to a team, and forgets the whole team on uninstall", async () => {
    await bot.post(loadActivity("conversation-update-bot-added-team", bot.connector.url));
    await bot.post(loadActivity("channel-message-mention-help", bot.connector.url));
    await bot.connector.waitForSent(1);
    const refs = await bot.app.db.conversationRef.findMany({ where: { teamId: "19:stuurgroep-general-channel@thread.tacv2" }, orderBy: { id: "asc" } });
    expect(refs.map((r) => [r.kind, r.status, r.personId])).toEqual([
      ["channel", "active", null],
      ["channel", "active", null],
    ]);

    await bot.post(loadActivity("installation-update-remove-team", bot.connector.url));
    const after = await bot.app.db.conversationRef.findMany({ where: { teamId: "19:stuurgroep-general-channel@thread.tacv2" } });
    expect(after.every((r) => r.status === "uninstalled")).toBe(true);
  });

  it("introduces itself in a team on install, without a personal help card", async () => {
    await bot.post(
      loadActivity("installation-update-add-personal", bot.connector.url, {
        conversation: { conversationType: "channel", id: "19:team-general@thread.tacv2", isGroup: true },
        channelData: { team: { id: "19:team-general@thread.tacv2" } },
      }),
    );
    const [intro] = await bot.connector.waitForSent(1);
    expect(intro!.body.text).toContain("Noem me met **@Aanjager help**");
    const ref = await bot.app.db.conversationRef.findUniqueOrThrow({ where: { conversationId: "19:team-general@thread.tacv2" } });
    expect(ref).toMatchObject({ kind: "channel", teamId: "19:team-general@thread.tacv2", personId: null });
  });
});
