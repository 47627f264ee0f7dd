/**
 * The weekly stuurgroep summary over five school years of history: ~1,500 escalation cases with
 * their audit trail, a stored summary for every week, monthly KPI measurements of all 19
 * activities and weekly DDD progress of the 60 demo schools (both through the summary's source
 * functions, as the meetmomenten and DDD features will supply them). Measures building the
 * summary of the last week (all section providers) and rendering its cards, repeatedly, and
 * reports the median. Limit: 500 ms. Prints one JSON line.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { renderSummaryCards } from "../../src/cards/summary-card.js";
import { configureDb, createDb } from "../../src/db/client.js";
import { migrateDatabase } from "../../src/db/migrations.js";
import { isWorkingDay, shiftIsoDate, type SchoolYearLabel } from "../../src/domain/calendar/index.js";
import type { KpiMeasurement } from "../../src/domain/summary/types.js";
import { getSummaryWeek } from "../../src/domain/summary/week.js";
import { loadWorkCalendar } from "../../src/services/calendar-data.js";
import { seedDemoData } from "../../src/services/demo-seed.js";
import { buildSummaryData, buildSummaryPeriod, listSections } from "../../src/services/summary/weekly-summary.js";
import { createFakeSummarySources, createRandom, generateDddProgress, generateRounds, listDemoSchools, loadCatalogueActivities } from "../support/summary-fixtures.js";

const quick = Boolean(process.env.BENCH_QUICK);
const LIMIT_MS = 500;
const RUNS = quick ? 5 : 25;
const YEARS = ["2022-2023", "2023-2024", "2024-2025", "2025-2026", "2026-2027"] as SchoolYearLabel[];
const CASES_PER_YEAR = quick ? 60 : 300;

const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-summary-")), "a.db");
await migrateDatabase(file);
const db = createDb(file);
await configureDb(db);
await seedDemoData(db);
const calendar = await loadWorkCalendar();
const at = (iso: string) => DateTime.fromISO(iso, { zone: "Europe/Amsterdam" }).toJSDate();
const random = createRandom(42);

// --- History: cases with their events, inserted in bulk (the escalation ladder itself has its own benchmark).
const setupStart = performance.now();
const schools = await db.school.findMany({ select: { id: true, naam: true, brin: true } });
const activities = loadCatalogueActivities();
let caseCount = 0;
let eventCount = 0;
for (const year of YEARS) {
  const start = Number(year.slice(0, 4));
  const workingDays: string[] = [];
  for (let d = `${start}-08-20`; d <= `${start + 1}-07-10`; d = shiftIsoDate(d, 1)) if (isWorkingDay(d, calendar)) workingDays.push(d);
  for (let i = 0; i < CASES_PER_YEAR; i++) {
    const day = workingDays[Math.floor(random() * workingDays.length)]!;
    const openedAt = at(`${day}T10:00`);
    const school = schools[Math.floor(random() * schools.length)]!;
    const level = Math.floor(random() * 5) - 1;
    const resolved = year !== "2026-2027" || random() < 0.6;
    const resolvedAt = resolved ? at(`${shiftIsoDate(day, 5 + Math.floor(random() * 40))}T11:00`) : null;
    const byActivity = random() < 0.2;
    const activity = activities[Math.floor(random() * activities.length)]!;
    const row = await db.case.create({
      data: {
        type: byActivity ? "werkafspraak" : "ddd-achterstand",
        subjectKind: byActivity ? "activity" : "school",
        subjectKey: byActivity ? `activity:${activity.id}` : `school:${school.id}`,
        subjectLabel: byActivity ? `activiteit ${activity.id}` : `${school.naam} (${school.brin})`,
        schoolId: byActivity ? null : school.id,
        activityId: byActivity ? activity.id : null,
        reason: "bench",
        severity: "normaal",
        state: resolved ? "opgelost" : "open",
        openKey: resolved ? null : `bench|${caseCount}`,
        policyVersion: "2026-1",
        level,
        levelSince: openedAt,
        openedAt,
        resolvedAt,
      },
    });
    const events = [{ caseId: row.id, kind: "opened", at: openedAt, via: "job", level: -1 }];
    for (let l = 0; l <= level; l++) events.push({ caseId: row.id, kind: "escalated", at: at(`${shiftIsoDate(day, 1 + l * 5)}T08:05`), via: "job", level: l });
    if (resolvedAt) events.push({ caseId: row.id, kind: "resolved", at: resolvedAt, via: "chat", level });
    await db.caseEvent.createMany({ data: events });
    caseCount++;
    eventCount += events.length;
  }
}

// --- A stored summary for every week of the five years (their escalation figures feed the trend).
let storedWeeks = 0;
for (let d = "2022-08-22"; d <= "2027-03-08"; d = shiftIsoDate(d, 7)) {
  const week = getSummaryWeek(d);
  const data = { version: 1, period: { ...week, dueAt: null, from: at(`${d}T08:30`).toISOString(), to: at(`${d}T08:30`).toISOString() }, generatedAt: at(`${d}T08:30`).toISOString(), sections: [{ id: "escalaties", title: "Escalaties", data: { opened: 5, resolved: 4, openTotal: 30, openByLevel: [], stuurgroep: [], stuurgroepMore: 0, trend: [] } }], notes: [] };
  await db.weeklySummary.create({ data: { schoolYear: week.schoolYear, week: week.week, weekStart: week.weekStart, dueAt: at(`${d}T08:30`), generatedAt: at(`${d}T08:30`), data: JSON.stringify(data), postedAt: at(`${d}T08:30`) } });
  storedWeeks++;
}

// --- Measurements (monthly, every numeric KPI, five years) and DDD progress (weekly, 60 schools, five years).
const measurements: KpiMeasurement[] = [];
for (const activity of activities) {
  for (const kpi of activity.kpis.filter((k) => k.unit !== "text")) {
    let value = kpi.unit === "percentage" ? 70 : 300;
    for (const year of YEARS) {
      const start = Number(year.slice(0, 4));
      for (let month = 0; month < 12; month++) {
        const date = DateTime.fromObject({ year: start, month: 9, day: 1 }).plus({ months: month }).toISODate()!;
        value = Math.max(0, value + (random() - 0.45) * (kpi.unit === "percentage" ? 2 : 20));
        measurements.push({ activityId: activity.id, kpiKey: kpi.key, measuredOn: date, value: Math.round(value * 10) / 10 });
      }
    }
  }
}
const schoolList = listDemoSchools();
const ddd = YEARS.map((year, i) => generateDddProgress(year, { schools: schoolList, allSchools: true, seed: i + 1 }));
const sources = createFakeSummarySources({ ddd, measurements, rounds: generateRounds(activities, "2027-03-15", 19) });
const setupMs = performance.now() - setupStart;

// --- Build the summary of Monday 15 March 2027 (week 11) again and again.
const now = at("2027-03-15T08:30");
const deps = { calendar, sources, schedule: { weekday: 1 as const, time: "08:30" } };
const builds: number[] = [];
const renders: number[] = [];
const totals: number[] = [];
let cards = 0;
let sections: string[] = [];
for (let run = 0; run < RUNS; run++) {
  const t0 = performance.now();
  const period = await buildSummaryPeriod(db, getSummaryWeek(now), deps, now);
  const data = await buildSummaryData(db, listSections(deps), period, now);
  const t1 = performance.now();
  const rendered = renderSummaryCards(data);
  const t2 = performance.now();
  builds.push(t1 - t0);
  renders.push(t2 - t1);
  totals.push(t2 - t0);
  cards = rendered.length;
  sections = data.sections.map((s) => s.id);
}
await db.$disconnect();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
const round = (n: number) => Math.round(n * 10) / 10;
console.log(
  JSON.stringify({
    benchmark: "summary",
    history: { schoolYears: YEARS.length, cases: caseCount, caseEvents: eventCount, storedWeeks, measurements: measurements.length, dddPoints: ddd.reduce((s, y) => s + y.schools.reduce((t, x) => t + x.series.length, 0), 0), schools: schoolList.length, activities: activities.length },
    setupMs: Math.round(setupMs),
    runs: RUNS,
    buildMsMedian: round(median(builds)),
    renderCardsMsMedian: round(median(renders)),
    totalMsMedian: round(median(totals)),
    totalMsMax: round(Math.max(...totals)),
    cards,
    sections,
    limitMs: LIMIT_MS,
    ok: median(totals) < LIMIT_MS && sections.length === 4,
  }),
);
process.exitCode = median(totals) < LIMIT_MS ? 0 : 1;
