import { describe, expect, it } from "vitest";
import {
  CalendarError,
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
