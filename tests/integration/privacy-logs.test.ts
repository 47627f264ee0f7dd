import { describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager } from "../support/test-app.js";

describe("logs (AVG)", () => {
  it("carry ids only: no names, e-mail addresses or message text, even at debug level and on errors", async () => {
    const lines: string[] = [];
    const bot = await startTestAanjager({ logLines: lines });
    try {
      const secretText = "mijn leerling Jantje de Vries heeft BSN 111222333";
      await bot.post(loadActivity("installation-update-add-personal", bot.connector.url));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m1" }));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m2", text: secretText }));
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m3", text: "wie ben ik" }));
      await bot.post(loadActivity("card-action-invoke", bot.connector.url, { value: { action: { verb: "x", data: { naam: "Jantje de Vries" } } } }));
      await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignment" RENAME TO "RoleAssignmentBroken"');
      await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: "m4", text: secretText }));
      await bot.connector.waitForSent(5);
      await bot.app.db.$executeRawUnsafe('ALTER TABLE "RoleAssignmentBroken" RENAME TO "RoleAssignment"');
    } finally {
      await bot.close();
    }
    const all = lines.join("\n");
    expect(lines.length).toBeGreaterThan(5);
    expect(all).toContain('"msg":"command"');
    expect(all).toContain('"msg":"turn failed"');
    // Command names are logged (they are not personal); free text, names and addresses never.
    for (const forbidden of ["Alex Wilber", "Alex", "alexw@example.com", "@example", "Jantje", "111222333", "mijn leerling"]) {
      expect(all, forbidden).not.toContain(forbidden);
    }
  });
});
