/**
 * Planning one DDD campaign step for a large region: 60 schools with 10 mentor groups each
 * (600 groups), eight weeks of weekly snapshots per target, a sending history of the earlier
 * steps and a few snoozes. Measures the pure planner (what the job, the preview and the chat
 * command all call), including the forecast of every school. Prints one JSON line; the goal is a
 * median under 200 ms.
 */
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { createWorkCalendar, parseSchoolHolidays, shiftIsoDate, type SchoolYearLabel } from "../../src/domain/calendar/index.js";
import { buildCampaignIndex, buildCampaignPlan, planReminders, type CampaignTarget, type DueSnooze, type ReminderHistoryEntry } from "../../src/domain/ddd/index.js";

const SCHOOLS = 60;
const GROUPS_PER_SCHOOL = 10;
const runs = process.env.BENCH_QUICK ? 5 : 31;

const data = parseSchoolHolidays(readFileSync(new URL("../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
const calendar = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });
const plan = buildCampaignPlan("2026-2027" as SchoolYearLabel, calendar);
const now = DateTime.fromISO("2027-03-18T08:15", { zone: "Europe/Amsterdam" }).toJSDate(); // step w2

const mondays = Array.from({ length: 8 }, (_, i) => shiftIsoDate("2027-01-25", 7 * i)).filter((d) => d <= "2027-03-15");
const targets: CampaignTarget[] = [];
const history: ReminderHistoryEntry[] = [];
const snoozes: DueSnooze[] = [];
for (let s = 1; s <= SCHOOLS; s++) {
  const groupFigures = Array.from({ length: GROUPS_PER_SCHOOL }, (_, g) => {
    const overstappers = 18 + ((s * 7 + g * 5) % 11);
    const points = mondays.map((day, w) => ({ day, overstappers, afgerond: Math.min(overstappers, Math.floor(overstappers * (((s + g) % 7) / 10 + w * 0.08))) }));
    return { g, overstappers, points };
  });
  const schoolPoints = mondays.map((day, w) => ({
    day,
    overstappers: groupFigures.reduce((n, f) => n + f.overstappers, 0),
    afgerond: groupFigures.reduce((n, f) => n + f.points[w]!.afgerond, 0),
  }));
  const last = schoolPoints[schoolPoints.length - 1]!;
  const figures = (p: { overstappers: number; afgerond: number }) => ({ overstappers: p.overstappers, gestart: p.overstappers, deelB: p.afgerond, afgerond: p.afgerond, inBeeld: p.overstappers });
  targets.push({ key: `school:${s}`, kind: "school", schoolId: s, mentorGroup: null, figures: figures(last), points: schoolPoints });
  history.push({ targetKey: `school:${s}`, day: "2027-03-04", kind: "herinnering", coveredSteps: ["start", "w6", "w4"] });
  if (s % 10 === 0) snoozes.push({ id: s, targetKey: `school:${s}`, personId: 1000 + s, stepId: "w4", dueDay: "2027-03-05" });
  for (const { g, points } of groupFigures) {
    const key = `groep:${s}:G${g}`;
    targets.push({ key, kind: "groep", schoolId: s, mentorGroup: `G${g}`, figures: figures(points[points.length - 1]!), points, schoolComplete: last.afgerond >= last.overstappers, acknowledged: g === 3 });
    history.push({ targetKey: key, day: "2027-03-04", kind: "herinnering", coveredSteps: ["start", "w6", "w4"] });
  }
}

const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
const round = (ms: number) => Math.round(ms * 10) / 10;

// Cold: the planner builds its working-day index itself, as on the first run of a process.
const cold: number[] = [];
let items = 0;
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  const result = planReminders({ now, plan, calendar, targets, history, snoozes, normPercent: 97 });
  cold.push(performance.now() - started);
  items = result.items.length;
}
// Warm: the index is reused, as the running bot does (services/ddd/campaign.ts caches it per school year).
const index = buildCampaignIndex(plan, calendar);
const warm: number[] = [];
for (let i = 0; i < runs; i++) {
  const started = performance.now();
  planReminders({ now, plan, calendar, targets, history, snoozes, normPercent: 97, index });
  warm.push(performance.now() - started);
}
console.log(
  JSON.stringify({
    benchmark: "ddd-planning",
    schools: SCHOOLS,
    mentorGroups: SCHOOLS * GROUPS_PER_SCHOOL,
    runs,
    plannedItems: items,
    medianMs: round(median(cold)),
    maxMs: round(Math.max(...cold)),
    medianWarmIndexMs: round(median(warm)),
    goalMs: 200,
    withinGoal: median(cold) < 200,
  }),
);
