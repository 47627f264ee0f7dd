/**
 * The escalation job on a region full of open cases: how long one run takes when every case
 * fires a level (and its messages go to the outbox), and how long the idempotent re-run of
 * the same slot takes. Plus: many simultaneous acknowledgements of one case (exactly one may
 * win). Prints one JSON line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { configureDb, createDb, runInTransaction } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { CASE_TYPES } from "../../src/domain/cases/index.js";
import { createRecordingOutbox } from "../support/recording-ports.js";
import { loadWorkCalendar } from "../../src/services/calendar-data.js";
import { renderCaseView } from "../../src/cards/case-card.js";
import { renderChainGapNotice } from "../../src/cards/keten-gat-card.js";
import { renderHandoverCard } from "../../src/cards/warme-overdracht-card.js";
import { openOrUpdateCase, performCaseAction, runEscalations } from "../../src/services/cases/index.js";
import { seedDemoData } from "../../src/services/demo-seed.js";

const quick = Boolean(process.env.BENCH_QUICK);
const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-escalations-")), "a.db");
await migrateDatabase(file);
const db = createDb(file);
await configureDb(db);
await seedDemoData(db);
const calendar = await loadWorkCalendar();
const outbox = createRecordingOutbox();
const deps = { calendar, enqueue: outbox.enqueue, renderCaseCard: renderCaseView, renderChainGapNotice, renderHandoverCard };
const at = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Amsterdam" }).toJSDate();

const schools = await db.school.findMany();
const types = CASE_TYPES.filter((t) => t !== "overstap").slice(0, quick ? 1 : 5);
const openedAt = at("2027-03-01T10:00");
const openStart = performance.now();
for (const school of schools) {
  for (const type of types) {
    await runInTransaction(db, (tx) => openOrUpdateCase(tx, { type, subject: { kind: "school", schoolId: school.id }, reason: "bench", source: "job" }, openedAt));
  }
}
const openMs = performance.now() - openStart;
const cases = schools.length * types.length;

const firstStart = performance.now();
const first = await runEscalations(db, deps, at("2027-03-02T08:05"), { workingDay: true });
const firstMs = performance.now() - firstStart;
const againStart = performance.now();
const again = await runEscalations(db, deps, at("2027-03-02T08:05"), { workingDay: true });
const againMs = performance.now() - againStart;

const target = (await db.case.findFirstOrThrow({ where: { state: "open" } })).id;
const people = await db.person.findMany({ where: { roles: { some: { role: { in: ["projectteam", "programmaleider", "beheerder"] } } } }, include: { roles: true } });
const contenders = quick ? Math.min(5, people.length) : people.length;
const version = (await db.case.findUniqueOrThrow({ where: { id: target } })).version;
const raceStart = performance.now();
const results = await Promise.all(
  people.slice(0, contenders).map((p) =>
    performCaseAction(db, deps, { caseId: target, action: { kind: "acknowledge" }, actor: { personId: p.id, naam: p.naam, roles: p.roles.map((r) => ({ role: r.role, schoolId: r.schoolId })) }, via: "card", expectedVersion: version }, at("2027-03-02T09:00")),
  ),
);
const raceMs = performance.now() - raceStart;
await db.$disconnect();

console.log(
  JSON.stringify({
    cases,
    openCasesMs: Math.round(openMs),
    firstRun: { ms: Math.round(firstMs), escalated: first.escalated, notifications: first.notifications, msPerCase: Number((firstMs / cases).toFixed(2)) },
    repeatRun: { ms: Math.round(againMs), escalated: again.escalated },
    simultaneousAcknowledgements: { contenders, winners: results.filter((r) => r.kind === "done").length, conflicts: results.filter((r) => r.kind === "conflict").length, ms: Math.round(raceMs) },
  }),
);
