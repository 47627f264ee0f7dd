/**
 * Submitting a meetmoment form of 10 KPIs, round trip through the real HTTP server: an
 * adaptiveCard/action invoke in on /api/messages (authentication off, as locally), the
 * envelope check, the derived-schema validation, 10 new measurement versions in one
 * transaction on the embedded SQLite database, and the refreshed summary card out. Every
 * submission changes all 10 values, so each is a correction that writes 10 rows (the worst
 * case). Target: p95 under 100 ms. Prints one JSON line.
 */
import { renderMeetmomentMessage } from "../../src/cards/meetmoment-round-card.js";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { createAanjager } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { configureDb, createDb } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { createLogger } from "../../src/logger.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { DEFAULT_CATALOGUE_PATH, importCatalogueText } from "../../src/services/catalogue.js";
import { seedDemoData } from "../../src/services/demo-seed.js";
import { meetmomentDepsOf, runMeetmomenten } from "../../src/services/meetmomenten/index.js";
import { startMockConnector } from "../support/mock-connector.js";

const quick = Boolean(process.env.BENCH_QUICK);
const iterations = quick ? 40 : 300;
const warmup = 10;
const at = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Amsterdam" }).toJSDate();

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-meetmoment-")), "a.db");
await migrateDatabase(file);
const seedDb = await createDb(file);
await configureDb(seedDb);
await seedDemoData(seedDb);
// A bench activity with 10 KPIs (4 counts, 4 percentages, 2 texts), monthly meetmomenten.
const units = ["count", "percentage", "count", "percentage", "text", "count", "percentage", "count", "percentage", "text"];
const benchActivity = [
  "",
  "- id: bench-tien-kpis",
  '  programmalijn: "Benchmark"',
  '  naam: "Benchmark met tien KPI\'s"',
  '  doelgroep: "niemand"',
  "  meetmomenten_parsed:",
  "    - {kind: monthly, months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], day: null, note: null}",
  "  kpis:",
  ...units.flatMap((unit, i) => [`    - id: kpi-${i}`, `      name: "benchmark-KPI ${i} (${unit})"`, `      unit: ${unit}`, "      target: null"]),
].join("\n");
const imported = await importCatalogueText(seedDb, `${fs.readFileSync(DEFAULT_CATALOGUE_PATH, "utf8")}\n${benchActivity}\n`, { now: new Date() });
if (!imported.ok) throw new Error(`bench catalogue rejected: ${JSON.stringify(imported.errors.slice(0, 2))}`);
await seedDb.$disconnect();

const opened = at("2026-11-02T08:10");
const now = at("2026-11-03T10:00");
// The refresh-for-all update of each card would hit the mock's per-conversation limits (Teams' table);
// the bot's own round trip is what this measures.
const connector = await startMockConnector({ throttle: false });
// Processing time is measured, not Teams' limits: the connector has none and the bot does not pace its answers.
const config = loadConfig({ BOT_MODE: "local", HOST: "127.0.0.1", PORT: "0", DATABASE_PATH: file, LOG_LEVEL: "silent", SCHEDULER_ENABLED: "false", RATE_LIMIT_PER_USER: "10000", DELIVERY_PACE_TURNS: "false" });
const app = await createAanjager({ config, logger: createLogger("silent"), clock: () => now, ports: { enqueue: createRecordingOutbox().enqueue } });
const port = await app.listen();
await runMeetmomenten(app.db, { ...meetmomentDepsOf(app.jobDeps), render: renderMeetmomentMessage }, opened);
const round = await app.db.meetmomentRound.findFirstOrThrow({ where: { activityId: "bench-tien-kpis" } });

const fixture = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, "..", "fixtures", "activities", "card-action-invoke.json"), "utf8"));
function invoke(n: number) {
  const inputs = Object.fromEntries(units.map((unit, i) => [`kpi_kpi-${i}`, unit === "text" ? `toelichting ${n}` : unit === "percentage" ? `${(n % 1000) / 10}`.replace(".", ",") : String(n + i)]));
  return {
    ...fixture,
    id: `bench-${n}`,
    serviceUrl: connector.url,
    value: { action: { type: "Action.Execute", verb: "meetmoment-indienen", data: { roundId: round.id, activityId: round.activityId, schoolYear: round.schoolYear, ...inputs } }, trigger: "manual" },
  };
}

const durations: number[] = [];
let refreshed = 0;
for (let n = 0; n < warmup + iterations; n++) {
  const body = JSON.stringify(invoke(n));
  const started = performance.now();
  const res = await fetch(`http://127.0.0.1:${port}/api/messages`, { method: "POST", headers: { "content-type": "application/json" }, body });
  const answer = (await res.json()) as { type?: string; value?: { body?: unknown[] } };
  const ms = performance.now() - started;
  if (res.status !== 200 || answer.type !== "application/vnd.microsoft.card.adaptive") throw new Error(`submission ${n} failed: ${res.status} ${JSON.stringify(answer).slice(0, 200)}`);
  if (n >= warmup) {
    durations.push(ms);
    refreshed++;
  }
}
const stored = await app.db.measurement.count({ where: { roundId: round.id } });
await app.close();
await connector.close();

durations.sort((a, b) => a - b);
const pct = (p: number) => Number(durations[Math.min(durations.length - 1, Math.ceil((p / 100) * durations.length) - 1)]!.toFixed(1));
console.log(
  JSON.stringify({
    kpis: units.length,
    submissions: iterations,
    refreshedCards: refreshed,
    measurementsStored: stored,
    p50Ms: pct(50),
    p95Ms: pct(95),
    maxMs: Number(durations[durations.length - 1]!.toFixed(1)),
    targetP95Ms: 100,
    withinTarget: pct(95) < 100,
  }),
);
