import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { findFreePort } from "../../src/dev/free-port.js";
import { CHANNEL_ISSUER, channelClaims, productionEnv, startTokenAuthority, type TokenAuthority } from "../support/token-authority.js";

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

describe("signing keys when the token authority hangs or is down (fetches bounded to 200 ms in these tests)", () => {
  const outages = (lines: string[]) => lines.filter((l) => l.includes('"msg":"signing keys unavailable"'));

  it("answers 503 with Retry-After while the metadata endpoint hangs, fetches once for many requests, and logs the outage once", async () => {
    const hanging = await startTokenAuthority();
    hanging.behaviour = "hang";
    const lines: string[] = [];
    const hangingBot = await startTestAanjager({ logLines: lines, env: productionEnv(hanging.metadataUrl) });
    try {
      const token = `Bearer ${hanging.sign(channelClaims(hangingBot.connector.url))}`;
      // Eleven at once share one fetch; those after it fail fast without another.
      const atOnce = await Promise.all(Array.from({ length: 11 }, (_, i) => hangingBot.post(loadActivity("personal-message-help", hangingBot.connector.url, { id: `a${i}` }), { authorization: token })));
      expect(atOnce.map((r) => r.status)).toEqual(Array(11).fill(503));
      for (const res of atOnce) expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      const more = await Promise.all(Array.from({ length: 10 }, (_, i) => hangingBot.post(loadActivity("personal-message-help", hangingBot.connector.url, { id: `m${i}` }), { authorization: token })));
      expect(more.map((r) => r.status)).toEqual(Array(10).fill(503));
      expect(hanging.requests()).toBe(1);
      expect(outages(lines)).toHaveLength(1);
      expect(lines.filter((l) => l.includes('"level":50'))).toHaveLength(1);
      expect(hangingBot.connector.calls).toHaveLength(0);
    } finally {
      await hangingBot.close();
      await hanging.close();
    }
  });

  it("answers 503 with Retry-After when the metadata endpoint is unreachable, logging it once", async () => {
    const lines: string[] = [];
    const unreachable = `http://127.0.0.1:${await findFreePort()}/openidconfiguration`;
    const downBot = await startTestAanjager({ logLines: lines, env: productionEnv(unreachable) });
    try {
      const token = `Bearer ${authority.sign(channelClaims(downBot.connector.url))}`;
      const statuses = [];
      for (let i = 0; i < 5; i++) {
        const res = await downBot.post(loadActivity("personal-message-help", downBot.connector.url, { id: `d${i}` }), { authorization: token });
        statuses.push(res.status);
        expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      }
      expect(statuses).toEqual(Array(5).fill(503));
      expect(outages(lines)).toHaveLength(1);
      expect(lines.filter((l) => l.includes('"level":50'))).toHaveLength(1);
    } finally {
      await downBot.close();
    }
  });

  it("keeps accepting valid tokens with the cached keys while the authority hangs, and takes fresh keys once it is back", async () => {
    const flaky = await startTokenAuthority();
    const lines: string[] = [];
    let now = Date.now();
    const flakyBot = await startTestAanjager({ logLines: lines, clock: () => new Date(now), env: productionEnv(flaky.metadataUrl) });
    const post = (id: string) => flakyBot.post(loadActivity("personal-message-help", flakyBot.connector.url, { id }), { authorization: `Bearer ${flaky.sign(channelClaims(flakyBot.connector.url))}` });
    try {
      expect((await post("before")).status).toBe(200);
      const fetchesWhileUp = flaky.requests();
      flaky.behaviour = "hang";
      // A day on, the keys are due for a refresh: the refresh hangs, the cached keys still serve.
      now += 25 * 3_600_000;
      expect((await post("during-1")).status).toBe(200);
      while (outages(lines).length === 0) await new Promise((r) => setTimeout(r, 20));
      expect((await post("during-2")).status).toBe(200);
      expect(outages(lines)).toHaveLength(1);
      expect(flaky.requests()).toBe(fetchesWhileUp + 1);

      flaky.behaviour = "serve";
      now += 10 * 60_000;
      expect((await post("after")).status).toBe(200);
      while (!lines.some((l) => l.includes('"msg":"signing keys available again"'))) await new Promise((r) => setTimeout(r, 20));
      expect(flaky.requests()).toBe(fetchesWhileUp + 3);
    } finally {
      await flakyBot.close();
      await flaky.close();
    }
  });
});
