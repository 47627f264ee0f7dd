/**
 * Issue 9's flood bound: while one client floods /api/messages with activities from one user,
 * how long does another user's `help` take to be answered (request in, reply at the connector)?
 * Prints one JSON line: the other user's latency without and with the flood, and how the flood
 * was answered (429s by the per-user limit).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAanjager } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { configureDb, createDb } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { createLogger } from "../../src/logger.js";
import { seedDemoData } from "../../src/services/demo-seed.js";
import { loadActivity } from "../support/fixtures.js";
import { startMockConnector } from "../support/mock-connector.js";

const FLOOD = process.env.BENCH_QUICK ? 300 : 2000;
const SAMPLES = process.env.BENCH_QUICK ? 5 : 15;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-flood-"));
const databasePath = path.join(dir, "a.db");
await migrateDatabase(databasePath);
const seedDb = await createDb(databasePath);
await configureDb(seedDb);
await seedDemoData(seedDb);
await seedDb.$disconnect();

const connector = await startMockConnector();
const config = loadConfig({ HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: databasePath, LOG_LEVEL: "silent", SCHEDULER_ENABLED: "false", DELIVERY_ENABLED: "false" });
const app = await createAanjager({ config, logger: createLogger("silent") });
const port = await app.listen();
const post = (activity: unknown) => fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity) });

let seq = 0;
async function measureOther(): Promise<number> {
  const before = connector.sent().length;
  const started = performance.now();
  await post(loadActivity("personal-message-help", connector.url, { id: `megan-${seq++}`, from: { id: "29:megan", aadObjectId: "00000000-0000-0000-0000-0000000000021", name: "Megan Bowen" }, conversation: { id: "a:megan" } }));
  await connector.waitForSent(before + 1, 60_000);
  return performance.now() - started;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const max = (xs: number[]) => Math.max(...xs);

const quiet: number[] = [];
for (let i = 0; i < SAMPLES; i++) quiet.push(await measureOther());

const statuses = new Map<number, number>();
const flood = Array.from({ length: FLOOD }, (_, i) =>
  post(loadActivity("personal-message-help", connector.url, { id: `flood-${i}`, text: "wie ben ik" })).then((r) => statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1)),
);
const loaded: number[] = [];
for (let i = 0; i < SAMPLES; i++) loaded.push(await measureOther());
await Promise.all(flood);

console.log(
  JSON.stringify({
    benchmark: "flood",
    floodRequests: FLOOD,
    floodStatuses: Object.fromEntries(statuses),
    otherUserMsQuietMedian: Math.round(median(quiet)),
    otherUserMsDuringFloodMedian: Math.round(median(loaded)),
    otherUserMsDuringFloodMax: Math.round(max(loaded)),
  }),
);
await app.close();
await connector.close();
