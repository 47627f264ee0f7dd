import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  CalendarError,
  getIsoWeekday,
  isValidIsoDate,
  shiftIsoDate,
  getSchoolYear,
  getSchoolYearBounds,
  getSchoolYearDays,
  isSchoolYearLabel,
  listSchoolYears,
  parseSchoolYear,
  toIsoDate,
} from "../../../src/domain/calendar/index.js";

function catchError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to throw");
}

describe("getSchoolYear", () => {
  it("puts 1 August in the new school year and 31 July in the old one", () => {
    expect(getSchoolYear("2026-07-31")).toBe("2025-2026");
    expect(getSchoolYear("2026-08-01")).toBe("2026-2027");
    expect(getSchoolYear("2027-01-15")).toBe("2026-2027");
    expect(getSchoolYear("2027-07-31")).toBe("2026-2027");
  });

  it("judges an instant on the Amsterdam calendar day, not the UTC day", () => {
    // 31 July 22:00 UTC is already 1 August 00:00 in Amsterdam (CEST, UTC+2).
    expect(getSchoolYear(new Date("2026-07-31T21:59:59Z"))).toBe("2025-2026");
    expect(getSchoolYear(new Date("2026-07-31T22:00:00Z"))).toBe("2026-2027");
  });

  it("rejects an invalid Date", () => {
    const error = catchError(() => getSchoolYear(new Date("not a date")));
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).reason).toBe("INVALID_DATE");
  });
});

describe("parseSchoolYear", () => {
  it("accepts two consecutive years", () => {
    expect(parseSchoolYear("2026-2027")).toEqual({ label: "2026-2027", startYear: 2026, endYear: 2027 });
    expect(parseSchoolYear(" 2027-2028 ").label).toBe("2027-2028");
  });

  it.each(["2026-2028", "2027-2026", "2026/2027", "26-27", "2026-27", "", "schooljaar 2026-2027"])(
    "rejects '%s' with a coded Dutch error",
    (label) => {
      const error = catchError(() => parseSchoolYear(label));
      expect(error).toBeInstanceOf(CalendarError);
      const calendarError = error as CalendarError;
      expect(calendarError.code).toBe("VALIDATION");
      expect(calendarError.reason).toBe("INVALID_SCHOOL_YEAR");
      expect(calendarError.message).toContain(`Ongeldig schooljaar '${label}'`);
      expect(calendarError.userMessage).toContain("bijvoorbeeld 2026-2027");
    },
  );

  it("isSchoolYearLabel mirrors parseSchoolYear without throwing", () => {
    expect(isSchoolYearLabel("2026-2027")).toBe(true);
    expect(isSchoolYearLabel("2026-2028")).toBe(false);
    expect(isSchoolYearLabel(" 2026-2027")).toBe(false);
  });
});

describe("getSchoolYearBounds", () => {
  it("runs from 1 August 00:00 Amsterdam to the next 1 August 00:00 (exclusive)", () => {
    const { start, end } = getSchoolYearBounds("2026-2027");
    // 1 August is in summer time, so midnight in Amsterdam is 22:00 UTC the day before.
    expect(start.toISOString()).toBe("2026-07-31T22:00:00.000Z");
    expect(end.toISOString()).toBe("2027-07-31T22:00:00.000Z");
  });

  it("chains consecutive school years without gap or overlap", () => {
    const first = getSchoolYearBounds("2025-2026");
    const second = getSchoolYearBounds("2026-2027");
    expect(first.end.getTime()).toBe(second.start.getTime());
  });

  it("agrees with getSchoolYear at both edges", () => {
    const { start, end } = getSchoolYearBounds("2027-2028");
    expect(getSchoolYear(start)).toBe("2027-2028");
    expect(getSchoolYear(new Date(end.getTime() - 1))).toBe("2027-2028");
    expect(getSchoolYear(end)).toBe("2028-2029");
    expect(toIsoDate(start)).toBe("2027-08-01");
  });

  it("gives the inclusive calendar days", () => {
    expect(getSchoolYearDays("2027-2028")).toEqual({ firstDay: "2027-08-01", lastDay: "2028-07-31" });
  });

  it("rejects a bad label", () => {
    expect(() => getSchoolYearBounds("2027")).toThrow(CalendarError);
  });
});

describe("listSchoolYears", () => {
  it("lists every school year inclusive of both ends", () => {
    expect(listSchoolYears("2025-2026", "2027-2028")).toEqual(["2025-2026", "2026-2027", "2027-2028"]);
    expect(listSchoolYears("2026-2027", "2026-2027")).toEqual(["2026-2027"]);
  });

  it("refuses a reversed range", () => {
    const error = catchError(() => listSchoolYears("2027-2028", "2025-2026"));
    expect(error).toBeInstanceOf(CalendarError);
    expect((error as CalendarError).reason).toBe("INVALID_RANGE");
    expect((error as CalendarError).message).toContain("2025-2026 ligt vóór 2027-2028");
  });
});

describe("day arithmetic (plain UTC, no luxon)", () => {
  // The reference is luxon, which these functions used before; every day of some years around
  // leap rules (1900, 2000, 2100), years 1-99 (Date.UTC maps them to 1900-1999) and the school years in use.
  const years = [1, 4, 99, 100, 1899, 1900, 2000, 2024, 2026, 2027, 2028, 2100, 9999];
  const days = years.flatMap((year) => {
    const list: string[] = [];
    for (let d = DateTime.fromObject({ year, month: 1, day: 1 }, { zone: "utc" }); d.year === year; d = d.plus({ days: 1 })) list.push(d.toISODate()!);
    return list;
  });

  it("agrees with luxon on the weekday and on shifting by whole days, across DST and leap days", () => {
    for (const day of days) {
      const reference = DateTime.fromISO(day, { zone: "utc" });
      expect(getIsoWeekday(day)).toBe(reference.weekday);
      for (const n of [-366, -29, -1, 1, 28, 365]) {
        const expected = reference.plus({ days: n });
        if (expected.year > 9999) continue;
        expect(shiftIsoDate(day, n)).toBe(expected.toISODate());
      }
    }
  });

  it("rejects days that do not exist and accepts 29 February only in a leap year", () => {
    expect(isValidIsoDate("2028-02-29")).toBe(true);
    expect(isValidIsoDate("2000-02-29")).toBe(true);
    expect(isValidIsoDate("2027-02-29")).toBe(false);
    expect(isValidIsoDate("2100-02-29")).toBe(false);
    expect(isValidIsoDate("2027-04-31")).toBe(false);
    expect(isValidIsoDate("2027-13-01")).toBe(false);
    expect(isValidIsoDate("2027-00-10")).toBe(false);
    expect(isValidIsoDate("2027-01-00")).toBe(false);
    expect(isValidIsoDate("2027-1-01")).toBe(false);
    expect(() => shiftIsoDate("2027-02-30", 1)).toThrow(CalendarError);
    expect(() => getIsoWeekday("2027-02-30")).toThrow(CalendarError);
  });
});
