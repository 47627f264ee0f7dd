import { describe, expect, it } from "vitest";
import {
  buildCampaignIndex,
  buildCampaignPlan,
  planReminders,
  type CampaignTarget,
  type DddFigures,
  type DueSnooze,
  type ReminderHistoryEntry,
} from "../../../src/domain/ddd/index.js";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { amsterdam, zuid } from "./zuid-calendar.js";

// These tests cover the planner's rules on a campaign configured to start on 1 February (the
// default start moved to the first working day after the kerstvakantie in issue 18; the rules are
// the same, and a configured start is a supported setting). The default plan is tested below.
const plan = buildCampaignPlan("2026-2027" as SchoolYearLabel, zuid, { start: "02-01" });
const index = buildCampaignIndex(plan, zuid);

const figures = (overstappers: number, afgerond: number): DddFigures => ({ overstappers, gestart: overstappers, deelB: afgerond, afgerond, inBeeld: overstappers });
const school = (schoolId: number, f: DddFigures | null, points: CampaignTarget["points"] = []): CampaignTarget => ({
  key: `school:${schoolId}`,
  kind: "school",
  schoolId,
  mentorGroup: null,
  figures: f,
  points: f && points.length === 0 ? [{ day: "2027-01-25", afgerond: f.afgerond, overstappers: f.overstappers }] : points,
});
const group = (schoolId: number, name: string, f: DddFigures | null, extra: Partial<CampaignTarget> = {}): CampaignTarget => ({
  key: `groep:${schoolId}:${name}`,
  kind: "groep",
  schoolId,
  mentorGroup: name,
  figures: f,
  points: [],
  ...extra,
});

const targets: CampaignTarget[] = [
  school(1, figures(50, 20)),
  group(1, "4A", figures(25, 10)),
  school(2, figures(40, 40)),
  group(2, "EX1", null, { schoolComplete: true }),
  school(3, null),
  school(4, figures(0, 0)),
];

const plan$ = (now: Date, history: ReminderHistoryEntry[] = [], snoozes: DueSnooze[] = [], t: CampaignTarget[] = targets) =>
  planReminders({ now, plan, calendar: zuid, targets: t, history, snoozes, normPercent: 97, index });

const sent = (targetKey: string, day: string, coveredSteps: string[], kind: ReminderHistoryEntry["kind"] = "herinnering"): ReminderHistoryEntry => ({ targetKey, day, kind, coveredSteps });

describe("the DDD reminder planner", () => {
  it("does nothing before the campaign starts or after the deadline", () => {
    expect(plan$(amsterdam("2027-01-29T08:15"))).toMatchObject({ status: "voor-start", items: [], sendAt: null });
    expect(plan$(amsterdam("2027-04-02T08:15"))).toMatchObject({ status: "na-deadline", items: [] });
  });

  it("on the start day reminds the targets below 100 %, thanks the complete ones once, and skips a school without overstappers", () => {
    const result = plan$(amsterdam("2027-02-01T08:15"));
    expect(result.status).toBe("actief");
    expect(result.stepsToday.map((s) => s.id)).toEqual(["start"]);
    expect(result.items.map((i) => [i.targetKey, i.action, i.stepId, i.coveredSteps])).toEqual([
      ["school:1", "herinnering", "start", ["start"]],
      ["groep:1:4A", "herinnering", "start", ["start"]],
      ["school:2", "dank", "start", ["start"]],
      ["groep:2:EX1", "dank", "start", ["start"]],
      ["school:3", "herinnering", "start", ["start"]],
      ["school:4", "stil", "start", ["start"]],
    ]);
    expect(result.items.every((i) => i.sendAt.getTime() === amsterdam("2027-02-01T08:15").getTime())).toBe(true);
    expect(result.items.find((i) => i.targetKey === "school:3")!.reason).toBe("nog geen cijfers");
  });

  it("sends nothing in a weekend, in carnaval or after office hours, and names the next working moment", () => {
    const saturday = plan$(amsterdam("2027-02-06T08:15"));
    expect(saturday).toMatchObject({ status: "geen-werkmoment", items: [], sendAt: null });
    expect(saturday.nextSendMoment).toEqual(amsterdam("2027-02-15T08:00"));
    expect(plan$(amsterdam("2027-02-10T08:15"))).toMatchObject({ status: "geen-werkmoment", items: [] });
    expect(plan$(amsterdam("2027-03-04T18:00"))).toMatchObject({ status: "geen-werkmoment", items: [] });
  });

  it("before office hours plans for the opening of the office that same day", () => {
    const early = plan$(amsterdam("2027-02-01T06:30"));
    expect(early.status).toBe("actief");
    expect(early.items[0]!.sendAt).toEqual(amsterdam("2027-02-01T08:00"));
  });

  it("sends nothing between steps once a step is covered", () => {
    const history = [sent("school:1", "2027-02-01", ["start"]), sent("groep:1:4A", "2027-02-01", ["start"]), sent("school:2", "2027-02-01", ["start"], "dank"), sent("groep:2:EX1", "2027-02-01", ["start"], "dank"), sent("school:3", "2027-02-01", ["start"]), sent("school:4", "2027-02-01", ["start"], "stil")];
    expect(plan$(amsterdam("2027-02-02T08:15"), history).items).toEqual([]);
  });

  it("merges missed steps into one late reminder carrying the latest step", () => {
    const history = [sent("school:1", "2027-02-01", ["start"])];
    const result = plan$(amsterdam("2027-03-05T08:15"), history, [], [school(1, figures(50, 20))]);
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ action: "herinnering", stepId: "w4", coveredSteps: ["w6", "w4"], late: true, reason: "20 van 50 afgerond (40 %); 2 stappen samengevoegd" });
  });

  it("never sends a target two messages on one day", () => {
    const history = [sent("school:1", "2027-03-04", ["w4"])];
    const result = plan$(amsterdam("2027-03-04T14:00"), history, [], [school(1, figures(50, 20))]);
    expect(result.items).toEqual([]);
    expect(result.alreadyToday).toEqual(["school:1"]);
  });

  it("thanks a complete target only once and then settles its steps silently", () => {
    const history = [sent("school:2", "2027-02-01", ["start"], "dank")];
    const result = plan$(amsterdam("2027-02-18T08:15"), history, [], [school(2, figures(40, 40))]);
    expect(result.items.map((i) => [i.action, i.coveredSteps])).toEqual([["stil", ["w6"]]]);
  });

  it("thanks a target that completes between steps on the next working morning", () => {
    const history = [sent("school:1", "2027-02-01", ["start"])];
    const result = plan$(amsterdam("2027-02-03T08:15"), history, [], [school(1, figures(50, 50))]);
    expect(result.items.map((i) => [i.action, i.coveredSteps])).toEqual([["dank", []]]);
  });

  it("leaves a mentor group alone after 'Gedaan' until newer figures arrive", () => {
    const result = plan$(amsterdam("2027-02-18T08:15"), [sent("groep:1:4A", "2027-02-01", ["start"])], [], [group(1, "4A", figures(25, 10), { acknowledged: true })]);
    expect(result.items.map((i) => [i.action, i.reason])).toEqual([["stil", "mentor meldde gedaan; wacht op nieuwe cijfers"]]);
  });

  it("reminds a decaan who snoozed on the snooze day, and folds the snooze into a step that is due anyway", () => {
    const history = [sent("school:1", "2027-02-18", ["start", "w6"])];
    const snooze: DueSnooze = { id: 7, targetKey: "school:1", personId: 40, stepId: "w6", dueDay: "2027-02-19" };
    const later = plan$(amsterdam("2027-02-19T08:15"), history, [snooze], [school(1, figures(50, 20))]);
    expect(later.items.map((i) => [i.action, i.stepId, i.personIds, i.snoozeIds, i.coveredSteps])).toEqual([["later", "w6", [40], [7], []]]);
    // Not yet due the day before.
    expect(plan$(amsterdam("2027-02-18T16:00"), [], [snooze], [school(1, figures(50, 20))]).items[0]!.snoozeIds).toEqual([]);
    // A snooze due on a step day is covered by that step's reminder.
    const onStep = plan$(amsterdam("2027-03-04T08:15"), history, [{ ...snooze, dueDay: "2027-03-04" }], [school(1, figures(50, 20))]);
    expect(onStep.items.map((i) => [i.action, i.stepId, i.snoozeIds])).toEqual([["herinnering", "w4", [7]]]);
  });

  it("escalates after a step with an escalation rule when the forecast misses the norm", () => {
    const slow = school(1, figures(100, 40), [
      { day: "2027-02-15", afgerond: 30, overstappers: 100 },
      { day: "2027-03-01", afgerond: 40, overstappers: 100 },
    ]);
    const fast = school(5, figures(100, 60), [
      { day: "2027-02-15", afgerond: 20, overstappers: 100 },
      { day: "2027-03-01", afgerond: 60, overstappers: 100 },
    ]);
    const history = [sent("school:1", "2027-02-18", ["start", "w6"]), sent("school:5", "2027-02-18", ["start", "w6"]), sent("school:3", "2027-02-18", ["start", "w6"])];
    const result = plan$(amsterdam("2027-03-04T08:15"), history, [], [slow, fast, school(3, null)]);
    const escalations = Object.fromEntries(result.items.map((i) => [i.targetKey, i.escalation]));
    expect(escalations["school:5"]).toBeNull();
    expect(escalations["school:1"]).toMatchObject({ basis: "forecast", stepId: "w4", severity: "hoog" });
    expect(escalations["school:1"]!.reason).toBe('DDD onder de norm na "Nog 4 weken tot de DDD-deadline": 40 van 100 afgerond (40 %), prognose 1 april 62 %; norm 97 %.');
    expect(escalations["school:3"]!.reason).toContain("er zijn geen DDD-cijfers bekend");
    // The start and six-week steps never escalate.
    expect(plan$(amsterdam("2027-02-01T08:15"), [], [], [slow]).items[0]!.escalation).toBeNull();
  });

  it("marks a target's first message of the campaign, also a late one, and only that one", () => {
    const january = buildCampaignPlan("2026-2027" as SchoolYearLabel, zuid);
    const at = (now: Date, history: ReminderHistoryEntry[], t: CampaignTarget[]) => planReminders({ now, plan: january, calendar: zuid, targets: t, history, normPercent: 97 });
    const start = at(amsterdam("2027-01-04T08:15"), [], [school(1, figures(50, 0))]);
    expect(start.items.map((i) => [i.stepId, i.firstMessage])).toEqual([["start", true]]);
    // A school imported late (or added mid-campaign) gets its first message on 18 March, merging every step so far.
    const late = at(amsterdam("2027-03-18T08:15"), [], [school(6, figures(30, 0))]);
    expect(late.items.map((i) => [i.stepId, i.coveredSteps, i.firstMessage])).toEqual([["w2", ["start", "w10", "w6", "w4", "w2"], true]]);
    // The registration phase's messages do not count: the campaign's first message is still the first.
    expect(at(amsterdam("2027-01-04T08:15"), [sent("school:1", "2026-10-26", ["registratie"])], [school(1, figures(50, 0))]).items[0]!.firstMessage).toBe(true);
    expect(at(amsterdam("2027-01-21T08:15"), [sent("school:1", "2027-01-04", ["start"])], [school(1, figures(50, 0))]).items[0]!.firstMessage).toBe(false);
  });

  it("judges the deadline itself on the actual figure", () => {
    const history = [sent("school:1", "2027-03-31", ["start", "w6", "w4", "w2", "w1", "wd3", "wd1"])];
    const result = plan$(amsterdam("2027-04-01T08:15"), history, [], [school(1, figures(100, 96))]);
    expect(result.items[0]).toMatchObject({ action: "herinnering", stepId: "deadline", escalation: { basis: "actual", severity: "hoog" } });
  });
});
