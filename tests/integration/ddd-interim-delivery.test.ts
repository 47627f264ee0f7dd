import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDddReminders } from "../../src/services/ddd/reminders.js";
import { amsterdam, cardText, clearDddData, findPlaygroundSchools, importRows } from "../support/ddd.js";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

/**
 * The interim delivery port (src/services/interim-ports.ts, replaced by the outbox at merge):
 * a reminder reaches a decaan's personal chat through the adapter, proactively.
 */
let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager({ clock: () => amsterdam("2027-02-01T08:15") });
  await clearDddData(bot.app.db);
});
afterEach(async () => {
  await bot.close();
});

describe("interim delivery of DDD reminders", () => {
  it("sends the reminder card to the decaan's stored personal conversation", async () => {
    const { alexSchool } = await findPlaygroundSchools(bot.app.db);
    await importRows(bot.app.db, [`${alexSchool.brin};;50;40;30;20;45`], amsterdam("2027-01-25T07:00"));
    // Alex has written to the bot before, so his personal conversation is known.
    await bot.post(loadActivity("personal-message-help", bot.connector.url));
    await bot.connector.waitForSent(1);
    bot.connector.reset();

    const result = await runDddReminders(bot.app.jobDeps, amsterdam("2027-02-01T08:15"));
    expect(result.enqueued).toBe(1);
    const [sent] = await bot.connector.waitForSent(1);
    expect(sent!.conversationId).toBe("a:1personal-alex-conversation");
    const text = cardText(sent!.body.attachments[0].content);
    expect(text).toContain(`DDD-voortgang ${alexSchool.naam}`);
    expect(text).toContain("De DDD-campagne is begonnen");
    expect(text).toContain("Hallo Alex,");
    expect(text).toContain("20 van 50 dossiers afgerond en aangeleverd (40 %)");
  });
});
