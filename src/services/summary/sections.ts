import { findActivity, listActivities } from "../../db/catalogue.js";
import type { Db } from "../../db/client.js";
import { countCaseChangesBetween, findActivityNames, listUnresolvedCaseLevels, listWeeklySummariesBefore } from "../../db/weekly-summaries.js";
import { getSchoolYear, getSchoolYearDays, parseSchoolYear, shiftIsoDateYears, toIsoDate, formatSchoolYear, type WorkCalendar } from "../../domain/calendar/index.js";
import { isActivityRunning, listProgrammePeriods, type ResolvedTarget } from "../../domain/catalogue.js";
import { DDD_NORM_KPIS, resolveDddNormTargets } from "../../domain/ddd/index.js";
import { buildDddSection, type DddNorm } from "../../domain/summary/ddd.js";
import { buildEscalationSection, ESCALATION_TREND_WEEKS } from "../../domain/summary/escalations.js";
import { buildKpiSection, describedYearOf } from "../../domain/summary/kpis.js";
import { buildMeetmomentSection } from "../../domain/summary/meetmomenten.js";
import { buildOverstapYearSection } from "../../domain/summary/overstap-year.js";
import { parseSummaryData, type DddRegionProgress, type KpiMeasurement, type SectionDataOf, type SummaryData, type SummaryPeriod, type SummarySectionId } from "../../domain/summary/types.js";
import { listStuurgroepCases } from "../cases/index.js";
import type { SummarySources } from "./sources.js";

/**
 * The sections of the weekly summary, as providers in ONE list (SUMMARY_SECTION_FACTORIES).
 * A provider builds its section's data for a period, or returns null when its data source does
 * not exist (yet): the section is then left out of the card, never filled with made-up figures.
 * Adding a section = a provider here + its data shape in domain/summary/types.ts + its part of
 * the card and the export.
 */
export type SummarySectionProvider<Id extends SummarySectionId> = {
  id: Id;
  title: string;
  build(db: Db, period: SummaryPeriod, now: Date): Promise<SectionDataOf<Id> | null>;
};

/** Any one of the providers (a union, so the list keeps each provider's own data type). */
export type SummarySection = { [Id in SummarySectionId]: SummarySectionProvider<Id> }[SummarySectionId];

export type SummaryContext = { calendar: WorkCalendar; sources: SummarySources };

const PREVIOUS_DDD_YEARS = 3;

function shiftSchoolYear(label: string, years: number) {
  return formatSchoolYear(parseSchoolYear(label).startYear + years);
}

export function createDddSection(ctx: SummaryContext): SummarySectionProvider<"ddd"> {
  return {
    id: "ddd",
    title: "DDD en overstap",
    async build(db, period, now) {
      const load = ctx.sources.loadDddRegionProgress;
      if (!load) return null;
      const current = await load(db, { schoolYear: period.schoolYear, asOf: now });
      if (!current) return null;
      // Earlier years are compared up to their deadline ("vorig jaar" on the same day, which is on
      // or before it; the finals on it), so their spring and summer are not read; the two before
      // last year only count in the finals, after this year's deadline.
      const afterDeadline = toIsoDate(now, ctx.calendar.zone) > current.deadline;
      const previousYears: DddRegionProgress[] = [];
      for (let back = 1; back <= (afterDeadline ? PREVIOUS_DDD_YEARS : 1); back++) {
        const year = await load(db, { schoolYear: shiftSchoolYear(period.schoolYear, -back), asOf: now, through: shiftIsoDateYears(current.deadline, -back) });
        if (year) previousYears.push(year);
      }
      const ddd = await findActivity(db, DDD_NORM_KPIS.activityId);
      const toNorm = (target: ResolvedTarget | null): DddNorm => (target ? { value: target.value, normFrom: target.defaulted ? target.schoolYear : null } : null);
      const targets = resolveDddNormTargets(ddd, period.schoolYear);
      return buildDddSection({
        current,
        previousYears,
        asOf: toIsoDate(now, ctx.calendar.zone),
        previousAsOf: toIsoDate(new Date(period.from), ctx.calendar.zone),
        norms: { completed: toNorm(targets.completed), inBeeld: toNorm(targets.inBeeld) },
        normOf: (schoolYear) => resolveDddNormTargets(ddd, schoolYear).completed?.value ?? null,
      });
    },
  };
}

/** The overstap year: its phase now and the figures of every phase that has begun (issue 18). */
export function createOverstapYearSection(ctx: SummaryContext): SummarySectionProvider<"overstapjaar"> {
  return {
    id: "overstapjaar",
    title: "Het overstapjaar",
    async build(db, _period, now) {
      const load = ctx.sources.loadOverstapYears;
      if (!load) return null;
      return buildOverstapYearSection({ asOf: toIsoDate(now, ctx.calendar.zone), years: await load(db, { asOf: now }) });
    },
  };
}

/** The escalation section reads the cases directly: escalation (issue 6) is on main. */
export function createEscalationSection(ctx: SummaryContext): SummarySectionProvider<"escalaties"> {
  return {
    id: "escalaties",
    title: "Escalaties",
    async build(db, period, now) {
      const [changes, open, stuurgroep, earlier] = await Promise.all([
        countCaseChangesBetween(db, new Date(period.from), now),
        listUnresolvedCaseLevels(db),
        listStuurgroepCases(db),
        listWeeklySummariesBefore(db, period.weekStart, ESCALATION_TREND_WEEKS - 1),
      ]);
      const activityNames = await findActivityNames(db, [...new Set(stuurgroep.filter((c) => !c.school && c.activityId).map((c) => c.activityId!))]);
      const history = earlier
        .reverse()
        .flatMap((row) => {
          const section = readStoredSections(row.data).find((s) => s.id === "escalaties");
          return section && section.id === "escalaties" ? [{ label: `w${row.week}`, open: section.data.openTotal, opened: section.data.opened }] : [];
        });
      return buildEscalationSection({
        opened: changes.opened,
        resolved: changes.resolved,
        open,
        stuurgroep: stuurgroep.map((c) => ({
          caseId: c.id,
          name: c.school?.naam ?? (c.activityId ? (activityNames.get(c.activityId) ?? c.subjectLabel) : c.subjectLabel),
          type: c.type,
          since: toIsoDate(c.levelSince, ctx.calendar.zone),
          owner: c.owner?.naam ?? null,
        })),
        history,
        currentLabel: `w${period.week}`,
      });
    },
  };
}

export function createMeetmomentSection(ctx: SummaryContext): SummarySectionProvider<"meetmomenten"> {
  return {
    id: "meetmomenten",
    title: "Meetmomenten",
    async build(db, period, now) {
      const list = ctx.sources.listMeetmomentRounds;
      if (!list) return null;
      const rounds = await list(db, { schoolYear: period.schoolYear, asOf: now });
      return buildMeetmomentSection(rounds, toIsoDate(now, ctx.calendar.zone));
    },
  };
}

export function createKpiSection(ctx: SummaryContext): SummarySectionProvider<"kpis"> {
  return {
    id: "kpis",
    title: "KPI's per activiteit",
    async build(db, period, now) {
      const catalogue = await listActivities(db);
      if (catalogue.length === 0) return null;
      const list = ctx.sources.listLatestMeasurements;
      const from = getSchoolYearDays(shiftSchoolYear(period.schoolYear, -1)).firstDay;
      const measurements = list ? await list(db, { from, asOf: now }) : null;
      // The year's view: the activities running in it, and one that is not (ended, or continued
      // in a later period) only with figures reported in or about that year: its history.
      const periods = listProgrammePeriods(catalogue);
      const ofYear = (m: KpiMeasurement) => describedYearOf(m) === period.schoolYear || getSchoolYear(m.measuredOn) === period.schoolYear;
      const activities = catalogue.filter((a) => isActivityRunning(a, period.schoolYear, periods) || (measurements ?? []).some((m) => m.activityId === a.id && ofYear(m)));
      return buildKpiSection(activities, { schoolYear: period.schoolYear, asOf: toIsoDate(now, ctx.calendar.zone), measurements });
    },
  };
}

/** Every section of the summary, in the order the card shows them. */
export const SUMMARY_SECTION_FACTORIES: readonly ((ctx: SummaryContext) => SummarySection)[] = [createDddSection, createOverstapYearSection, createEscalationSection, createMeetmomentSection, createKpiSection];

export function listSummarySections(ctx: SummaryContext): SummarySection[] {
  return SUMMARY_SECTION_FACTORIES.map((create) => create(ctx));
}

/** The sections of a stored summary; [] for a row this version cannot read (the trend then starts later). */
function readStoredSections(json: string): SummaryData["sections"] {
  try {
    return parseSummaryData(json).sections;
  } catch {
    return [];
  }
}
