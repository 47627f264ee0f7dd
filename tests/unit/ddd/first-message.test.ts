import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { renderDecaanCard } from "../../../src/cards/ddd-decaan-card.js";
import { renderMentorCard } from "../../../src/cards/ddd-mentor-card.js";
import { renderRegistratieCard } from "../../../src/cards/ddd-registratie-card.js";
import {
  createWorkCalendar,
  getPublicHolidays,
  listWorkingDays,
  parseSchoolHolidays,
  SCHOOL_HOLIDAY_REGIONS,
  type SchoolYearLabel,
  type WorkCalendar,
} from "../../../src/domain/calendar/index.js";
import {
  buildCampaignIndex,
  buildCampaignPlan,
  forecastCompletion,
  planDossierRoute,
  planRegistrationReminders,
  planReminders,
  type CampaignPlan,
  type CampaignTarget,
  type DddFigures,
} from "../../../src/domain/ddd/index.js";
import { listExtraDaysOff } from "../../../src/domain/region.js";
import { cardText } from "../../support/ddd.js";
import { amsterdam } from "./zuid-calendar.js";

/**
 * Issue 18: "a first message is always actionable". Over school years, holiday regions (with
 * and without Goede Vrijdag off), campaign starts in the setting's range and school states
 * (figures of every shape, nothing imported, a late import, a school added mid-campaign: all a
 * first message on some working day of the phase), no school is told it is too late by the first
 * message it gets: the plan has a way to the deadline on every such day, and the rendered card
 * shows it and says nothing like "te laat".
 */

const TOO_LATE = /te laat|haalt \d+ \w+ niet|uiterste start was|alleen nog met voorrang|niet meer (op tijd|halen)/i;
const YEARS = ["2025-2026", "2026-2027", "2027-2028", "2028-2029"] as SchoolYearLabel[];

const calendars: { name: string; cal: WorkCalendar }[] = SCHOOL_HOLIDAY_REGIONS.flatMap((region) => {
  const data = parseSchoolHolidays(readFileSync(new URL(`../../../src/data/schoolvakanties-${region}.yaml`, import.meta.url), "utf8"));
  const base = { schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears };
  const goedeVrijdag = { extraVrijeDagen: [{ naam: "Goede Vrijdag", dagenVanafPasen: -2 }] };
  return [
    { name: region, cal: createWorkCalendar(base) },
    { name: `${region} + Goede Vrijdag`, cal: createWorkCalendar({ ...base, publicHolidays: (year) => [...getPublicHolidays(year), ...listExtraDaysOff(goedeVrijdag, year)] }) },
  ];
});

const plans = new Map<string, CampaignPlan>();
function planOf(year: SchoolYearLabel, c: number, after: number): CampaignPlan {
  const key = `${year}|${c}|${after}`;
  let plan = plans.get(key);
  if (!plan) plans.set(key, (plan = buildCampaignPlan(year, calendars[c]!.cal, { timing: { campaignAfterKerstvakantie: after } })));
  return plan;
}

/** Figures of every shape the rules allow, or none (nothing imported). */
const figuresArb: fc.Arbitrary<DddFigures | null> = fc.option(
  fc
    .record({ overstappers: fc.integer({ min: 1, max: 300 }), a: fc.double({ min: 0, max: 1, noNaN: true }), b: fc.double({ min: 0, max: 1, noNaN: true }), c: fc.double({ min: 0, max: 1, noNaN: true }), d: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ overstappers, a, b, c, d }) => {
      const gestart = Math.floor(overstappers * a);
      const deelB = Math.floor(gestart * b);
      const afgerond = Math.floor(deelB * c);
      return { overstappers, gestart, deelB, afgerond, inBeeld: Math.floor(overstappers * d) };
    }),
  { nil: null },
);

const caseArb = fc.record({
  year: fc.constantFrom(...YEARS),
  c: fc.integer({ min: 0, max: calendars.length - 1 }),
  after: fc.integer({ min: 1, max: 20 }),
  /** Where in the campaign the school's first message falls (0 = its start; later = a late import or a school added mid-campaign). */
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  figures: figuresArb,
  /** Figures imported some days before the first message (a pace), or only that day. */
  history: fc.boolean(),
});

describe("a first message is always actionable", () => {
  it("the plan starts well before part A's latest start, and has a way to the deadline from every working day of the campaign", () => {
    fc.assert(
      fc.property(fc.constantFrom(...YEARS), fc.integer({ min: 0, max: calendars.length - 1 }), fc.integer({ min: 1, max: 20 }), (year, c, after) => {
        const { cal } = calendars[c]!;
        const plan = planOf(year, c, after);
        expect(plan.startDay < plan.deadlineDay).toBe(true);
        expect(planDossierRoute(plan, plan.startDay, cal).kind).toBe("op-schema");
        for (const day of listWorkingDays(plan.startDay, plan.deadlineDay, cal)) {
          const route = planDossierRoute(plan, day, cal);
          expect(route.workingDaysLeft).toBeGreaterThanOrEqual(1);
          expect(route.phases.map((p) => p.id)).toEqual(["deelA", "deelB", "akkoord"]);
          for (const [i, p] of route.phases.entries()) {
            expect(p.start <= p.end, `${day} ${p.id}`).toBe(true);
            expect(p.end <= plan.deadlineDay, `${day} ${p.id}`).toBe(true);
            if (route.kind === "spoed") expect(p.start >= day, `${day} ${p.id}`).toBe(true);
            if (i > 0) expect(p.start >= route.phases[i - 1]!.end, `${day} ${p.id}`).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it("the decaan's and mentor's first card of the campaign shows the way to the deadline and never says 'te laat'", () => {
    fc.assert(
      fc.property(caseArb, ({ year, c, after, at, figures, history }) => {
        const { cal } = calendars[c]!;
        const plan = planOf(year, c, after);
        const days = listWorkingDays(plan.startDay, plan.deadlineDay, cal);
        const today = days[Math.min(days.length - 1, Math.floor(at * days.length))]!;
        const earlier = days[Math.max(0, days.indexOf(today) - 10)]!;
        const points = figures ? [...(history && earlier < today ? [{ day: earlier, afgerond: Math.floor(figures.afgerond / 2), overstappers: figures.overstappers }] : []), { day: today, afgerond: figures.afgerond, overstappers: figures.overstappers }] : [];
        const school: CampaignTarget = { key: "school:1", kind: "school", schoolId: 1, mentorGroup: null, figures, points };
        const group: CampaignTarget = { key: "groep:1:4A", kind: "groep", schoolId: 1, mentorGroup: "4A", figures, points: [] };
        const index = buildCampaignIndex(plan, cal);
        const run = planReminders({ now: amsterdam(`${today}T08:15`), plan, calendar: cal, targets: [school, group], history: [], normPercent: 97, index });
        expect(run.status).toBe("actief");
        const route = planDossierRoute(plan, today, cal);
        const forecast = forecastCompletion({ points, today, deadlineDay: plan.deadlineDay, normPercent: 97, index });
        for (const item of run.items.filter((i) => i.action === "herinnering")) {
          expect(item.firstMessage).toBe(true);
          const step = plan.steps.find((s) => s.id === item.stepId)!;
          const base = { schoolYear: year, figures, version: 1, sourceLabel: null, forecast, plan, today, route, kind: "herinnering" as const, step, firstMessage: true, greetingName: "Anouk", change: null, canAskHelp: true, contact: "projectteam" };
          const card =
            item.kind === "school"
              ? renderDecaanCard({ ...base, school: { id: 1, naam: "Graaf Huyn Vmbo Geleen", brin: "10AA" }, groups: [], inBeeldNorm: 98, canEdit: true, snoozesLeft: 2 })
              : renderMentorCard({ ...base, school: { id: 1, naam: "Graaf Huyn Vmbo Geleen" }, mentorGroup: "4A", acknowledgedOn: null, canMarkDone: true });
          const text = cardText(card);
          expect(text, `${year} ${calendars[c]!.name} ${today}`).not.toMatch(TOO_LATE);
          expect(text).toContain(route.kind === "op-schema" ? `Reken terug vanaf ${plan.deadlineLabel}` : `De snelste weg naar ${plan.deadlineLabel}`);
          expect(JSON.stringify(card)).not.toContain("${");
        }
      }),
      { numRuns: 300 },
    );
  });

  it("the registration phase's first message and its reminder never say 'te laat'", () => {
    fc.assert(
      fc.property(caseArb, ({ year, c, after, at, figures }) => {
        const { cal } = calendars[c]!;
        const plan = planOf(year, c, after);
        const days = listWorkingDays(plan.registration.startDay, plan.startDay, cal).filter((d) => d < plan.startDay);
        const today = days[Math.min(days.length - 1, Math.floor(at * days.length))]!;
        const school: CampaignTarget = { key: "school:1", kind: "school", schoolId: 1, mentorGroup: null, figures, points: [] };
        const run = planRegistrationReminders({ now: amsterdam(`${today}T08:15`), plan, calendar: cal, targets: [school], history: [] });
        expect(run.status).toBe("actief");
        for (const item of run.items.filter((i) => i.action === "herinnering")) {
          const step = plan.registration.steps.find((s) => s.id === item.stepId)!;
          const card = renderRegistratieCard({ school: { id: 1, naam: "Graaf Huyn Vmbo Geleen" }, schoolYear: year, plan, step, firstMessage: item.firstMessage, figures, sourceLabel: null, greetingName: null, canAskHelp: true, contact: "projectteam" });
          const text = cardText(card);
          expect(item.firstMessage).toBe(true);
          expect(text).toContain("begint met de registratie");
          expect(text).not.toMatch(TOO_LATE);
          expect(JSON.stringify(card)).not.toContain("${");
        }
        // The reminder before the kerstvakantie, to a school that already had the first message.
        const reminder = plan.registration.steps.find((s) => s.onlyUnregistered);
        if (reminder) {
          const text = cardText(renderRegistratieCard({ school: { id: 1, naam: "Graaf Huyn Vmbo Geleen" }, schoolYear: year, plan, step: reminder, firstMessage: false, figures: null, sourceLabel: null, greetingName: null, canAskHelp: false, contact: "projectteam" }));
          expect(text).toContain("Zet vóór de kerstvakantie elke leerling");
          expect(text).not.toMatch(TOO_LATE);
        }
      }),
      { numRuns: 200 },
    );
  });
});
