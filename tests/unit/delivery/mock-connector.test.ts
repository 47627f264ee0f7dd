import { afterEach, describe, expect, it } from "vitest";
import { createSeededRandom, failTimes, startMockConnector, type MockConnector } from "../../support/mock-connector.js";

/** The mock connector is a test instrument: it must enforce what it claims to enforce. */
let connector: MockConnector | null = null;
afterEach(async () => {
  await connector?.close();
  connector = null;
});

const post = (url: string, path: string, body: unknown = { type: "message", text: "x" }, method = "POST") =>
  fetch(`${url}${path}`, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("mock Bot Connector", () => {
  it("answers the 9th send to one conversation within a second with 429 and Retry-After, and does not count it", async () => {
    connector = await startMockConnector();
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await post(connector.url, "/v3/conversations/c1/activities")).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 201, 429, 429]);
    const throttled = await post(connector.url, "/v3/conversations/c1/activities");
    expect(throttled.headers.get("retry-after")).toBe("1");
    expect(connector.throttled()).toHaveLength(3);
    expect(connector.sent()).toHaveLength(7);
    // Other conversations are not affected.
    expect((await post(connector.url, "/v3/conversations/c2/activities")).status).toBe(201);
  });

  it("enforces a global rate over all requests", async () => {
    connector = await startMockConnector({ throttle: { globalPerSecond: 3, globalBurst: 3 } });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await post(connector.url, `/v3/conversations/g${i}/activities`)).status);
    expect(statuses).toEqual([201, 201, 201, 429]);
  });

  it("creates a 1:1 chat once per user, updates, replies and returns members", async () => {
    connector = await startMockConnector();
    connector.members.set("29:u", { id: "29:u", name: "U", email: "u@example.com" });
    const create = { isGroup: false, bot: { id: "28:b" }, members: [{ id: "29:u" }], tenantId: "t" };
    const first = (await (await post(connector.url, "/v3/conversations", create)).json()) as { id: string };
    const again = (await (await post(connector.url, "/v3/conversations", create)).json()) as { id: string };
    expect(first.id).toBe(again.id);
    expect(connector.conversations.get(first.id)).toEqual({ memberId: "29:u", tenantId: "t" });
    expect((await post(connector.url, `/v3/conversations/${first.id}/activities/abc`)).status).toBe(201);
    const put = await post(connector.url, `/v3/conversations/${first.id}/activities/abc`, { type: "message" }, "PUT");
    expect(await put.json()).toEqual({ id: "abc" });
    expect(await (await fetch(`${connector.url}/v3/conversations/${first.id}/members/29:u`)).json()).toMatchObject({ email: "u@example.com" });
    expect(connector.stats()).toMatchObject({ created: 2, sent: 1, updated: 1 });
  });

  it("injects faults by rule and, repeatably, by seed", async () => {
    connector = await startMockConnector({ throttle: false });
    connector.faults.push(failTimes(1, 503));
    expect((await post(connector.url, "/v3/conversations/c/activities")).status).toBe(503);
    expect((await post(connector.url, "/v3/conversations/c/activities")).status).toBe(201);
    await connector.close();

    const runChaos = async () => {
      const c = await startMockConnector({ throttle: false, chaos: { seed: 42, serverErrorRate: 0.2, throttleRate: 0.1, forbiddenRate: 0.05 } });
      const statuses: number[] = [];
      for (let i = 0; i < 60; i++) statuses.push((await post(c.url, `/v3/conversations/c${i}/activities`)).status);
      await c.close();
      return statuses;
    };
    const a = await runChaos();
    const b = await runChaos();
    connector = null;
    expect(a).toEqual(b);
    expect(a).toContain(201);
    expect(a).toContain(429);
    expect(a).toContain(403);
    expect(a.some((s) => s >= 500)).toBe(true);
    expect(createSeededRandom(1)()).toBe(createSeededRandom(1)());
  });
});
