import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { atOrAfterOfficeStart, buildSlotKey, describeSchedule, findNextSlot, findPreviousSlot, toCronExpression } from "../../src/domain/schedule.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";
import { configureJobs } from "../../src/jobs/registry.js";

describe("job schedules in Europe/Amsterdam", () => {
  const weekly = { kind: "weekly", weekday: 1, time: "08:30" } as const;

  it("finds the previous and next Monday 08:30, across the switch to summer time", () => {
    // Sunday 28 March 2027 is the DST switch; Monday 29 March 08:30 is 06:30 UTC.
    expect(findPreviousSlot(weekly, new Date("2027-03-30T12:00:00Z")).toISOString()).toBe("2027-03-29T06:30:00.000Z");
    expect(findPreviousSlot(weekly, new Date("2027-03-29T06:29:00Z")).toISOString()).toBe("2027-03-22T07:30:00.000Z");
    expect(findNextSlot(weekly, new Date("2027-03-22T07:30:00Z")).toISOString()).toBe("2027-03-29T06:30:00.000Z");
    expect(findPreviousSlot(weekly, new Date("2027-03-29T06:30:00Z")).toISOString()).toBe("2027-03-29T06:30:00.000Z");
  });

  it("handles daily and interval schedules", () => {
    const daily = { kind: "daily", time: "07:00" } as const;
    expect(findPreviousSlot(daily, new Date("2027-01-10T05:59:00Z")).toISOString()).toBe("2027-01-09T06:00:00.000Z");
    expect(findNextSlot(daily, new Date("2027-01-10T06:00:00Z")).toISOString()).toBe("2027-01-11T06:00:00.000Z");
    const every5 = { kind: "interval", minutes: 5 } as const;
    expect(findPreviousSlot(every5, new Date("2027-01-10T06:07:30Z")).toISOString()).toBe("2027-01-10T06:05:00.000Z");
    expect(findNextSlot(every5, new Date("2027-01-10T06:07:30Z")).toISOString()).toBe("2027-01-10T06:10:00.000Z");
  });

  it("compiles to node-cron expressions and Dutch descriptions", () => {
    expect(toCronExpression(weekly)).toBe("30 8 * * 1");
    expect(toCronExpression({ kind: "weekly", weekday: 7, time: "09:00" })).toBe("0 9 * * 0");
    expect(toCronExpression({ kind: "daily", time: "03:15" })).toBe("15 3 * * *");
    expect(toCronExpression({ kind: "interval", minutes: 1 })).toBe("*/1 * * * *");
    expect(describeSchedule(weekly)).toBe("elke maandag 08:30");
    expect(buildSlotKey("samenvatting", new Date("2027-03-29T06:30:00Z"))).toBe("samenvatting@2027-03-29T06:30:00.000Z");
  });

  it("runs the jobs that act at the start of office hours after it, whatever OFFICE_HOURS_START says", () => {
    expect(atOrAfterOfficeStart("08:05", "08:00", 5)).toBe("08:05");
    expect(atOrAfterOfficeStart("08:05", "07:30", 5)).toBe("08:05");
    expect(atOrAfterOfficeStart("08:05", "08:30", 5)).toBe("08:35");
    expect(atOrAfterOfficeStart("08:10", "23:55", 10)).toBe("23:59");
    const timeOf = (jobs: ReturnType<typeof configureJobs>, name: string) => jobs.find((j) => j.name === name)!.schedule;
    const usual = configureJobs(loadConfig({ LOG_LEVEL: "silent" }), COMPOSED_FEATURES.jobs);
    expect(timeOf(usual, "escalations")).toEqual({ kind: "daily", time: "08:05" });
    expect(timeOf(usual, "meetmomenten")).toEqual({ kind: "daily", time: "08:10" });
    const late = configureJobs(loadConfig({ LOG_LEVEL: "silent", OFFICE_HOURS_START: "09:00" }), COMPOSED_FEATURES.jobs);
    expect(timeOf(late, "escalations")).toEqual({ kind: "daily", time: "09:05" });
    expect(timeOf(late, "meetmomenten")).toEqual({ kind: "daily", time: "09:10" });
  });
});
