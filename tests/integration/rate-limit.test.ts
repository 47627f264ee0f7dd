import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";

let bot: TestAanjager;
beforeEach(async () => {
  bot = await startTestAanjager({ env: { RATE_LIMIT_PER_USER: "5", RATE_LIMIT_WINDOW_SECONDS: "60" } });
});
afterEach(async () => {
  await bot.close();
});

describe("per-user rate limit on /api/messages", () => {
  it("turns a flood from one user into 429s with Retry-After, while another user is still answered", async () => {
    const flood = Array.from({ length: 40 }, (_, i) =>
      bot.post(loadActivity("personal-message-help", bot.connector.url, { id: `flood-${i}`, text: "wie ben ik" })),
    );
    const other = bot.post(
      loadActivity("personal-message-help", bot.connector.url, { id: "megan-1", from: { id: "29:megan", aadObjectId: "00000000-0000-0000-0000-0000000000021", name: "Megan Bowen" }, conversation: { id: "a:megan" } }),
    );
    const [floodResponses, otherResponse] = await Promise.all([Promise.all(flood), other]);
    const statuses = floodResponses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(35);
    const limited = floodResponses.find((r) => r.status === 429)!;
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(otherResponse.status).toBe(200);
    const sent = await bot.connector.waitForSent(6);
    expect(sent.filter((c) => c.conversationId === "a:megan")).toHaveLength(1);
    expect(sent.filter((c) => c.conversationId === "a:1personal-alex-conversation")).toHaveLength(5);
  });
});
