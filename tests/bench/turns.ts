/**
 * Issue 22, items 1 and 6 (turns): how long people wait for an answer, through the real entry
 * point, alone and while a reminder run drains. The real app (createAanjager, turn pacing on,
 * the outbox dispatcher running) on the generated region (tests/bench/generated-region.ts: 60
 * schools, 600 mentor groups, five school years of weekly DDD imports, 2,000 cases; its clock on
 * Thursday 18 March 2027, the region's day, running on from 10:00), a local mock Bot Connector that enforces
 * Teams' limits (7/1 s, 8/2 s, 60/30 s, 1800/hour per conversation, 50 per second for the app).
 * 1, 10 and 50 people at once each do rounds of: press "Opslaan" on their decaan card
 * (`ddd.cijfers`, an adaptiveCard/action invoke: the answer is the HTTP body), send `voortgang`
 * and send `zaken` (messages: the answer is a reply through the connector, sent before the HTTP
 * answer). Each case runs alone, and again while the day's reminder run goes on: the real
 * `ddd-reminders` job of 18 March (its reminders to the region's people, the pressers among
 * them: `remindersPerRun` in the output) runs and drains through the dispatcher meanwhile.
 *
 * A person reads an answer before the next action: each waits a think time of 2-5 s (seeded, so
 * runs compare) after every answer, and starts somewhere in the first such wait. Without it, each
 * person fires at their own chat back to back, and Teams' window for one chat (7 per 1 s, 8 per 2 s)
 * makes answers wait by construction, whatever the bot does. That back-to-back run is kept as extra
 * rows ("burst per person"), reported next to the goal but not counted for it.
 *
 * Also measured: the first answers after the app started (the card warm-up's work), before the
 * untimed warm-up round. Prints one JSON line: p50/p95/max per case with the goal next to each
 * figure. BENCH_QUICK=1: the quick region (12 schools), 1 and 10 people, fewer rounds.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createAanjager } from "../../src/app.js";
import { warmUpCardRendering } from "../../src/cards/render-card.js";
import { loadConfig } from "../../src/config.js";
import { configureDb, createDb, type Db } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import type { RateLimiter } from "../../src/domain/delivery/rate-limiter.js";
import { createLogger } from "../../src/logger.js";
import { createDeliveryLimiter } from "../../src/services/delivery/dispatcher.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { DDD_PURPOSES } from "../../src/services/ddd/reminders.js";
import { addPersonalChats, BOT_ID, TENANT_ID } from "../support/delivery.js";
import { loadActivity } from "../support/fixtures.js";
import { startMockConnector } from "../support/mock-connector.js";
import { atLocal, copyRegion, describeRegion, prepareRegion, REGION_DAY } from "./generated-region.js";

const quick = Boolean(process.env.BENCH_QUICK);
const CONCURRENCY = quick ? [1, 10] : [1, 10, 50];
const ROUNDS = quick ? 2 : 4;
const GOALS = { p95Ms: { 1: 300, 10: 300, 50: 1_000 } as Record<number, number>, maxMs: 5_000 };

type Presser = { personId: number; teamsId: string; conversationId: string; schoolId: number };

/**
 * Every person of the generated region gets a Teams identity and a personal chat at the mock
 * connector (the region's reminders, cases and their messages reach them), and the pressers are
 * the decanen of the first `pressers` schools with DDD figures.
 */
async function givePeopleChats(db: Db, connectorUrl: string, pressers: number): Promise<Presser[]> {
  const people = await db.person.findMany({ select: { id: true }, orderBy: { id: "asc" } });
  const chatOf = (personId: number) => ({ personId, teamsUserId: `29:person-${personId}`, conversationId: `a:person-${personId}-chat` });
  for (const { id } of people) await db.person.update({ where: { id }, data: { teamsUserId: chatOf(id).teamsUserId } });
  await addPersonalChats(db, connectorUrl, people.map(({ id }) => chatOf(id)), clock());
  const decanen = await db.roleAssignment.findMany({ where: { role: "decaan", school: { dddSnapshots: { some: {} } } }, orderBy: { schoolId: "asc" }, select: { personId: true, schoolId: true } });
  if (decanen.length < pressers) throw new Error(`the generated region has ${decanen.length} decanen of schools with DDD figures, not ${pressers}`);
  return decanen.slice(0, pressers).map(({ personId, schoolId }) => ({ personId, schoolId: schoolId!, teamsId: chatOf(personId).teamsUserId, conversationId: chatOf(personId).conversationId }));
}

const generated = await prepareRegion({ scale: 1, quick });
const databasePath = copyRegion(generated);
await migrateDatabase(databasePath);
const connector = await startMockConnector();
// The region's day, during office hours: its figures, cases and campaign are as they would be that morning.
const clockStartedAt = performance.now();
const regionNow = atLocal(REGION_DAY, "10:00").getTime();
const clock = () => new Date(regionNow + (performance.now() - clockStartedAt));
const seedDb = await createDb(databasePath);
await configureDb(seedDb);
const pressers = await givePeopleChats(seedDb, connector.url, Math.max(...CONCURRENCY));
// The generator runs the region's jobs without a dispatcher: what they enqueued went out long ago
// in a live region. Left pending, the "alone" cases would drain thousands of them.
await seedDb.outboxMessage.updateMany({ where: { state: "pending" }, data: { state: "sent", sentAt: atLocal(REGION_DAY, "08:00") } });
await seedDb.$disconnect();

const config = loadConfig({ BOT_MODE: "local", HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: databasePath, LOG_LEVEL: "silent", SCHEDULER_ENABLED: "false", RATE_LIMIT_PER_USER: "10000" });
// The app's own limiter, watched: how often an answer had to wait, and for what (the app's budget
// or its conversation's windows), tells waiting apart from the machine's CPU in the figures.
const refusals: Record<string, number> = { granted: 0, global: 0, conversation: 0, paused: 0 };
const inner = createDeliveryLimiter(config.delivery);
const limiter: RateLimiter = {
  ...inner,
  tryAcquireTurn(key, nowMs, requests) {
    const decision = inner.tryAcquireTurn(key, nowMs, requests);
    refusals[decision.ok ? "granted" : decision.scope] = (refusals[decision.ok ? "granted" : decision.scope] ?? 0) + 1;
    return decision;
  },
};
const app = await createAanjager({ config, logger: createLogger("silent"), limiter, clock });
const port = await app.listen();
// As main does once the server listens.
void warmUpCardRendering();
app.startDelivery();
// A connection per request: a kept-alive socket the server closes just as the next request goes on it fails the request (ECONNRESET).
const post = (activity: unknown) => fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json", connection: "close" }, body: JSON.stringify(activity) });

let seq = 0;
const latestVersion = async (schoolId: number) => (await app.db.dddSnapshot.findFirst({ where: { schoolId, mentorGroup: "" }, orderBy: { version: "desc" }, select: { version: true } }))?.version ?? 0;
const as = (p: Presser) => ({ from: { id: p.teamsId, name: "Decaan", aadObjectId: undefined }, conversation: { id: p.conversationId, conversationType: "personal", tenantId: TENANT_ID }, recipient: { id: BOT_ID, name: "Aanjager" } });

type Sample = { kind: "ddd.cijfers" | "voortgang" | "zaken"; ms: number; ok: boolean };

async function press(p: Presser): Promise<Sample> {
  const version = await latestVersion(p.schoolId);
  const figures = { overstappers: "50", gestart: String(40 + (seq % 5)), deelB: "35", afgerond: "30", inBeeld: "48" };
  const activity = loadActivity("card-action-invoke", connector.url, { id: `press-${++seq}`, ...as(p), value: { action: { type: "Action.Execute", verb: "ddd.cijfers", data: { schoolId: p.schoolId, version, ...figures } } } });
  const started = performance.now();
  const res = await post(activity);
  const body = (await res.json().catch(() => null)) as { type?: string } | null;
  return { kind: "ddd.cijfers", ms: performance.now() - started, ok: res.status === 200 && body?.type === "application/vnd.microsoft.card.adaptive" };
}

async function say(p: Presser, text: "voortgang" | "zaken"): Promise<Sample> {
  const id = `say-${++seq}`;
  const started = performance.now();
  const res = await post(loadActivity("personal-message-help", connector.url, { id, text, ...as(p) }));
  const ms = performance.now() - started;
  const answered = connector.sent().some((c) => c.path.endsWith(`/activities/${id}`));
  return { kind: text, ms, ok: res.status === 200 && answered };
}

/** Seconds a person takes to read an answer before the next action. */
const THINK_MS = { min: 2_000, max: 5_000 };
// A small seeded generator (mulberry32): the same think times in every run.
let thinkSeed = 22;
function nextThinkMs(): number {
  thinkSeed = (thinkSeed + 0x6d2b79f5) | 0;
  let t = Math.imul(thinkSeed ^ (thinkSeed >>> 15), 1 | thinkSeed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  const unit = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return THINK_MS.min + unit * (THINK_MS.max - THINK_MS.min);
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `think`: people read between actions (the goal's case); without, each fires back to back (burst per person). */
async function runPeople(people: number, think = true): Promise<Sample[]> {
  for (const scope of Object.keys(refusals)) refusals[scope] = 0;
  const samples: Sample[] = [];
  await Promise.all(
    pressers.slice(0, people).map(async (p) => {
      const read = async () => (think ? pause(nextThinkMs()) : undefined);
      // People do not all start in the same millisecond.
      if (think) await pause(nextThinkMs() - THINK_MS.min);
      for (let round = 0; round < ROUNDS; round++) {
        samples.push(await press(p));
        await read();
        samples.push(await say(p, "voortgang"));
        await read();
        samples.push(await say(p, "zaken"));
        await read();
      }
    }),
  );
  return samples;
}

const percentile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
function summarize(samples: Sample[], people: number) {
  const figure = (xs: number[]) => {
    const sorted = [...xs].sort((a, b) => a - b);
    const p95 = Math.round(percentile(sorted, 0.95));
    const max = Math.round(sorted[sorted.length - 1]!);
    return { n: xs.length, p50: Math.round(percentile(sorted, 0.5)), p95, max, goalP95: GOALS.p95Ms[people]!, goalMax: GOALS.maxMs, met: p95 < GOALS.p95Ms[people]! && max < GOALS.maxMs };
  };
  const byKind = Object.fromEntries((["ddd.cijfers", "voortgang", "zaken"] as const).map((kind) => [kind, figure(samples.filter((s) => s.kind === kind).map((s) => s.ms))]));
  return { all: figure(samples.map((s) => s.ms)), ...byKind, failed: samples.filter((s) => !s.ok).length, answerSlots: { ...refusals } };
}

/**
 * The reminder run of the region's day, as the scheduler starts it: the real `ddd-reminders` job
 * (plan, one transaction, a card per decaan and mentor) on the app's event loop, then its
 * messages drain through the dispatcher. The job claims its day, so a second case first forgets
 * the day's claims and messages, as if it were the first run.
 */
const reminderJob = app.jobs.find((j) => j.name === "ddd-reminders")!;
const reminderPurposes = Object.values(DDD_PURPOSES);
let runs = 0;
const regionOutboxMaxId = (await app.db.outboxMessage.aggregate({ _max: { id: true } }))._max.id ?? 0;
async function runReminderJob(): Promise<number> {
  if (runs++ > 0) {
    // Each run meets the region as the first did: the figures pressed in since (a school that
    // answered is not reminded again) and the day's reminders go.
    await app.db.dddSnapshot.deleteMany({ where: { source: "kaart", recordedAt: { gte: new Date(regionNow) } } });
    await app.db.dddReminderLog.deleteMany({ where: { day: REGION_DAY } });
    // The outbox stamps its rows with the wall clock, not the app's: the run's rows are those after the region's.
    await app.db.outboxMessage.deleteMany({ where: { purpose: { in: reminderPurposes }, id: { gt: regionOutboxMaxId } } });
  }
  const outcome = await runJobManually(app.jobDeps, reminderJob, clock());
  if (outcome.status !== "succeeded") throw new Error(`ddd-reminders ${outcome.status}: ${JSON.stringify(outcome)}`);
  return Number((outcome.result as { enqueued?: number }).enqueued ?? 0);
}
const pendingReminders = () => app.db.outboxMessage.count({ where: { purpose: { in: reminderPurposes }, state: { in: ["pending", "sending"] } } });

// The first answers after the start, as the first person of the day meets them (after the
// start's own warm-up has had a few seconds).
await pause(3_000);
const firstAnswersMs: Record<string, number> = {};
for (const sample of [await press(pressers[0]!), await say(pressers[0]!, "voortgang"), await say(pressers[0]!, "zaken")]) firstAnswersMs[sample.kind] = Math.round(sample.ms);
// Warm up (first requests compile and cache): not measured.
await runPeople(Math.min(5, pressers.length), false);

const cases: Record<string, unknown> = {};
let reminders = 0;
for (const people of CONCURRENCY) {
  cases[`${people} alone`] = summarize(await runPeople(people), people);
  const started = performance.now();
  // People press while the job runs and while its messages drain.
  const [samples, enqueued] = await Promise.all([runPeople(people), runReminderJob()]);
  reminders = enqueued;
  const name = `${people} during the reminder run`;
  cases[name] = { ...summarize(samples, people), reminders: enqueued, remindersPendingWhenDone: await pendingReminders(), measuredMs: Math.round(performance.now() - started) };
  // The next case starts with an empty outbox.
  const drainStarted = performance.now();
  while ((await pendingReminders()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  cases[name] = { ...(cases[name] as object), drainRestMs: Math.round(performance.now() - drainStarted) };
}
const throttledInCases = connector.stats().throttled;
// Each person back to back, without reading: their own chat's window (a Teams limit) decides.
const burstPerPerson: Record<string, unknown> = {};
for (const people of CONCURRENCY) burstPerPerson[`${people} alone, burst per person`] = { ...summarize(await runPeople(people, false), people), countsForGoal: false };

const throttled = connector.stats().throttled;
const met = Object.values(cases).every((c) => (c as { all: { met: boolean } }).all.met && (c as { failed: number }).failed === 0) && throttled === 0;
// The figures are CPU time as much as waiting: the load of the machine says how far they can be trusted.
const loadAverage = os.loadavg().map((l) => Number(l.toFixed(1)));
console.log(
  JSON.stringify({
    benchmark: "turns",
    quick,
    rounds: ROUNDS,
    thinkTimeMs: { ...THINK_MS, why: "a person reads the answer before the next action; back to back, their own chat's Teams window (7/1 s, 8/2 s) makes answers wait by construction (see burstPerPerson)" },
    cpus: os.cpus().length,
    loadAverage,
    region: { ...describeRegion(generated.size), pressers: pressers.length, remindersPerRun: reminders },
    firstAnswersMs,
    cases,
    burstPerPerson,
    connectorThrottled: throttled,
    // Where a 429 fell (a personal chat or a channel, an answer or a proactive message), so one can be traced.
    throttledCalls: {
      inCases: throttledInCases,
      inBurstPerPerson: throttled - throttledInCases,
      calls: connector.throttled().map((c) => ({ chat: c.conversationId?.startsWith("a:") ? "personal" : "channel", kind: c.method === "PUT" ? "update" : c.activityId ? "reply" : "new message" })),
    },
    goalsMet: met,
  }),
);
await app.close();
await connector.close();
fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
