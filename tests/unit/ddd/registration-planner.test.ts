import { describe, expect, it } from "vitest";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { buildCampaignPlan, planRegistrationReminders, type CampaignTarget, type DddFigures, type ReminderHistoryEntry } from "../../../src/domain/ddd/index.js";
import { amsterdam, zuidLimburg, zuidLimburgTiming } from "./zuid-calendar.js";

const plan = buildCampaignPlan("2026-2027" as SchoolYearLabel, zuidLimburg, { timing: zuidLimburgTiming });
const figures = (overstappers: number): DddFigures => ({ overstappers, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 0 });
const school = (schoolId: number, f: DddFigures | null): CampaignTarget => ({ key: `school:${schoolId}`, kind: "school", schoolId, mentorGroup: null, figures: f, points: [] });
const group: CampaignTarget = { key: "groep:1:4A", kind: "groep", schoolId: 1, mentorGroup: "4A", figures: null, points: [] };
const sent = (targetKey: string, day: string, coveredSteps: string[]): ReminderHistoryEntry => ({ targetKey, day, kind: "herinnering", coveredSteps });
const at = (local: string, targets: CampaignTarget[], history: ReminderHistoryEntry[] = []) => planRegistrationReminders({ now: amsterdam(local), plan, calendar: zuidLimburg, targets, history });

describe("the registration phase's planner", () => {
  const targets = [school(1, null), group, school(2, figures(40)), school(3, figures(0))];

  it("waits for the first working day after the herfstvakantie, then asks every school's decanen, not the mentors, once", () => {
    expect(at("2026-10-23T08:15", targets)).toMatchObject({ phase: "registratie", status: "voor-start", items: [] });
    expect(at("2026-10-24T08:15", targets).status).toBe("voor-start");
    const first = at("2026-10-26T08:15", targets);
    expect(first.items.map((i) => [i.targetKey, i.action, i.stepId, i.firstMessage, i.reason])).toEqual([
      ["school:1", "herinnering", "registratie", true, "nog niets geregistreerd"],
      ["school:2", "herinnering", "registratie", true, "40 overstappers geregistreerd"],
      ["school:3", "stil", null, true, "geen overstappers"],
    ]);
    const history = first.items.map((i) => sent(i.targetKey, "2026-10-26", i.coveredSteps));
    expect(at("2026-10-26T14:00", targets, history).alreadyToday).toEqual(["school:1", "school:2", "school:3"]);
    expect(at("2026-11-16T08:15", targets, history).items).toEqual([]);
  });

  it("reminds only a school without a registration on the reminder day; a registered school's reminder is settled silently", () => {
    const history = ["school:1", "school:2", "school:3"].map((key) => sent(key, "2026-10-26", ["registratie"]));
    const reminder = at("2026-12-07T08:15", [school(1, null), school(2, figures(40)), school(3, figures(0)), school(4, figures(25))], [...history, sent("school:4", "2026-10-26", ["registratie"])]);
    expect(reminder.items.map((i) => [i.targetKey, i.action, i.stepId, i.firstMessage])).toEqual([
      ["school:1", "herinnering", "registratie-herinnering", false],
      ["school:2", "stil", null, false],
      ["school:3", "stil", null, false],
      ["school:4", "stil", null, false],
    ]);
  });

  it("gives a school added after the reminder day one message, the ask itself, covering both steps; nothing in the kerstvakantie or from the campaign's start", () => {
    const late = at("2026-12-10T08:15", [school(9, null)]);
    expect(late.items.map((i) => [i.stepId, i.coveredSteps, i.firstMessage, i.late])).toEqual([["registratie", ["registratie", "registratie-herinnering"], true, true]]);
    expect(at("2026-12-21T08:15", [school(9, null)])).toMatchObject({ status: "geen-werkmoment", items: [] });
    expect(at("2027-01-04T08:15", [school(9, null)]).items).toEqual([]);
  });
});
