import fs from "node:fs";
import path from "node:path";
import { parseSchoolYear, shiftIsoDate, type IsoDate, type SchoolYearLabel } from "../../src/domain/calendar/index.js";
import { parseCatalogue, type CatalogueActivity } from "../../src/domain/catalogue.js";
import { OVERSTAP_SOORTEN, buildDemoRegion, type DemoSchool } from "../../src/demo/demo-region.js";
import { DEFAULT_REGION_FILE, readRegionFile } from "../../src/config.js";
import type { DddRegionProgress, KpiMeasurement, MeetmomentRoundStatus } from "../../src/domain/summary/types.js";
import type { SummarySources } from "../../src/services/summary/sources.js";

/**
 * Deterministic test data for the weekly summary: the bundled catalogue, the demo region's 60
 * schools, DDD progress per school per week, KPI measurements at the meetmomenten, meetmoment
 * rounds, and fake summary sources that serve them (as the DDD and meetmomenten features will).
 */
const root = path.resolve(import.meta.dirname, "..", "..");

export function loadCatalogueActivities(): CatalogueActivity[] {
  const parsed = parseCatalogue(fs.readFileSync(path.join(root, "src", "data", "activities.yaml"), "utf8"));
  if (!parsed.ok) throw new Error("bundled catalogue is invalid");
  return parsed.activities;
}

export function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SUBREGIO_NAMES = new Map<string, string>(readRegionFile(DEFAULT_REGION_FILE).subregios.map((s) => [s.id, s.naam]));

export type FixtureSchool = { id: number; naam: string; subregioId: string; soort: string };

/** The demo region's schools with ids 1..60 (as a fresh seeded database numbers them). */
export function listDemoSchools(): FixtureSchool[] {
  return buildDemoRegion().schools.map((s: DemoSchool, i) => ({ id: i + 1, naam: s.naam, subregioId: s.subregioId, soort: s.soort }));
}

/**
 * A DDD campaign of a school year: weekly observations from 1 October to 1 April (and, after
 * the deadline, nothing more), completion rising per school at its own pace. `allSchools` puts
 * every school in (worst case); otherwise only the overstap schools (vmbo, vso, pro).
 */
export function generateDddProgress(schoolYear: SchoolYearLabel, options: { schools?: FixtureSchool[]; allSchools?: boolean; seed?: number; until?: IsoDate; pace?: number } = {}): DddRegionProgress {
  const { startYear, endYear } = parseSchoolYear(schoolYear);
  const campaignStart = `${startYear}-10-01`;
  const deadline = `${endYear}-04-01`;
  const random = createRandom(options.seed ?? startYear);
  const schools = (options.schools ?? listDemoSchools()).filter((s) => options.allSchools || OVERSTAP_SOORTEN.has(s.soort));
  const last = options.until && options.until < deadline ? options.until : deadline;
  return {
    schoolYear,
    campaignStart,
    deadline,
    schools: schools.map((school) => {
      const overstappers = 20 + Math.floor(random() * 100);
      const pace = (options.pace ?? 1) * (0.6 + random() * 0.5);
      const series = [];
      for (let day = campaignStart; day <= last; day = shiftIsoDate(day, 7)) {
        const progress = (Date.parse(day) - Date.parse(campaignStart)) / (Date.parse(deadline) - Date.parse(campaignStart));
        const completed = Math.min(overstappers, Math.round(overstappers * Math.min(1, progress * pace)));
        const inBeeld = Math.min(overstappers, completed + Math.round((overstappers - completed) * 0.5));
        series.push({ on: day, overstappers, completed, inBeeld });
      }
      return { schoolId: school.id, schoolNaam: school.naam, subregioId: school.subregioId, subregioNaam: SUBREGIO_NAMES.get(school.subregioId) ?? school.subregioId, series };
    }),
  };
}

/** Region-level values of every numeric KPI in January, June and November of each school year. */
export function generateMeasurements(activities: readonly CatalogueActivity[], schoolYears: readonly SchoolYearLabel[], seed = 7): KpiMeasurement[] {
  const random = createRandom(seed);
  const out: KpiMeasurement[] = [];
  for (const activity of activities) {
    for (const kpi of activity.kpis) {
      if (kpi.unit === "text") continue;
      let value = kpi.unit === "percentage" ? 60 + random() * 35 : 50 + Math.floor(random() * 900);
      for (const year of schoolYears) {
        const { startYear, endYear } = parseSchoolYear(year);
        for (const day of [`${startYear}-11-01`, `${endYear}-01-15`, `${endYear}-06-15`]) {
          const step = (random() - 0.45) * (kpi.unit === "percentage" ? 4 : value * 0.08);
          value = kpi.unit === "percentage" ? Math.min(100, Math.max(0, value + step)) : Math.max(0, Math.round(value + step));
          out.push({ activityId: activity.id, kpiKey: kpi.key, measuredOn: day, value: Math.round(value * 10) / 10 });
        }
      }
    }
  }
  return out;
}

export function generateRounds(activities: readonly CatalogueActivity[], asOf: IsoDate, count: number): MeetmomentRoundStatus[] {
  return activities.slice(0, count).map((a, i) => ({
    activityId: a.id,
    activityNaam: a.naam,
    meetmoment: shiftIsoDate(asOf, -20 + i),
    dueOn: shiftIsoDate(asOf, -10 + i),
    state: i % 4 === 3 ? "gesloten" : "open",
    requested: a.kpis.length,
    responded: i % 3 === 0 ? 0 : Math.max(0, a.kpis.length - 1),
    overdueOwners: i % 3 === 0 ? [`Eigenaar ${a.naam.slice(0, 30)}`] : [],
  }));
}

/**
 * Summary sources backed by arrays, as the DDD and meetmomenten features will supply them
 * from their tables. Points and values after `asOf` are invisible, like rows entered later.
 */
export function createFakeSummarySources(input: { ddd?: readonly DddRegionProgress[]; measurements?: readonly KpiMeasurement[]; rounds?: readonly MeetmomentRoundStatus[] }): SummarySources & { calls: string[] } {
  const calls: string[] = [];
  const dayOf = (d: Date) => d.toISOString().slice(0, 10);
  const sources: SummarySources & { calls: string[] } = { calls };
  if (input.ddd) {
    const byYear = new Map(input.ddd.map((p) => [p.schoolYear as string, p]));
    sources.loadDddRegionProgress = async (_db, query) => {
      calls.push(`ddd:${query.schoolYear}${query.through ? ` through ${query.through}` : ""}`);
      const progress = byYear.get(query.schoolYear);
      if (!progress) return null;
      const asOf = dayOf(query.asOf);
      return { ...progress, schools: progress.schools.map((s) => ({ ...s, series: s.series.filter((p) => p.on <= asOf) })) };
    };
  }
  if (input.measurements) {
    const all = input.measurements;
    sources.listLatestMeasurements = async (_db, query) => {
      calls.push(`measurements:${query.from}`);
      const asOf = dayOf(query.asOf);
      return all.filter((m) => m.measuredOn >= query.from && m.measuredOn <= asOf);
    };
  }
  if (input.rounds) {
    const rounds = input.rounds;
    sources.listMeetmomentRounds = async () => {
      calls.push("rounds");
      return [...rounds];
    };
  }
  return sources;
}

export function listSchoolYearsBack(current: SchoolYearLabel, count: number): SchoolYearLabel[] {
  const start = parseSchoolYear(current).startYear;
  return Array.from({ length: count }, (_, i) => `${start - count + 1 + i}-${start - count + 2 + i}` as SchoolYearLabel);
}
