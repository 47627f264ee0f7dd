import { readFileSync } from "node:fs";
import fc from "fast-check";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { createWorkCalendar, getOfficeWindow, isWorkingDay, listWorkingDays, parseSchoolHolidays, toIsoDate } from "../../../src/domain/calendar/index.js";
import { DEFAULT_ROUND_POLICY, planRoundSteps, planRoundTimeline, type RoundState } from "../../../src/domain/meetmomenten/plan.js";

const data = parseSchoolHolidays(readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
const cal = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });
const at = (local: string) => DateTime.fromISO(local, { zone: "Europe/Amsterdam" }).toJSDate();
const day = (d: Date) => toIsoDate(d, "Europe/Amsterdam");

const fresh: RoundState = { status: "nieuw", announced: false, remindersSent: 0, submitted: false };

describe("planRoundTimeline", () => {
  it("plans the DDD round of November 2026: notice 4 working days before, reminders at the midpoint and 3 working days later, closing after 10 working days", () => {
    const t = planRoundTimeline("2026-11-02", cal);
    expect(t.announceDay).toBe("2026-10-27");
    expect(t.announceAt).toEqual(at("2026-10-27T08:00"));
    expect(t.openAt).toEqual(at("2026-11-02T08:00"));
    expect(t.reminderDays).toEqual(["2026-11-09", "2026-11-12"]);
    expect(t.lastDay).toBe("2026-11-13");
    expect(t.closesAt).toEqual(at("2026-11-16T08:00"));
  });

  it("counts working days only: a round before the kerstvakantie reminds and closes after it", () => {
    const t = planRoundTimeline("2026-12-14", cal);
    expect(t.announceDay).toBe("2026-12-08");
    expect(t.reminderDays).toEqual(["2027-01-04", "2027-01-07"]);
    expect(t.lastDay).toBe("2027-01-08");
    expect(t.closesAt).toEqual(at("2027-01-11T08:00"));
  });

  it("skips the carnaval week (voorjaarsvakantie) for the verzuimconvenant peildatum 1 februari 2027", () => {
    const t = planRoundTimeline("2027-02-01", cal);
    expect(t.reminderDays).toEqual(["2027-02-15", "2027-02-18"]);
    expect(t.closesAt).toEqual(at("2027-02-22T08:00"));
  });

  it("follows the policy: a round of 4 working days gets one reminder on day 2", () => {
    const t = planRoundTimeline("2026-11-02", cal, { ...DEFAULT_ROUND_POLICY, closeAfterWorkingDays: 4 });
    expect(t.reminderDays).toEqual(["2026-11-04"]);
    expect(t.lastDay).toBe("2026-11-05");
  });

  it("only ever plans working moments: every notice, reminder and close is the start of office hours on a working day", () => {
    const openDays = listWorkingDays("2026-08-24", "2028-07-14", cal);
    fc.assert(
      fc.property(fc.constantFrom(...openDays), fc.integer({ min: 1, max: 30 }), (openDay, close) => {
        const t = planRoundTimeline(openDay, cal, { ...DEFAULT_ROUND_POLICY, closeAfterWorkingDays: close });
        for (const moment of [t.announceAt, t.openAt, ...t.reminderAts, t.closesAt]) {
          expect(isWorkingDay(moment, cal)).toBe(true);
          expect(moment).toEqual(getOfficeWindow(day(moment), cal).start);
        }
        expect(t.reminderAts.every((r) => r > t.openAt && r < t.closesAt)).toBe(true);
        expect(isWorkingDay(t.lastDay, cal)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});

describe("planRoundSteps", () => {
  const t = planRoundTimeline("2026-11-02", cal);

  it("does nothing before the notice, announces once, opens on the opening morning", () => {
    expect(planRoundSteps(fresh, t, at("2026-10-26T12:00"))).toEqual([]);
    expect(planRoundSteps(fresh, t, at("2026-10-27T08:10"))).toEqual([{ kind: "announce" }]);
    const announced: RoundState = { ...fresh, status: "gepland", announced: true };
    expect(planRoundSteps(announced, t, at("2026-10-30T08:10"))).toEqual([]);
    expect(planRoundSteps(announced, t, at("2026-11-02T08:10"))).toEqual([{ kind: "open", remindersDue: 0 }]);
  });

  it("reminds only owners who have not submitted, at the midpoint and 3 working days later", () => {
    const open: RoundState = { status: "open", announced: true, remindersSent: 0, submitted: false };
    expect(planRoundSteps(open, t, at("2026-11-06T16:00"))).toEqual([]);
    expect(planRoundSteps(open, t, at("2026-11-09T08:10"))).toEqual([{ kind: "remind", number: 1 }]);
    expect(planRoundSteps({ ...open, remindersSent: 1 }, t, at("2026-11-10T08:10"))).toEqual([]);
    expect(planRoundSteps({ ...open, remindersSent: 1 }, t, at("2026-11-12T08:10"))).toEqual([{ kind: "remind", number: 2 }]);
    expect(planRoundSteps({ ...open, submitted: true }, t, at("2026-11-12T08:10"))).toEqual([]);
  });

  it("catches up after a gap with one step: a late opening skips the reminders already due, a late reminder sends only the latest", () => {
    expect(planRoundSteps(fresh, t, at("2026-11-10T09:00"))).toEqual([{ kind: "open", remindersDue: 1 }]);
    const open: RoundState = { status: "open", announced: false, remindersSent: 0, submitted: false };
    expect(planRoundSteps(open, t, at("2026-11-13T09:00"))).toEqual([{ kind: "remind", number: 2 }]);
  });

  it("closes at the close moment, overdue only without a complete submission; a closed round is left alone", () => {
    const open: RoundState = { status: "open", announced: true, remindersSent: 2, submitted: false };
    expect(planRoundSteps(open, t, at("2026-11-15T20:00"))).toEqual([]);
    expect(planRoundSteps(open, t, at("2026-11-16T08:00"))).toEqual([{ kind: "close", overdue: true }]);
    expect(planRoundSteps({ ...open, submitted: true }, t, at("2026-11-16T08:10"))).toEqual([{ kind: "close", overdue: false }]);
    expect(planRoundSteps({ ...open, status: "gesloten" }, t, at("2026-11-20T08:10"))).toEqual([]);
  });

  it("never creates a round whose meetmoment closed before the job saw it", () => {
    expect(planRoundSteps(fresh, t, at("2026-11-16T08:10"))).toEqual([]);
    expect(planRoundSteps(fresh, t, at("2027-03-01T08:10"))).toEqual([]);
  });
});
