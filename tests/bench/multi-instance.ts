/**
 * `npm run bench multi-instance`: the multi-instance drill (issue 21). Three dispatcher
 * processes (the server's dispatcher loop, tests/support/dispatcher-process.ts) share one
 * database and Teams' limits through it, against the throttling mock connector (Teams'
 * per-conversation windows, 50 per second for the app). N recipients (2,000; BENCH_QUICK=1: 200)
 * get one message each, plus 100 (quick: 20) to one channel. At about 30 % one process is killed
 * with SIGKILL and started again at once. The same run with one process on SQLite (in-process
 * limits) for comparison. The three-instance run needs PostgreSQL's binaries (a throwaway cluster
 * on loopback); without them it is skipped with a note in the JSON.
 *
 * Reported, each next to its goal: lost (0); duplicates (at most the rows in flight at the
 * kill, each flagged in resendSuspect); requests beyond a conversation's window (0) and 429s
 * drawn; the busiest second of all instances together against the configured global rate
 * (never above: the shared ledger's grants exactly, the arrivals within Teams' 50); each job slot run once; wall time against the rate-limited minimum (<= 1.15x);
 * and how long until the survivors took over the killed process's claims (its lease, plus
 * at most half of it until a survivor looks).
 * Prints one JSON line (last line).
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { computeMinimumSpanMs, TEAMS_CONVERSATION_WINDOWS } from "../../src/domain/delivery/rate-limiter.js";
import { enqueueMessages } from "../../src/services/delivery/outbox.js";
import { findPostgresBin, startPostgresCluster, type PostgresCluster } from "../../src/dev/postgres-cluster.js";
import { startDispatcher } from "../support/crash-drill.js";
import { addChannelConversation, card, cardText, createPeople } from "../support/delivery.js";
import { startMockConnector, type RecordedCall } from "../support/mock-connector.js";
import { findBusiestWindow, findWindowExcesses } from "../support/window-check.js";

const quick = Boolean(process.env.BENCH_QUICK);
const N = Number(process.env.BENCH_N ?? (quick ? 200 : 2_000));
const CHANNEL_MESSAGES = quick ? 20 : 100;
const RATE = 30;
const JOB_SLOTS = 50;
const LEASE_MS = 4_000;
const CHANNEL = "19:drill@thread.tacv2";
const log = (message: string) => process.stderr.write(`[bench:multi-instance] ${message}\n`);

const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-multi-"));

type Database = { name: string; env: Record<string, string>; open: () => Promise<Db>; path: string };

async function sqliteDatabase(name: string): Promise<Database> {
  const file = path.join(workDir, `${name}.db`);
  await migrateDatabase(file);
  return {
    name: "sqlite",
    path: file,
    env: { DATABASE_PATH: file },
    open: async () => {
      const db = await createDb(file);
      await configureDb(db);
      return db;
    },
  };
}

/** A database of its own in the throwaway PostgreSQL cluster on loopback, migrated. */
async function postgresDatabase(cluster: PostgresCluster, name: string): Promise<Database> {
  const admin = new pg.Client({ connectionString: cluster.url() });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const target = { provider: "postgresql" as const, url: cluster.url(name) };
  await migrateDatabase(target);
  return {
    name: "postgresql",
    path: path.join(workDir, "unused.db"),
    env: { DATABASE_URL: cluster.url(name) },
    open: async () => {
      const db = await createDb(target);
      await configureDb(db);
      return db;
    },
  };
}

type Run = { database: Database; processes: number; sharedLimits: boolean };

async function drill({ database, processes, sharedLimits }: Run) {
  const connector = await startMockConnector({ throttle: { globalPerSecond: 50 } });
  // Teams answers in about 150 ms: every process has calls in flight, so the kill cuts some off.
  connector.faults.push((call) => (call.method === "POST" ? { delayMs: 150 } : null));
  const db = await database.open();
  try {
    const people = await createPeople(db, N, { prefix: "d", serviceUrl: connector.url, withChat: true });
    await addChannelConversation(db, { conversationId: CHANNEL, serviceUrl: connector.url });
    const now = new Date();
    const messages = [
      ...people.map((personId, i) => ({ key: `d-${i}`, purpose: "drill", recipient: { personId }, card: card(`d-${i}`) })),
      ...Array.from({ length: CHANNEL_MESSAGES }, (_, i) => ({ key: `ch-${i}`, purpose: "drill", recipient: { conversationId: CHANNEL }, card: card(`ch-${i}`) })),
    ];
    for (let i = 0; i < messages.length; i += 500) await enqueueMessages(db, messages.slice(i, i + 500), now);
    const total = messages.length;

    const env = {
      ...database.env,
      DELIVERY_GLOBAL_RATE: String(RATE),
      DELIVERY_LEASE_MS: String(LEASE_MS),
      DELIVERY_REQUEST_TIMEOUT_MS: String(LEASE_MS - 1_000),
      DELIVERY_SHARED_LIMITS: String(sharedLimits),
      DRILL_JOB_SLOTS: String(JOB_SLOTS),
    };
    const running = Array.from({ length: processes }, () => startDispatcher(database.path, env));
    const sends = () => connector.calls.filter((c) => c.status === 201 && c.method === "POST" && c.conversationId !== null);
    await connector.waitFor(() => sends().length >= Math.round(total * 0.3), 600_000);

    // The kill: what the killed one had claimed is in `sending` with its token until its lease runs out.
    const victim = running[0]!;
    victim.child.kill("SIGKILL");
    await victim.exit;
    const killedAt = Date.now();
    const sentAtKill = sends().length;
    const inFlight = await db.outboxMessage.findMany({ where: { state: "sending" }, select: { id: true, claimToken: true } });
    running[0] = startDispatcher(database.path, env);
    // Takeover: when each claim held at the kill moved on. The survivors' own end with their call
    // (150 ms); what is still claimed a second later was the killed one's, taken over after its lease.
    const leftAfter = new Map<number, number>();
    while (leftAfter.size < inFlight.length && Date.now() - killedAt < 10 * LEASE_MS) {
      const still = new Set(
        (await db.outboxMessage.findMany({ where: { OR: inFlight.map((r) => ({ id: r.id, claimToken: r.claimToken })), state: "sending" }, select: { id: true } })).map((r) => r.id),
      );
      for (const row of inFlight) if (!still.has(row.id) && !leftAfter.has(row.id)) leftAfter.set(row.id, Date.now() - killedAt);
      if (leftAfter.size < inFlight.length) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const victimClaims = [...leftAfter.values()].filter((ms) => ms > 1_000);
    const takeoverMs = victimClaims.length > 0 ? Math.max(...victimClaims) : null;
    const codes = await Promise.all(running.map((r) => r.exit));
    if (codes.some((code) => code !== 0)) throw new Error(`a dispatcher exited with ${codes.join(", ")}: ${running.map((r) => r.output().slice(-1500)).join("\n---\n")}`);
    const outputs = running.map((r) => JSON.parse(r.output().trim().split("\n").filter((l) => l.startsWith("{")).pop() ?? "{}") as { sent?: number });

    const delivered = new Map<string, number>();
    for (const call of sends()) delivered.set(cardText(call.body) ?? "?", (delivered.get(cardText(call.body) ?? "?") ?? 0) + 1);
    const rows = await db.outboxMessage.findMany({ where: { purpose: "drill" }, select: { key: true, resendSuspect: true, state: true } });
    let lost = 0;
    let duplicates = 0;
    let unflagged = 0;
    for (const row of rows) {
      const count = delivered.get(row.key) ?? 0;
      if (count === 0) lost += 1;
      duplicates += Math.max(0, count - 1);
      unflagged += Math.max(0, count - 1 - row.resendSuspect);
    }
    // Every request to a conversation as Teams counts it (on arrival, 429s included).
    const requests = connector.calls.filter((c) => c.conversationId !== null && (c.method === "POST" || c.method === "PUT"));
    const byConversation = new Map<string, number[]>();
    for (const call of requests) byConversation.set(call.conversationId!, [...(byConversation.get(call.conversationId!) ?? []), call.at]);
    let windowExcesses = 0;
    for (const stamps of byConversation.values()) windowExcesses += findWindowExcesses(stamps, TEAMS_CONVERSATION_WINDOWS).length;
    const all = connector.calls.map((c: RecordedCall) => c.at);
    const first = Math.min(...all);
    const last = Math.max(...all);
    const jobRuns = await db.jobRun.findMany({ where: { job: "drill" }, select: { key: true } });
    const minimumMs = Math.max(Math.ceil(((total - 1) * 1000) / RATE), computeMinimumSpanMs(CHANNEL_MESSAGES));
    const ledger = sharedLimits ? await db.deliveryGrant.findMany({ where: { lane: "dispatch" }, select: { grantedAt: true } }) : [];
    return {
      database: database.name,
      processes,
      sharedLimits,
      messages: total,
      lost,
      duplicates,
      duplicatesUnflagged: unflagged,
      inFlightAtKill: inFlight.length,
      sentAtKill,
      windowExcesses,
      throttled429: connector.throttled().length,
      busiestSecond: findBusiestWindow(all, 1_000),
      busiestSecondOfGrants: sharedLimits ? findBusiestWindow(ledger.map((g) => g.grantedAt), 1_000) : null,
      // Per second the run touched: a limiter that keeps to RATE in every second may send RATE in each
      // of the ceil(span) seconds, so requests / span can exceed RATE on a short run without any second
      // doing so (7.29 s, 221 requests, 30.3/s in a quick run whose busiest second held 30).
      meanPerSecond: Number((all.length / Math.max(1, Math.ceil((last - first) / 1000))).toFixed(2)),
      jobSlots: { runs: jobRuns.length, distinct: new Set(jobRuns.map((r) => r.key)).size },
      wallMs: last - first,
      minimumMs,
      wallRatio: Number(((last - first) / minimumMs).toFixed(3)),
      takeoverMs,
      killedClaims: victimClaims.length,
      leaseMs: LEASE_MS,
      sentPerProcess: outputs.map((o) => o.sent ?? null),
    };
  } finally {
    await db.$disconnect();
    await connector.close();
  }
}

function judge(run: Awaited<ReturnType<typeof drill>>) {
  return {
    lost: { value: run.lost, goal: "0", met: run.lost === 0 },
    duplicates: { value: run.duplicates, goal: `<= rows in flight at the kill (${run.inFlightAtKill}), each flagged`, met: run.duplicates <= run.inFlightAtKill && run.duplicatesUnflagged === 0 },
    windowExcesses: { value: run.windowExcesses, goal: "0", met: run.windowExcesses === 0 },
    // The limiter's decisions are exact (the shared ledger's grants); arrivals at the connector can bunch by the
    // few requests whose claim or route lookup was slow after their grant: Teams' own limit (50) is the hard one.
    busiestSecondOfGrants: { value: run.busiestSecondOfGrants, goal: `<= configured global rate ${RATE} (shared ledger; the in-process limiter's token bucket allows ${RATE} + burst 5)`, met: run.busiestSecondOfGrants === null || run.busiestSecondOfGrants <= RATE },
    busiestSecondOfArrivals: { value: run.busiestSecond, goal: "<= 50 (Teams, per app); about the configured rate", met: run.busiestSecond <= 50 },
    meanPerSecond: { value: run.meanPerSecond, goal: `<= ${RATE} (requests per second the run touched)`, met: run.meanPerSecond <= RATE },
    jobSlotsOnce: { value: run.jobSlots, goal: `${JOB_SLOTS} runs, ${JOB_SLOTS} distinct`, met: run.jobSlots.runs === JOB_SLOTS && run.jobSlots.distinct === JOB_SLOTS },
    wallRatio: { value: run.wallRatio, goal: "<= 1.15", met: run.wallRatio <= 1.15 },
    takeoverMs: { value: run.takeoverMs, goal: `<= lease ${LEASE_MS} + lease/2 (the survivors look every half lease)`, met: run.takeoverMs === null || run.takeoverMs <= LEASE_MS * 1.5 + 500 },
  };
}

log(`N=${N}, channel ${CHANNEL_MESSAGES}, rate ${RATE}/s, lease ${LEASE_MS} ms`);
const runs: { run: Awaited<ReturnType<typeof drill>>; goals: ReturnType<typeof judge> }[] = [];
// Three instances need PostgreSQL (SQLite is one server): without its binaries the run is skipped, said so in the JSON.
const skipped = findPostgresBin() ? null : "PostgreSQL niet gevonden (initdb, pg_ctl): de run met drie instanties is overgeslagen";
if (!skipped) {
  const cluster = await startPostgresCluster();
  try {
    const multi = await drill({ database: await postgresDatabase(cluster, "drill"), processes: 3, sharedLimits: true });
    log(JSON.stringify(multi));
    runs.push({ run: multi, goals: judge(multi) });
  } finally {
    cluster.stop();
  }
} else log(skipped!);
const single = await drill({ database: await sqliteDatabase("single"), processes: 1, sharedLimits: false });
log(JSON.stringify(single));
runs.push({ run: single, goals: judge(single) });
fs.rmSync(workDir, { recursive: true, force: true });

// Correctness fails the run; the wall-time ratio is a goal, reported (it depends on the machine's load).
const correct = runs.every(({ goals }) => goals.lost.met && goals.duplicates.met && goals.windowExcesses.met && goals.busiestSecondOfGrants.met && goals.busiestSecondOfArrivals.met && goals.meanPerSecond.met && goals.jobSlotsOnce.met);
console.log(JSON.stringify({ benchmark: "multi-instance", quick, skipped, n: N, channelMessages: CHANNEL_MESSAGES, rate: RATE, leaseMs: LEASE_MS, runs }));
process.exitCode = correct ? 0 : 1;
