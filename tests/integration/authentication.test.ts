import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { CHANNEL_ISSUER, startTokenAuthority, type TokenAuthority } from "../support/token-authority.js";

const APP_ID = "11111111-2222-3333-4444-555555555555";
const TENANT = "00000000-0000-0000-0000-0000000000001";

let authority: TokenAuthority;
let bot: TestAanjager;

beforeAll(async () => {
  authority = await startTokenAuthority();
  bot = await startTestAanjager({
    env: {
      BOT_MODE: "production",
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: "test-secret-not-used-offline",
      MicrosoftAppTenantId: TENANT,
      BOT_OPENID_METADATA_URL: authority.metadataUrl,
    },
  });
});
afterAll(async () => {
  await bot.close();
  await authority.close();
});

function claims(overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: APP_ID, serviceurl: bot.connector.url, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}

describe("Bot Framework token verification in production mode (local key set on loopback)", () => {
  it("accepts a correctly signed channel token and processes the activity", async () => {
    const res = await bot.post(loadActivity("personal-message-help", bot.connector.url), { authorization: `Bearer ${authority.sign(claims())}` });
    expect(res.status).toBe(200);
    expect(await bot.app.db.conversationRef.count({ where: { conversationId: "a:1personal-alex-conversation" } })).toBe(1);
  });

  const refused: [string, () => string][] = [
    ["no token", () => ""],
    ["unsigned (alg none)", () => `Bearer ${authority.sign(claims(), { unsigned: true })}`],
    ["forged (signed by an unpublished key with the published key id)", () => `Bearer ${authority.sign(claims(), { key: authority.foreignKey })}`],
    ["unknown key id", () => `Bearer ${authority.sign(claims(), { kid: "someone-else" })}`],
    ["expired", () => `Bearer ${authority.sign(claims({ exp: Math.floor(Date.now() / 1000) - 3600, iat: Math.floor(Date.now() / 1000) - 7200, nbf: Math.floor(Date.now() / 1000) - 7200 }))}`],
    ["wrong audience", () => `Bearer ${authority.sign(claims({ aud: "99999999-0000-0000-0000-000000000000" }))}`],
    ["wrong issuer", () => `Bearer ${authority.sign(claims({ iss: "https://evil.example" }))}`],
    ["service url of another host", () => `Bearer ${authority.sign(claims({ serviceurl: "https://attacker.example/" }))}`],
    ["garbage", () => "Bearer not.a.jwt"],
  ];
  for (const [label, header] of refused) {
    it(`answers 401 and processes nothing for: ${label}`, async () => {
      const before = { refs: await bot.app.db.conversationRef.count(), calls: bot.connector.calls.length };
      const activity = loadActivity("personal-message-help", bot.connector.url, { conversation: { id: `a:refused-${label}` } });
      const res = await bot.post(activity, header() ? { authorization: header() } : {});
      expect(res.status).toBe(401);
      expect(await bot.app.db.conversationRef.count()).toBe(before.refs);
      expect(bot.connector.calls.length).toBe(before.calls);
    });
  }

  it("refuses an activity from another tenant even with a valid token, and logs it", async () => {
    const res = await bot.post(
      loadActivity("personal-message-help", bot.connector.url, { conversation: { id: "a:other-tenant", tenantId: "77777777-0000-0000-0000-000000000000" }, channelData: { tenant: { id: "77777777-0000-0000-0000-000000000000" } } }),
      { authorization: `Bearer ${authority.sign(claims())}` },
    );
    expect(res.status).toBe(403);
    expect(await bot.app.db.conversationRef.count({ where: { conversationId: "a:other-tenant" } })).toBe(0);
  });
});
