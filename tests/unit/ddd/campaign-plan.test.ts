import { describe, expect, it } from "vitest";
import { CalendarError } from "../../../src/domain/calendar/index.js";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { buildDecaanCardData } from "../../../src/cards/ddd-decaan-card.js";
import { buildCampaignIndex, buildCampaignPlan, forecastCompletion } from "../../../src/domain/ddd/index.js";
import { zuid } from "./zuid-calendar.js";

const year = (label: string) => label as SchoolYearLabel;

describe("the DDD campaign plan", () => {
  it("puts every step of 2026-2027 on its working day", () => {
    const plan = buildCampaignPlan(year("2026-2027"), zuid);
    expect(plan.startDay).toBe("2027-02-01");
    expect(plan.deadlineDay).toBe("2027-04-01");
    expect(plan.deadlineLabel).toBe("1 april");
    expect(plan.steps.map((s) => [s.id, s.sendDay])).toEqual([
      ["start", "2027-02-01"],
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

  it("works back from the deadline with the DDD lead times: part A must start by mid-February", () => {
    const plan = buildCampaignPlan(year("2026-2027"), zuid);
    expect(plan.milestones.map((m) => [m.id, m.latestStart, m.latestEnd])).toEqual([
      ["deelA", "2027-02-16", "2027-03-02"],
      ["deelB", "2027-03-02", "2027-03-09"],
      ["akkoord", "2027-03-09", "2027-03-16"],
      ["mbo", "2027-03-16", "2027-04-01"],
    ]);
  });

  it("takes a configured start and deadline, and leaves out steps before the start", () => {
    const late = buildCampaignPlan(year("2026-2027"), zuid, { start: "03-01" });
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
