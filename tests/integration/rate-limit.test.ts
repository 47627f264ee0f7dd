import http from "node:http";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadActivity } from "../support/fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { channelClaims, productionEnv, startTokenAuthority, type TokenAuthority } from "../support/token-authority.js";

let bot: TestAanjager;

describe("per-user rate limit on /api/messages", () => {
  beforeEach(async () => {
    bot = await startTestAanjager({ env: { RATE_LIMIT_PER_USER: "5", RATE_LIMIT_WINDOW_SECONDS: "60" } });
  });
  afterEach(async () => {
    await bot.close();
  });

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

/** POSTs from another loopback address (127.0.0.2): a second client with its own source address. */
function postFrom(localAddress: string, url: string, body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; retryAfter: string | undefined }> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = http.request(url, { method: "POST", localAddress, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(payload), ...headers } }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0, retryAfter: res.headers["retry-after"] }));
    });
    req.on("error", reject);
    req.end(payload);
  });
}

describe("rate limits in production: per address before authentication, per person after it", () => {
  let authority: TokenAuthority;
  beforeEach(async () => {
    authority = await startTokenAuthority();
    bot = await startTestAanjager({ env: { ...productionEnv(authority.metadataUrl), RATE_LIMIT_PER_USER: "5", RATE_LIMIT_PER_ADDRESS: "10", RATE_LIMIT_WINDOW_SECONDS: "60" } });
  });
  afterEach(async () => {
    await bot.close();
    await authority.close();
  });

  it("40 anonymous requests naming a person do not lock that person out", async () => {
    const alex = loadActivity("personal-message-help", bot.connector.url);
    const anonymous = [];
    for (let i = 0; i < 40; i++) anonymous.push((await postFrom("127.0.0.2", `${bot.baseUrl}/api/messages`, { ...alex, id: `anon-${i}` })).status);
    expect(anonymous.every((s) => s === 401 || s === 429)).toBe(true);

    const own = await bot.post(alex, { authorization: `Bearer ${authority.sign(channelClaims(bot.connector.url))}` });
    expect(own.status).toBe(200);
    // Processed (replies need a token from Entra ID, which these tests do not reach).
    expect(await bot.app.db.conversationRef.count({ where: { conversationId: "a:1personal-alex-conversation" } })).toBe(1);
  });

  it("refuses an address after repeated failed authentication with 429 and Retry-After, while other addresses are served", async () => {
    const alex = loadActivity("personal-message-help", bot.connector.url);
    const forged = `Bearer ${authority.sign(channelClaims(bot.connector.url), { key: authority.foreignKey })}`;
    const statuses: number[] = [];
    let retryAfter: string | undefined;
    for (let i = 0; i < 15; i++) {
      const res = await postFrom("127.0.0.2", `${bot.baseUrl}/api/messages`, { ...alex, id: `forged-${i}` }, { authorization: forged });
      statuses.push(res.status);
      retryAfter ??= res.retryAfter;
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual(Array(5).fill(429));
    expect(Number(retryAfter)).toBeGreaterThan(0);

    const fromTeams = await bot.post(alex, { authorization: `Bearer ${authority.sign(channelClaims(bot.connector.url))}` });
    expect(fromTeams.status).toBe(200);
  });

  it("limits an authenticated person per person", async () => {
    const token = `Bearer ${authority.sign(channelClaims(bot.connector.url))}`;
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await bot.post(loadActivity("personal-message-help", bot.connector.url, { id: `own-${i}` }), { authorization: token })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
  });
});
