import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { createWorkCalendar, parseSchoolHolidays } from "../../../src/domain/calendar/index.js";
import { parseSummaryArgs } from "../../../src/domain/summary/command.js";
import {
  buildSummaryMessageKey,
  decideWeeklySummary,
  findPreviousDueMoment,
  findSummaryDueMoment,
  findSummaryWeek,
  getSummaryWeek,
  isLatePosting,
  type SummarySchedule,
} from "../../../src/domain/summary/week.js";

const data = parseSchoolHolidays(readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
const cal = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });
const MONDAY_0830: SummarySchedule = { weekday: 1, time: "08:30" };

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
function local(date: Date | null): string | null {
  return date ? DateTime.fromJSDate(date, { zone: "Europe/Amsterdam" }).toFormat("yyyy-MM-dd HH:mm") : null;
}

describe("summary weeks", () => {
  it.each([
    ["2027-03-15", "2026-2027", 11, "2027-03-15"],
    ["2027-03-21", "2026-2027", 11, "2027-03-15"], // Sunday: same ISO week
    ["2026-12-31", "2026-2027", 53, "2026-12-28"], // 2026 has 53 ISO weeks
    ["2027-01-01", "2026-2027", 53, "2026-12-28"], // ISO week-year 2026
    ["2026-08-01", "2026-2027", 31, "2026-07-27"], // week 31 belongs to the new school year
    ["2026-07-26", "2025-2026", 30, "2026-07-20"],
    ["2027-07-31", "2026-2027", 30, "2027-07-26"],
  ])("%s is week %s/%s starting %s", (day, schoolYear, week, weekStart) => {
    expect(getSummaryWeek(day)).toMatchObject({ schoolYear, week, weekStart });
  });

  it("finds a week of a school year back from its number, and nothing for a week that does not exist", () => {
    expect(findSummaryWeek("2026-2027", 12)).toEqual({ schoolYear: "2026-2027", week: 12, weekYear: 2027, weekStart: "2027-03-22" });
    expect(findSummaryWeek("2026-2027", 40)).toMatchObject({ weekYear: 2026, weekStart: "2026-09-28" });
    expect(findSummaryWeek("2026-2027", 53)).toMatchObject({ weekStart: "2026-12-28" });
    expect(findSummaryWeek("2027-2028", 53)).toBeNull(); // 2027 has 52 weeks
    expect(findSummaryWeek("2026-2027", 0)).toBeNull();
    expect(findSummaryWeek("2026-2028", 12)).toBeNull();
    // Round trip for every week of a year.
    for (let week = 1; week <= 53; week++) {
      const found = findSummaryWeek("2026-2027", week);
      if (found) expect(getSummaryWeek(found.weekStart)).toEqual(found);
    }
  });
});

describe("when the summary is due", () => {
  it("is Monday 08:30 Amsterdam time, in winter and in summer time", () => {
    expect(local(findSummaryDueMoment("2027-03-15", MONDAY_0830, cal))).toBe("2027-03-15 08:30");
    expect(findSummaryDueMoment("2027-03-15", MONDAY_0830, cal)!.toISOString()).toBe("2027-03-15T07:30:00.000Z");
    expect(findSummaryDueMoment("2027-04-05", MONDAY_0830, cal)!.toISOString()).toBe("2027-04-05T06:30:00.000Z");
  });

  it.each([
    ["2027-03-29", "2027-03-30 08:30"], // Tweede Paasdag -> Tuesday
    ["2027-05-17", "2027-05-18 08:30"], // Tweede Pinksterdag -> Tuesday
    ["2028-04-17", "2028-04-18 08:30"], // Tweede Paasdag 2028
    ["2028-06-05", "2028-06-06 08:30"], // Tweede Pinksterdag 2028
    ["2026-10-19", null], // herfstvakantie: no working day that week
    ["2026-12-28", null], // kerstvakantie
    ["2027-02-08", null], // voorjaarsvakantie (carnaval)
    ["2027-05-03", null], // meivakantie
    ["2027-07-19", null], // zomervakantie
  ])("the week of %s: %s", (weekStart, expected) => {
    expect(local(findSummaryDueMoment(weekStart, MONDAY_0830, cal))).toBe(expected);
  });

  it("follows the configured weekday and time", () => {
    expect(local(findSummaryDueMoment("2027-03-15", { weekday: 3, time: "13:15" }, cal))).toBe("2027-03-17 13:15");
    // Koningsdag (Tuesday 27 April 2027) moves a Tuesday summary to Wednesday.
    expect(local(findSummaryDueMoment("2027-04-26", { weekday: 2, time: "09:00" }, cal))).toBe("2027-04-28 09:00");
  });

  it("finds the previous week's due moment, skipping holiday weeks", () => {
    expect(local(findPreviousDueMoment("2027-03-22", MONDAY_0830, cal))).toBe("2027-03-15 08:30");
    expect(local(findPreviousDueMoment("2027-01-04", MONDAY_0830, cal))).toBe("2026-12-14 08:30"); // over the kerstvakantie
    expect(local(findPreviousDueMoment("2027-04-05", MONDAY_0830, cal))).toBe("2027-03-30 08:30"); // after Tweede Paasdag
  });
});

describe("decideWeeklySummary", () => {
  it("waits until the due moment, then is due; late after half an hour", () => {
    expect(decideWeeklySummary(at("2027-03-15T08:29"), MONDAY_0830, cal)).toMatchObject({ kind: "nog-niet" });
    expect(decideWeeklySummary(at("2027-03-15T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "verschuldigd", late: false, week: { week: 11 } });
    expect(decideWeeklySummary(at("2027-03-15T09:00"), MONDAY_0830, cal)).toMatchObject({ kind: "verschuldigd", late: false });
    expect(decideWeeklySummary(at("2027-03-15T09:01"), MONDAY_0830, cal)).toMatchObject({ kind: "verschuldigd", late: true });
    expect(decideWeeklySummary(at("2027-03-17T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "verschuldigd", late: true });
  });

  it("on Tweede Paasdag nothing is due; on Tuesday at 08:30 it is, on time", () => {
    expect(decideWeeklySummary(at("2027-03-29T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "geen-werkdag" });
    expect(decideWeeklySummary(at("2027-03-30T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "verschuldigd", late: false, week: { week: 13 } });
  });

  it("never posts on a weekend or in a holiday week", () => {
    expect(decideWeeklySummary(at("2027-03-20T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "geen-werkdag" });
    expect(decideWeeklySummary(at("2026-10-19T08:30"), MONDAY_0830, cal)).toMatchObject({ kind: "vakantieweek" });
  });

  it("isLatePosting and the message keys", () => {
    expect(isLatePosting(at("2027-03-15T08:30"), at("2027-03-15T08:59"))).toBe(false);
    expect(isLatePosting(at("2027-03-15T08:30"), at("2027-03-15T09:31"))).toBe(true);
    expect(buildSummaryMessageKey({ schoolYear: "2026-2027", week: 3 })).toBe("samenvatting-2026-2027-w03");
    expect(buildSummaryMessageKey({ schoolYear: "2026-2027", week: 12 }, 2)).toBe("samenvatting-2026-2027-w12-deel-3");
  });
});

describe("samenvatting arguments", () => {
  it.each([
    ["", { kind: "current" }],
    ["week 12", { kind: "week", week: 12 }],
    ["week12", { kind: "week", week: 12 }],
    ["w 3", { kind: "week", week: 3 }],
    ["12", { kind: "week", week: 12 }],
    ["week 12 2025-2026", { kind: "week", week: 12, schoolYear: "2025-2026" }],
    ["week 40 van 2025/2026", { kind: "week", week: 40, schoolYear: "2025-2026" }],
  ])("%j", (args, expected) => {
    expect(parseSummaryArgs(args)).toEqual(expected);
  });

  it.each(["week", "week 54", "week 0", "gisteren", "week 12 vorig jaar"])("refuses %j", (args) => {
    expect(parseSummaryArgs(args)).toBeNull();
  });
});
