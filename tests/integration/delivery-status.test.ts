import { describe, expect, it } from "vitest";
import { buildDeliveryStatusCardData, renderDeliveryStatusCard } from "../../src/cards/delivery-status-card.js";
import { findUnexpandedExpressions } from "../../src/cards/render-card.js";
import { enqueueMessage, summarizeDelivery } from "../../src/services/delivery/index.js";
import { addChannelConversation, addPersonalConversation, card } from "../support/delivery.js";
import { loadActivity } from "../support/fixtures.js";
import { blockConversation, failTimes } from "../support/mock-connector.js";
import { useTestAanjager } from "../support/test-app.js";

const bot = useTestAanjager();

async function personId(email: string): Promise<number> {
  return (await bot.app.db.person.findUniqueOrThrow({ where: { email } })).id;
}

function cardOf(call: { body: any }) {
  const attachment = call.body.attachments?.[0];
  expect(attachment?.contentType).toBe("application/vnd.microsoft.card.adaptive");
  return attachment.content;
}

/** Every TextBlock text of a card, in order. */
function texts(node: any): string[] {
  if (Array.isArray(node)) return node.flatMap(texts);
  if (!node || typeof node !== "object") return [];
  return [...(node.type === "TextBlock" ? [node.text] : []), ...Object.values(node).flatMap(texts)];
}

describe("verzending", () => {
  it("shows the projectteam per purpose what waits, went out, failed or was blocked, and who did not get theirs", async () => {
    const now = new Date();
    const db = bot.app.db;
    const megan = await personId("meganb@example.com");
    const adele = await personId("adelev@example.com");
    await addPersonalConversation(db, { personId: megan, conversationId: "a:megan-chat", serviceUrl: bot.connector.url });
    await addPersonalConversation(db, { personId: adele, conversationId: "a:adele-chat", serviceUrl: bot.connector.url });
    await addChannelConversation(db, { conversationId: "19:stuurgroep@thread.tacv2", serviceUrl: bot.connector.url });
    bot.connector.faults.push(blockConversation("a:megan-chat"));
    bot.connector.faults.push(failTimes(1, 404, { code: "ConversationNotFound", match: (c) => c.conversationId === "19:stuurgroep@thread.tacv2" }));
    await enqueueMessage(db, { key: "h-megan", purpose: "ddd-herinnering", recipient: { personId: megan }, card: card("x") }, now);
    await enqueueMessage(db, { key: "h-adele", purpose: "ddd-herinnering", recipient: { personId: adele }, card: card("x") }, now);
    await enqueueMessage(db, { key: "h-adele-2", purpose: "ddd-herinnering", recipient: { personId: adele }, card: card("x"), notBefore: new Date(now.getTime() + 86_400_000) }, now);
    await enqueueMessage(db, { key: "s-week", purpose: "samenvatting", recipient: { conversationId: "19:stuurgroep@thread.tacv2" }, card: card("x") }, now);
    await bot.app.delivery.drain(now);
    bot.connector.reset();

    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "verzending" }));
    const [reply] = await bot.connector.waitForSent(1);
    const shown = texts(cardOf(reply!));

    expect(shown[0]).toBe("Verzending van berichten");
    // Each purpose in words (never its internal key), its counts on one line that reads the same on a phone.
    const row = (purpose: string) => shown[shown.indexOf(purpose) + 1];
    expect(row("DDD-herinneringen")).toBe("1 verzonden · 1 wachtend · 0 mislukt · 1 geblokkeerd");
    expect(row("Weekoverzichten")).toBe("0 verzonden · 0 wachtend · 1 mislukt · 0 geblokkeerd");
    expect(row("Totaal")).toBe("1 verzonden · 1 wachtend · 1 mislukt · 1 geblokkeerd");
    expect(shown.join("\n")).not.toMatch(/ddd-herinnering|samenvatting\b/);
    expect(shown).toContain("Niet bezorgd");
    expect(shown).toContain("- **Megan Bowen** (DDD-herinneringen): geblokkeerd, heeft Aanjager geblokkeerd (403 ConversationBlockedByUser)");
    expect(shown).toContain("- **kanaal of groepschat 19:stuurgroep@thread.tac…** (Weekoverzichten): mislukt, gesprek bestaat niet meer (404 ConversationNotFound)");
    expect(JSON.stringify(cardOf(reply!))).not.toContain("${");
  });

  it("is only for the projectteam and beheerders", async () => {
    await bot.post(loadActivity("personal-message-help", bot.connector.url, { text: "verzending", from: { id: "29:adele", aadObjectId: "00000000-0000-0000-0000-0000000000022", name: "Adele Vance" }, conversation: { id: "a:adele" } }));
    const [reply] = await bot.connector.waitForSent(1);
    expect(reply!.body.text).toContain("**verzending** is niet beschikbaar voor jouw rol");
  });

  it("says so when nothing was sent yet", async () => {
    const card = renderDeliveryStatusCard(buildDeliveryStatusCardData(await summarizeDelivery(bot.app.db), new Date("2027-03-01T09:30:00+01:00")));
    expect(texts(card)).toEqual(expect.arrayContaining(["Verzending van berichten", "Stand van 1 maart 2027, 09:30", "Er zijn nog geen berichten verstuurd of klaargezet."]));
    expect(texts(card)).not.toContain("Niet bezorgd");
    expect(findUnexpandedExpressions(card)).toEqual([]);
  });
});
