import { describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { useTestAanjager } from "../support/test-app.js";

const bot = useTestAanjager();

function cardOf(call: { body: any }) {
  const attachment = call.body.attachments?.[0];
  expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachment.content;
}

describe("help over /api/messages", () => {
  it("answers a known user with a Dutch card listing their roles and commands", async () => {
    const res = await bot.post(loadActivity("personal-message-help", bot.connector.url));
    expect(res.status).toBe(200);
    const [reply] = await bot.connector.waitForSent(1);
    expect(reply!.conversationId).toBe("a:1personal-alex-conversation");
    expect(reply!.path).toContain("/activities/1795600364513"); // a reply to the user's message
    const card = cardOf(reply!);
    const text = JSON.stringify(card);
    expect(card.version).toBe("1.5");
    expect(text).toContain("Hallo Alex, ik ben Aanjager");
    expect(text).toContain("projectteam Elke Jongere in Beeld");
    expect(text).toContain("decaan (Graaf Huyn Vmbo Geleen)");
    expect(text).toContain("Wat je kunt typen");
    expect(text).not.toContain("${");
    expect(bot.connector.sent()).toHaveLength(1);
  });

  it("tells an unknown user what Aanjager does and whom to contact, without roles", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { from: { id: "29:stranger", aadObjectId: "99999999-0000-0000-0000-000000000000", name: "Onbekend" }, conversation: { id: "a:stranger" } }));
    const [reply] = await bot.connector.waitForSent(1);
    const text = JSON.stringify(cardOf(reply!));
    expect(text).toContain("Ik ken je nog niet");
    expect(text).toContain("elkejongereinbeeld@vsv-zuidlimburg.example");
    expect(text).not.toContain("Je rollen");
  });

  it("links an unknown Teams account by the e-mail address Teams reports, and remembers it", async () => {
    // A decaan imported with only an e-mail address writes for the first time.
    const decaan = await bot.app.db.person.findFirstOrThrow({ where: { aadObjectId: null, roles: { some: { role: "decaan" } } } });
    bot.connector.members.set("29:new-decaan", { id: "29:new-decaan", name: decaan.naam, aadObjectId: "aad-new-decaan", email: decaan.email.toUpperCase() });
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { from: { id: "29:new-decaan", aadObjectId: "aad-new-decaan", name: decaan.naam }, conversation: { id: "a:new-decaan" } }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(reply!))).toContain(`Hallo ${decaan.naam.split(" ")[0]}`);
    expect(bot.connector.calls.some((c) => c.method === "GET" && c.path.endsWith("/members/29:new-decaan"))).toBe(true);
    const linked = await bot.app.db.person.findUniqueOrThrow({ where: { id: decaan.id } });
    expect(linked).toMatchObject({ teamsUserId: "29:new-decaan", aadObjectId: "aad-new-decaan" });
    const ref = await bot.app.db.conversationRef.findUnique({ where: { conversationId: "a:new-decaan" } });
    expect(ref?.personId).toBe(decaan.id);
  });

  it("does not re-link a person who is already linked to another Teams account", async () => {
    bot.connector.members.set("29:impostor", { id: "29:impostor", name: "X", aadObjectId: "aad-impostor", email: "meganb@example.com" });
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { from: { id: "29:impostor", aadObjectId: "aad-impostor", name: "X" }, conversation: { id: "a:impostor" } }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(reply!))).toContain("Ik ken je nog niet");
    const megan = await bot.app.db.person.findUniqueOrThrow({ where: { email: "meganb@example.com" } });
    expect(megan.aadObjectId).toBe("00000000-0000-0000-0000-0000000000021");
  });

  it("answers a channel message that mentions the bot", async () => {
    await bot.post(loadActivity("channel-message-mention-help", bot.connector.url));
    const [reply] = await bot.connector.waitForSent(1);
    expect(reply!.conversationId).toBe("19:stuurgroep-general-channel@thread.tacv2;messageid=1795600910000");
    expect(JSON.stringify(cardOf(reply!))).toContain("Wat je kunt typen");
  });

  it("is forgiving about case, slashes and punctuation", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "  /HELP? " }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(reply!))).toContain("Wat je kunt typen");
  });

  it("suggests the closest command for a typo, with a button that runs it", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "hlep" }));
    const [reply] = await bot.connector.waitForSent(1);
    const card = cardOf(reply!);
    expect(card.body[0].text).toBe("Dat herken ik niet. Bedoel je **help**? Typ **help** voor alles wat ik kan.");
    const button = card.body[1].actions[0];
    expect(button).toMatchObject({ type: "Action.Submit", title: "help" });
    // Clicked, Teams sends a message with the button's data and no text: the command runs.
    bot.connector.reset();
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "", value: button.data }));
    const [answer] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(answer!))).toContain("Wat je kunt typen");
  });

  it("understands a message Teams sends as HTML", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "<p>help&nbsp;</p>", textFormat: "xml" }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(reply!))).toContain("Wat je kunt typen");
  });

  it("understands a greeting before the command and a mention of the bot mid-sentence", async () => {
    const channel = loadActivity("channel-message-mention-help", bot.connector.url, { text: "hoi <at>Aanjager</at> help\n" });
    await bot.post(channel);
    const [reply] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(cardOf(reply!))).toContain("Wat je kunt typen");
    bot.connector.reset();
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "Hallo Aanjager, voortgang" }));
    const [personal] = await bot.connector.waitForSent(1);
    expect(JSON.stringify(personal!.body)).not.toContain("Dat herken ik niet");
  });

  it("answers 'wie ben ik' with the person's roles and schools", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "wie ben ik" }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(reply!.body.text).toContain("**Alex Wilber**");
    expect(reply!.body.text).toContain("decaan: Graaf Huyn Vmbo Geleen");
  });

  it("stores the conversation reference of every incoming message, linked to the person", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url));
    await bot.connector.waitForSent(1);
    const ref = await bot.app.db.conversationRef.findUnique({ where: { conversationId: "a:1personal-alex-conversation" }, include: { person: true } });
    expect(ref).toMatchObject({ kind: "personal", status: "active", tenantId: "00000000-0000-0000-0000-0000000000001", userAadObjectId: "00000000-0000-0000-0000-0000000000020", serviceUrl: bot.connector.url });
    expect(ref?.person?.email).toBe("alexw@example.com");
    expect(JSON.parse(ref!.reference)).toMatchObject({ conversation: { id: "a:1personal-alex-conversation" }, bot: { id: "28:00000000-0000-0000-0000-00000000000011" } });
  });

  it("answers a failing turn in Dutch instead of crashing, and keeps serving", async () => {
    // Break the directory lookup for one turn: the error sink must answer and the server stay up.
    await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignment" RENAME TO "RoleAssignmentBroken"');
    const res = await bot.post(loadActivity("personal-message-help", bot.connector.url));
    expect(res.status).toBeLessThan(500 + 1);
    const [reply] = await bot.connector.waitForSent(1);
    expect(reply!.body.text).toContain("Er ging iets mis bij het verwerken van je bericht");
    await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignmentBroken" RENAME TO "RoleAssignment"');
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "second" }));
    const sent = await bot.connector.waitForSent(2);
    expect(JSON.stringify(sent[1]!.body)).toContain("Wat je kunt typen");
  });
});
