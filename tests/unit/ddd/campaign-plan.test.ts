import { describe, expect, it } from "vitest";
import { CalendarError } from "../../../src/domain/calendar/index.js";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { buildDecaanCardData } from "../../../src/cards/ddd-decaan-card.js";
import { buildCampaignIndex, buildCampaignPlan, forecastCompletion, planDossierRoute } from "../../../src/domain/ddd/index.js";
import { describeNonWorkingDay } from "../../../src/domain/calendar/index.js";
import { zuid, zuidLimburg, zuidLimburgTiming } from "./zuid-calendar.js";

const year = (label: string) => label as SchoolYearLabel;

describe("the DDD campaign plan", () => {
  // Issue 18: the campaign used to start on the first working day of February and reserve the
  // mbo's 11 working days before 1 April, so its own rule made the first message say "too late".
  // It now starts after the kerstvakantie, with a step in January.
  it("puts every step of 2026-2027 on its working day, from the first working day after the kerstvakantie", () => {
    const plan = buildCampaignPlan(year("2026-2027"), zuid);
    expect(plan.startDay).toBe("2027-01-04");
    expect(plan.deadlineDay).toBe("2027-04-01");
    expect(plan.deadlineLabel).toBe("1 april");
    expect(plan.steps.map((s) => [s.id, s.sendDay])).toEqual([
      ["start", "2027-01-04"],
      ["w10", "2027-01-21"],
      ["w6", "2027-02-18"],
      ["w4", "2027-03-04"],
      ["w2", "2027-03-18"],
      ["w1", "2027-03-25"],
      // 3 working days before Thursday 1 April is Friday 26 March: Tweede Paasdag and the weekend do not count.
      ["wd3", "2027-03-26"],
      ["wd1", "2027-03-31"],
      ["deadline", "2027-04-01"],
    ]);
  });

  it("defers a step that falls in carnaval to the next working day", () => {
    // 2025-2026: six weeks before 1 April is Wednesday 18 February, in the voorjaarsvakantie (14-22 Feb).
    const plan = buildCampaignPlan(year("2025-2026"), zuid);
    const w6 = plan.steps.find((s) => s.id === "w6")!;
    expect(w6).toMatchObject({ scheduledDay: "2026-02-18", sendDay: "2026-02-23" });
  });

  it("moves the last call back to the last working day when the deadline is a Saturday, where it merges with the day before", () => {
    const plan = buildCampaignPlan(year("2027-2028"), zuid);
    expect(plan.deadlineDay).toBe("2028-04-01");
    const last = plan.steps.filter((s) => s.sendDay === "2028-03-31").map((s) => s.id);
    expect(last).toEqual(["wd1", "deadline"]);
  });

  it("works back from the deadline with Intergrip's lead times; the mbo's handling comes after the aanmelding", () => {
    // Region Zuid-Limburg: Goede Vrijdag (26 March 2027) and Tweede Paasdag (29 March) are no working days.
    const plan = buildCampaignPlan(year("2026-2027"), zuidLimburg, { timing: zuidLimburgTiming });
    expect(plan.milestones.map((m) => [m.id, m.amount, m.unit, m.latestStart, m.latestEnd])).toEqual([
      ["deelA", 14, "dagen", "2027-03-02", "2027-03-16"],
      ["deelB", 5, "werkdagen", "2027-03-16", "2027-03-23"],
      ["akkoord", 5, "werkdagen", "2027-03-23", "2027-04-01"],
      ["mbo", 11, "werkdagen", "2027-04-01", "2027-04-16"],
    ]);
    // Part A's latest start lies eight weeks after the campaign's start: the first message is no warning of being late.
    expect(plan.startDay).toBe("2027-01-04");
  });

  it("plans the registration phase: after the herfstvakantie, a reminder ten working days before the kerstvakantie", () => {
    const plan = buildCampaignPlan(year("2026-2027"), zuidLimburg, { timing: zuidLimburgTiming });
    // Herfstvakantie Zuid 17-25 October 2026, kerstvakantie 19 December 2026 - 3 January 2027.
    expect(plan.registration.steps.map((s) => [s.id, s.sendDay, s.onlyUnregistered])).toEqual([
      ["registratie", "2026-10-26", false],
      ["registratie-herinnering", "2026-12-07", true],
    ]);
    const later = buildCampaignPlan(year("2026-2027"), zuidLimburg, { timing: { registrationAfterHerfstvakantie: 6, reminderBeforeKerstvakantie: 5, campaignAfterKerstvakantie: 6 } });
    expect([later.registration.startDay, later.registration.reminderDay, later.startDay]).toEqual(["2026-11-02", "2026-12-14", "2027-01-11"]);
    // A school year the holiday file does not cover yet still gets its phases (end of October, Christmas).
    const uncovered = buildCampaignPlan(year("2031-2032"), zuidLimburg);
    expect([uncovered.registration.startDay, uncovered.registration.reminderDay, uncovered.startDay]).toEqual(["2031-11-03", "2031-12-10", "2032-01-02"]);
  });

  it("keeps Goede Vrijdag free in region Zuid-Limburg, and the deadline steps still come before 1 April", () => {
    expect(describeNonWorkingDay("2027-03-26", zuidLimburg)).toBe("Goede Vrijdag");
    const plan = buildCampaignPlan(year("2026-2027"), zuidLimburg, { timing: zuidLimburgTiming });
    expect(plan.steps.map((s) => s.sendDay)).not.toContain("2027-03-26");
    // Three working days before Thursday 1 April: Wednesday 31, Tuesday 30 and Thursday 25 March.
    expect(plan.steps.filter((s) => s.sendDay >= "2027-03-25").map((s) => [s.id, s.sendDay])).toEqual([
      ["w1", "2027-03-25"],
      ["wd3", "2027-03-25"],
      ["wd1", "2027-03-31"],
      ["deadline", "2027-04-01"],
    ]);
    // A step meant for Goede Vrijdag itself goes out on the next working day, Tuesday 30 March.
    const custom = buildCampaignPlan(year("2026-2027"), zuidLimburg, {
      steps: [
        { id: "start", at: { kind: "start" }, title: "Start", leadTimeWarning: false, escalation: "none" },
        { id: "gv", at: { kind: "weeksBefore", weeks: 1 }, title: "Nog een week", leadTimeWarning: false, escalation: "none" },
      ],
      deadline: "04-02",
    });
    expect(custom.steps.find((s) => s.id === "gv")).toMatchObject({ scheduledDay: "2027-03-26", sendDay: "2027-03-30" });
  });

  it("gives a dossier that has not started the fastest way still open, never none", () => {
    const plan = buildCampaignPlan(year("2026-2027"), zuidLimburg, { timing: zuidLimburgTiming });
    expect(planDossierRoute(plan, "2027-03-02", zuidLimburg)).toMatchObject({ kind: "op-schema", phases: [{ id: "deelA", start: "2027-03-02" }, { id: "deelB" }, { id: "akkoord", end: "2027-04-01" }] });
    // Thursday 25 March: four working days left (25, 30, 31 March and 1 April).
    expect(planDossierRoute(plan, "2027-03-25", zuidLimburg)).toEqual({
      kind: "spoed",
      workingDaysLeft: 4,
      phases: [
        { id: "deelA", label: "deel A (leerling)", start: "2027-03-25", end: "2027-03-30" },
        { id: "deelB", label: "deel B (mentor of zorgcoördinator)", start: "2027-03-31", end: "2027-03-31" },
        { id: "akkoord", label: "akkoordverklaring (leerling)", start: "2027-04-01", end: "2027-04-01" },
      ],
    });
    // On the deadline day itself everything fits in that one day.
    expect(planDossierRoute(plan, "2027-04-01", zuidLimburg).phases.map((p) => [p.start, p.end])).toEqual([
      ["2027-04-01", "2027-04-01"],
      ["2027-04-01", "2027-04-01"],
      ["2027-04-01", "2027-04-01"],
    ]);
  });

  it("takes a configured start and deadline, and leaves out steps before the start", () => {
    const late = buildCampaignPlan(year("2026-2027"), zuid, { start: "03-01" });
    expect(buildCampaignPlan(year("2026-2027"), zuid, { start: "02-01" }).steps.map((s) => s.id)).toEqual(["start", "w6", "w4", "w2", "w1", "wd3", "wd1", "deadline"]);
    expect(late.startDay).toBe("2027-03-01");
    expect(late.steps.map((s) => s.id)).toEqual(["start", "w4", "w2", "w1", "wd3", "wd1", "deadline"]);
    const later = buildCampaignPlan(year("2026-2027"), zuid, { deadline: "04-15" });
    expect(later.steps.find((s) => s.id === "w6")!.sendDay).toBe("2027-03-04");
    // 3 working days before Thursday 15 April 2027: Monday 12 April.
    expect(later.steps.find((s) => s.id === "wd3")!.sendDay).toBe("2027-04-12");
  });

  it("refuses a start after the deadline and malformed dates, in Dutch", () => {
    expect(() => buildCampaignPlan(year("2026-2027"), zuid, { start: "04-10" })).toThrow(CalendarError);
    expect(() => buildCampaignPlan(year("2026-2027"), zuid, { deadline: "4 april" })).toThrow(/verwacht MM-DD/);
    expect(() => buildCampaignPlan(year("2026-2027"), zuid, { deadline: "02-30" })).toThrow(/Ongeldige DDD-deadline/);
  });

  it("does not say 'vandaag' or 'morgen' on a day that is not the day before or of the deadline", () => {
    // 2027-2028: the deadline is Saturday 1 April 2028; its last call goes out on Friday 31 March.
    const plan = buildCampaignPlan(year("2027-2028"), zuid);
    const last = plan.steps.find((s) => s.id === "deadline")!;
    expect(last).toMatchObject({ sendDay: "2028-03-31", title: "Laatste oproep: zaterdag 1 april is de DDD-deadline" });
    expect(plan.steps.find((s) => s.id === "wd1")!.title).toBe("Morgen is de DDD-deadline");
    const today = "2028-03-31";
    const forecast = forecastCompletion({ points: [{ day: "2028-03-27", afgerond: 40, overstappers: 50 }], today, deadlineDay: plan.deadlineDay, normPercent: 97, index: buildCampaignIndex(plan, zuid) });
    const card = buildDecaanCardData({
      school: { id: 1, naam: "Graaf Huyn Vmbo Geleen", brin: "10AA" },
      schoolYear: "2027-2028",
      figures: { overstappers: 50, gestart: 50, deelB: 45, afgerond: 40, inBeeld: 50 },
      version: 1,
      sourceLabel: null,
      forecast,
      plan,
      today,
      route: planDossierRoute(plan, today, zuid),
      kind: "herinnering",
      step: last,
      greetingName: "Anouk",
      change: null,
      groups: [],
      inBeeldNorm: 98,
      canEdit: true,
      canAskHelp: true,
      snoozesLeft: 2,
      contact: "projectteam",
    });
    expect(card.subtitle).toBe("Laatste oproep: zaterdag 1 april is de DDD-deadline");
    expect(card.intro).toBe(
      "Hallo Anouk, uiterlijk zaterdag 1 april moeten alle digitale doorstroomdossiers van Graaf Huyn Vmbo Geleen gevuld en aangeleverd zijn aan het mbo, en vandaag is de laatste werkdag daarvoor. Dit is de laatste herinnering.",
    );
    // 2029-2030: the deadline is Monday 1 April 2030; the step one working day before goes out on Friday 29 March.
    const monday = buildCampaignPlan(year("2029-2030"), zuid);
    expect(monday.steps.find((s) => s.id === "wd1")).toMatchObject({ sendDay: "2030-03-29", title: "Maandag 1 april is de DDD-deadline" });
    expect(monday.steps.find((s) => s.id === "deadline")!.title).toBe("Laatste oproep: vandaag is de DDD-deadline");
  });
});
