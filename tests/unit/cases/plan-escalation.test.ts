import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { createWorkCalendar, parseSchoolHolidays } from "../../../src/domain/calendar/index.js";
import { computeDueAt, getEscalationPolicy, planEscalation, type CaseSnapshot } from "../../../src/domain/cases/index.js";

const data = parseSchoolHolidays(readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
const cal = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });
const policy = getEscalationPolicy("2026-1");

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
function local(date: Date): string {
  return DateTime.fromJSDate(date, { zone: "Europe/Amsterdam" }).toFormat("yyyy-MM-dd'T'HH:mm");
}
function snapshot(patch: Partial<CaseSnapshot>): CaseSnapshot {
  return { id: 1, state: "open", level: -1, levelSince: at("2026-12-16T10:00"), pausedUntil: null, pausedFrom: null, policyVersion: "2026-1", round: 1, ...patch };
}

describe("the policy as data", () => {
  it("has four levels with waits in working days, and refuses an unknown version", () => {
    expect(policy.levels.map((l) => [l.level, l.waitWorkingDays, l.audiences])).toEqual([
      [0, 0, ["responsible"]],
      [1, 3, ["projectteam-channel"]],
      [2, 5, ["programmaleider", "school-leadership"]],
      [3, 5, ["stuurgroep-summary"]],
    ]);
    expect(() => getEscalationPolicy("1999-1")).toThrow(/unknown escalation policy/);
  });
});

describe("computeDueAt", () => {
  it("is the start of office hours N working days later", () => {
    // Monday 1 March 2027 + 3 working days = Thursday 4 March, 08:00.
    expect(local(computeDueAt(at("2027-03-01T14:00"), 3, cal))).toBe("2027-03-04T08:00");
  });

  it("with no wait is the next working moment: now in office hours, else the next working morning", () => {
    expect(local(computeDueAt(at("2027-03-01T14:00"), 0, cal))).toBe("2027-03-01T14:00");
    expect(local(computeDueAt(at("2027-03-05T18:00"), 0, cal))).toBe("2027-03-08T08:00");
  });

  it("defers across the kerstvakantie instead of counting its days", () => {
    // Opened Wednesday 16 Dec 2026; Thu 17 and Fri 18 count, then the kerstvakantie (19 Dec - 3 Jan) does not.
    expect(local(computeDueAt(at("2026-12-16T10:00"), 3, cal))).toBe("2027-01-04T08:00");
    expect(local(computeDueAt(at("2026-12-18T16:00"), 5, cal))).toBe("2027-01-08T08:00");
  });

  it("defers across carnaval (voorjaarsvakantie Zuid, 6-14 Feb 2027)", () => {
    expect(local(computeDueAt(at("2027-02-04T09:00"), 3, cal))).toBe("2027-02-16T08:00");
  });
});

describe("planEscalation", () => {
  it("fires L0 at once for a new case in office hours", () => {
    const step = planEscalation(snapshot({ levelSince: at("2026-12-16T10:00") }), policy, at("2026-12-16T10:00"), cal);
    expect(step).toMatchObject({ kind: "escalate", level: { level: 0 } });
  });

  it("waits for L1 through the kerstvakantie and fires it on the third working day", () => {
    const s = snapshot({ level: 0, levelSince: at("2026-12-16T10:00") });
    expect(planEscalation(s, policy, at("2026-12-18T09:00"), cal)).toMatchObject({ kind: "wait", level: { level: 1 } });
    // Every day of the holiday: still waiting, never dropped.
    for (const day of ["2026-12-21", "2026-12-24", "2026-12-28", "2027-01-02"]) {
      const step = planEscalation(s, policy, at(`${day}T08:05`), cal);
      expect(step.kind, day).toBe("wait");
      if (step.kind === "wait") expect(local(step.dueAt)).toBe("2027-01-04T08:00");
    }
    expect(planEscalation(s, policy, at("2027-01-04T08:05"), cal)).toMatchObject({ kind: "escalate", level: { level: 1 } });
  });

  it("stops at the top level, and never escalates an acknowledged or resolved case", () => {
    expect(planEscalation(snapshot({ level: 3 }), policy, at("2027-06-01T09:00"), cal)).toEqual({ kind: "none", reason: "top-level" });
    expect(planEscalation(snapshot({ level: 0, state: "erkend" }), policy, at("2027-06-01T09:00"), cal)).toEqual({ kind: "none", reason: "acknowledged" });
    expect(planEscalation(snapshot({ level: 1, state: "opgelost" }), policy, at("2027-06-01T09:00"), cal)).toEqual({ kind: "none", reason: "resolved" });
  });

  it("keeps a paused case paused until its date, then resumes it", () => {
    const s = snapshot({ level: 1, state: "gepauzeerd", pausedUntil: at("2027-01-11T00:00"), pausedFrom: "open" });
    expect(planEscalation(s, policy, at("2027-01-08T08:05"), cal)).toMatchObject({ kind: "paused" });
    expect(planEscalation(s, policy, at("2027-01-11T08:05"), cal)).toMatchObject({ kind: "resume" });
  });
});
