import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { configureDb, createDb } from "../../src/db/client.js";
import { enqueueMessage } from "../../src/services/delivery/index.js";
import { card, cardText, createPeople } from "./delivery.js";
import { startMockConnector } from "./mock-connector.js";

/**
 * The crash drill: N messages to N people are drained by a dispatcher in a separate process,
 * which is killed with SIGKILL in the middle (as often as asked), restarted, and left to
 * finish. Then every message is checked against what the mock connector received: delivered
 * at least once (nothing lost), and delivered more than once only if the row counted a
 * possible re-send. Used by the crash test (small N) and the benchmark (N = 2,000).
 */
export type CrashDrillReport = {
  n: number;
  kills: number;
  killedAfterSends: number[];
  inFlightAtKill: number[];
  delivered: number;
  lost: number;
  duplicates: number;
  resendSuspects: number;
  unexplainedDuplicates: number;
  throttled429: number;
  notSent: number;
  wallMs: number;
};

const root = path.resolve(import.meta.dirname, "..", "..");

export function startDispatcher(databasePath: string, env: Record<string, string>): { child: ChildProcess; exit: Promise<number | null>; output: () => string } {
  const child = spawn(process.execPath, ["--import", "tsx", path.join(root, "tests/support/dispatcher-process.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_PATH: databasePath, LOG_LEVEL: "silent", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d: Buffer) => (output += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (output += d.toString()));
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exit, output: () => output };
}

export async function runCrashDrill(options: { databasePath: string; n: number; kills: number; globalPerSecond: number; leaseMs?: number; timeoutMs?: number }): Promise<CrashDrillReport> {
  const { n, kills } = options;
  const connector = await startMockConnector({ throttle: { globalPerSecond: options.globalPerSecond } });
  const db = await createDb(options.databasePath);
  await configureDb(db);
  try {
    const people = await createPeople(db, n, { prefix: "crash", serviceUrl: connector.url, withChat: true });
    const now = new Date();
    await db.$transaction(async (tx) => {
      for (let i = 0; i < n; i++) await enqueueMessage(tx, { key: `crash-${i}`, purpose: "crashtest", recipient: { personId: people[i]! }, card: card(`crash-${i}`) }, now);
    });
    const leaseMs = options.leaseMs ?? 1500;
    const env = {
      DELIVERY_GLOBAL_RATE: String(options.globalPerSecond),
      DELIVERY_LEASE_MS: String(leaseMs),
      DELIVERY_REQUEST_TIMEOUT_MS: String(Math.max(100, leaseMs - 500)),
    };
    const deadline = Date.now() + (options.timeoutMs ?? 600_000);
    const started = performance.now();
    const killedAfterSends: number[] = [];
    const inFlightAtKill: number[] = [];
    for (let k = 0; k < kills; k++) {
      const target = Math.floor((n * (k + 1)) / (kills + 1));
      const run = startDispatcher(options.databasePath, env);
      await connector.waitFor((calls) => calls.filter((c) => c.status === 201).length >= target, Math.max(1000, deadline - Date.now()));
      run.child.kill("SIGKILL");
      await run.exit;
      killedAfterSends.push(connector.sent().length);
      inFlightAtKill.push(await db.outboxMessage.count({ where: { state: "sending" } }));
    }
    const last = startDispatcher(options.databasePath, env);
    const timer = setTimeout(() => last.child.kill("SIGKILL"), Math.max(1000, deadline - Date.now()));
    const code = await last.exit;
    clearTimeout(timer);
    if (code !== 0) throw new Error(`dispatcher exited with ${code}: ${last.output().slice(-2000)}`);
    const wallMs = Math.round(performance.now() - started);

    const deliveries = new Map<string, number>();
    for (const call of connector.sent()) {
      const key = cardText(call.body) ?? "?";
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
    }
    const rows = await db.outboxMessage.findMany({ where: { purpose: "crashtest" }, select: { key: true, state: true, resendSuspect: true } });
    let lost = 0;
    let duplicates = 0;
    let unexplainedDuplicates = 0;
    let resendSuspects = 0;
    let notSent = 0;
    for (const row of rows) {
      const count = deliveries.get(row.key) ?? 0;
      if (count === 0) lost += 1;
      if (count > 1) duplicates += count - 1;
      if (count - 1 > row.resendSuspect) unexplainedDuplicates += count - 1 - row.resendSuspect;
      resendSuspects += row.resendSuspect;
      if (row.state !== "sent") notSent += 1;
    }
    return {
      n,
      kills,
      killedAfterSends,
      inFlightAtKill,
      delivered: deliveries.size,
      lost,
      duplicates,
      resendSuspects,
      unexplainedDuplicates,
      throttled429: connector.throttled().length,
      notSent,
      wallMs,
    };
  } finally {
    await db.$disconnect();
    await connector.close();
  }
}
