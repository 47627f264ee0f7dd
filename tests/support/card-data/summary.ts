import { planSummaryCards, type SummaryCardOptions } from "../../../src/cards/summary-card.js";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { resolveKpiTarget } from "../../../src/domain/catalogue.js";
import { buildDddSection } from "../../../src/domain/summary/ddd.js";
import { buildEscalationSection } from "../../../src/domain/summary/escalations.js";
import { buildKpiSection } from "../../../src/domain/summary/kpis.js";
import { buildMeetmomentSection } from "../../../src/domain/summary/meetmomenten.js";
import { buildOverstapYearSection } from "../../../src/domain/summary/overstap-year.js";
import { createWorkCalendar } from "../../../src/domain/calendar/index.js";
import { buildOverstapYear, NO_OVERSTAP_COUNTS } from "../../../src/domain/ddd/index.js";
import { SUMMARY_DATA_VERSION, type SummaryData, type SummarySectionData } from "../../../src/domain/summary/types.js";
import { createRandom, generateDddProgress, generateMeasurements, generateRounds, listDemoSchools, listSchoolYearsBack, loadCatalogueActivities } from "../summary-fixtures.js";

/**
 * Summary data built with the pure section builders, for the card suites and the size tests:
 * the worst case (all 60 demo schools in the DDD campaign, all 19 activities measured, 40 cases
 * at L3 with long names, many overdue owners), today's production (escalations and norms, no
 * measurements yet), after the DDD deadline, late and as a tussenstand.
 */
const YEAR = "2026-2027" as SchoolYearLabel;

function period(asOf: string, week: number): SummaryData["period"] {
  return { schoolYear: YEAR, week, weekYear: 2027, weekStart: asOf, dueAt: `${asOf}T07:30:00.000Z`, from: "2027-03-08T07:30:00.000Z", to: `${asOf}T07:30:00.000Z` };
}

function escalations(l3: number, seed = 3): SummarySectionData {
  const random = createRandom(seed);
  const schools = listDemoSchools();
  return {
    id: "escalaties",
    title: "Escalaties",
    data: buildEscalationSection({
      opened: 7,
      resolved: 4,
      open: Array.from({ length: 25 + l3 }, (_, i) => ({ level: i < l3 ? 3 : (i % 4) - 1 })),
      stuurgroep: Array.from({ length: l3 }, (_, i) => ({
        caseId: 100 + i,
        name: i % 5 === 4 ? "VOORdeel & VERVOLG: opMAAT naar werk" : `${schools[i % schools.length]!.naam} (locatie ${"Noord-Oost ".repeat(1 + (i % 2))})`,
        type: i % 2 ? "ddd-achterstand" : "geen-reactie",
        since: `2027-02-${String(1 + (i % 27)).padStart(2, "0")}`,
        owner: i % 3 ? `Projectteamlid ${i} met een lange achternaam-van-den-Berg` : null,
      })),
      history: Array.from({ length: 7 }, (_, i) => ({ label: `w${3 + i}`, open: Math.floor(random() * 40), opened: Math.floor(random() * 10) })),
      currentLabel: "w11",
    }),
  };
}

function kpis(withMeasurements: boolean, asOf: string): SummarySectionData {
  const activities = loadCatalogueActivities();
  return { id: "kpis", title: "KPI's per activiteit", data: buildKpiSection(activities, { schoolYear: YEAR, asOf, measurements: withMeasurements ? generateMeasurements(activities, listSchoolYearsBack(YEAR, 3)) : null }) };
}

function ddd(asOf: string): SummarySectionData {
  const activities = loadCatalogueActivities();
  const targets = activities.find((a) => a.id === "ddd")!.kpis;
  const norm = (key: string) => {
    const t = resolveKpiTarget(targets.find((k) => k.key === key)!.targets, YEAR);
    return t ? { value: t.value, normFrom: t.defaulted ? t.schoolYear : null } : null;
  };
  const all = { allSchools: true } as const;
  return {
    id: "ddd",
    title: "DDD en overstap",
    data: buildDddSection({
      current: generateDddProgress(YEAR, { ...all, until: asOf }),
      previousYears: [generateDddProgress("2025-2026" as SchoolYearLabel, all), generateDddProgress("2024-2025" as SchoolYearLabel, all)],
      asOf,
      previousAsOf: "2027-03-08",
      norms: { completed: norm("waarvan-pct-met-een-ingevuld-ddd"), inBeeld: norm("pct-overstappers-vo-mbo-in-regio-39-in-beeld-met") },
      normOf: () => 97,
    }),
  };
}

/** The overstap year with every demo school's counts (after 1 April: aanmelding and plaatsing too). */
function overstapYear(asOf: string): SummarySectionData {
  const year = buildOverstapYear(YEAR, createWorkCalendar(), { norms: { inBeeld: 98, ddd: 97, geplaatstMetDdd: 97, mboGestart: 95 } });
  const placed = asOf > "2027-04-01";
  const points = listDemoSchools().map((_, i) => ({
    schoolId: i + 1,
    on: "2027-01-11",
    ...NO_OVERSTAP_COUNTS,
    overstappers: 40, gestart: 40, deelB: 39, afgerond: 38 - (i % 5), inBeeld: 39,
    ...(placed ? { aangemeld: 39, geenAanmelding: 1, afgewezen: i % 3, geplaatst: 37, geplaatstMetDdd: 36 - (i % 4) } : {}),
  }));
  return { id: "overstapjaar", title: "Het overstapjaar", data: buildOverstapYearSection({ asOf, years: [{ year, points }] })! };
}

export function buildWorstCaseSummaryData(asOf = "2027-03-15"): SummaryData {
  const rounds: SummarySectionData = { id: "meetmomenten", title: "Meetmomenten", data: buildMeetmomentSection(generateRounds([...loadCatalogueActivities(), ...loadCatalogueActivities()], asOf, 38), asOf) };
  return { version: SUMMARY_DATA_VERSION, period: period(asOf, 11), generatedAt: `${asOf}T07:30:00.000Z`, sections: [ddd(asOf), overstapYear(asOf), escalations(40), rounds, kpis(true, asOf)], notes: [] };
}

/** What production shows today: no DDD or measurement source yet. */
export function buildTodaySummaryData(): SummaryData {
  return { version: SUMMARY_DATA_VERSION, period: period("2027-03-15", 11), generatedAt: "2027-03-15T07:30:00.000Z", sections: [escalations(2), kpis(false, "2027-03-15")], notes: [] };
}

export function buildAfterDeadlineSummaryData(): SummaryData {
  const data = buildWorstCaseSummaryData("2027-05-10");
  return { ...data, period: period("2027-05-10", 19), sections: data.sections.filter((s) => s.id !== "meetmomenten"), notes: ["Meetmomenten: deze week niet beschikbaar door een storing."] };
}

/** A small catalogue with measurements: everything fits in one card, details behind "Toon meer". */
export function buildSmallSummaryData(): SummaryData {
  const activities = loadCatalogueActivities().filter((a) => ["ddd", "coach4you"].includes(a.id));
  const kpiSection: SummarySectionData = { id: "kpis", title: "KPI's per activiteit", data: buildKpiSection(activities, { schoolYear: YEAR, asOf: "2027-03-15", measurements: generateMeasurements(activities, listSchoolYearsBack(YEAR, 2)) }) };
  return { version: SUMMARY_DATA_VERSION, period: period("2027-03-15", 11), generatedAt: "2027-03-15T07:30:00.000Z", sections: [escalations(1), kpiSection], notes: [] };
}

export function buildEmptySummaryData(): SummaryData {
  return { version: SUMMARY_DATA_VERSION, period: period("2026-09-07", 37), generatedAt: "2026-09-07T06:30:00.000Z", sections: [escalations(0)], notes: [] };
}

function plan(data: SummaryData, options: SummaryCardOptions = {}) {
  return planSummaryCards(data, options);
}

const worst = plan(buildWorstCaseSummaryData());
const today = plan(buildTodaySummaryData(), { posting: { postedAt: "2027-03-17T10:12:00.000Z", late: true } });
const after = plan(buildAfterDeadlineSummaryData());
const empty = plan(buildEmptySummaryData(), { preview: true });
const small = plan(buildSmallSummaryData());

export const SUMMARY_CARD_DATA_SETS: Record<string, object[]> = {
  summary: [worst.main, today.main, after.main, empty.main, small.main],
  "summary-detail": [...worst.details, ...today.details].slice(0, 6),
};
