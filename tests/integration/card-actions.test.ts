import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager();
});
afterEach(async () => {
  await bot.close();
});

describe("adaptiveCard/action invokes", () => {
  it("answers an unknown verb (an old or forged card) with a Dutch message, not an error", async () => {
    const res = await bot.post(loadActivity("card-action-invoke", bot.connector.url, { value: { action: { verb: "bestaat-niet", data: { x: 1 } } } }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toEqual({
      statusCode: 200,
      type: "application/vnd.microsoft.activity.message",
      value: "Deze knop werkt niet meer: de kaart is verouderd. Typ **help** om verder te gaan.",
    });
    expect(bot.connector.sent()).toHaveLength(0);
  });
});
