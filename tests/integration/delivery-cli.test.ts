import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { enqueueMessage } from "../../src/services/delivery/index.js";
import { runAanjagerCli } from "../support/cli.js";
import { addPersonalConversation, card, cardText, createPeople } from "../support/delivery.js";
import { startMockConnector, type MockConnector } from "../support/mock-connector.js";
import { createTestDatabase, databaseEnv } from "../support/test-db.js";
import type { DatabaseTarget } from "../../src/db/client.js";

let database: DatabaseTarget;
let db: Db;
let connector: MockConnector;

beforeEach(async () => {
  database = createTestDatabase();
  db = await createDb(database);
  await configureDb(db);
  connector = await startMockConnector();
});
afterEach(async () => {
  await db.$disconnect();
  await connector.close();
});

async function cli(args: string[]): Promise<string[]> {
  const { code, stdout, stderr } = await runAanjagerCli(["--json", ...args], { ...databaseEnv(database), LOG_LEVEL: "silent" });
  if (code !== 0) throw new Error(`aanjager ${args.join(" ")} exited ${code}: ${stderr}`);
  return stdout.trim().split("\n");
}

describe("aanjager run dispatch", () => {
  it("sends what is due at --at and prints one JSON line with the outcome", async () => {
    const [a, b] = await createPeople(db, 2, { prefix: "cli" });
    await addPersonalConversation(db, { personId: a!, conversationId: "a:cli-a", serviceUrl: connector.url });
    await addPersonalConversation(db, { personId: b!, conversationId: "a:cli-b", serviceUrl: connector.url });
    const at = new Date("2027-03-01T09:00:00+01:00");
    await enqueueMessage(db, { key: "cli-1", purpose: "test", recipient: { personId: a! }, card: card("een") }, at);
    await enqueueMessage(db, { key: "cli-2", purpose: "test", recipient: { personId: b! }, card: card("twee") }, at);
    await enqueueMessage(db, { key: "cli-3", purpose: "test", recipient: { personId: b! }, card: card("later"), notBefore: new Date("2027-03-02T09:00:00+01:00") }, at);

    const lines = await cli(["run", "dispatch", "--at", "2027-03-01T09:00:00+01:00"]);

    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toEqual({
      job: "dispatch",
      at: "2027-03-01T08:00:00.000Z",
      status: "succeeded",
      sent: 2,
      updated: 0,
      created: 0,
      failed: 0,
      blocked: 0,
      retried: 0,
      throttled: 0,
      requeued: 0,
      lostClaims: 0,
      errors: 0,
      pending: 1,
      sending: 0,
      nextDueAt: "2027-03-02T08:00:00.000Z",
    });
    // Two people, no order between them: with limits shared through the database (PostgreSQL) each
    // dispatcher works through its conversations in an order of its own.
    expect(connector.sent().map((c) => [c.conversationId, cardText(c.body)]).sort()).toEqual([
      ["a:cli-a", "een"],
      ["a:cli-b", "twee"],
    ]);
  });

  it("lists dispatch as a job that runs continuously in the server", async () => {
    const lines = (await cli(["jobs"])).map((l) => JSON.parse(l));
    expect(lines.find((j) => j.job === "dispatch")).toMatchObject({ schedule: "doorlopend in de server, of met `aanjager draai`", nextRun: null });
  });
});
