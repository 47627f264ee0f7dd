import { describe, expect, it } from "vitest";
import {
  CalendarError,
  calculateEasterSunday,
  findPublicHolidays,
  getIsoWeekday,
  getPublicHolidays,
} from "../../../src/domain/calendar/index.js";

describe("calculateEasterSunday", () => {
  it.each([
    [2025, "2025-04-20"],
    [2026, "2026-04-05"],
    [2027, "2027-03-28"],
    [2028, "2028-04-16"],
    [2029, "2029-04-01"],
    [2030, "2030-04-21"],
  ])("Easter %i is %s", (year, expected) => {
    expect(calculateEasterSunday(year)).toBe(expected);
  });

  it("handles the extremes of the Gregorian computus", () => {
    expect(calculateEasterSunday(2285)).toBe("2285-03-22"); // earliest possible date
    expect(calculateEasterSunday(2038)).toBe("2038-04-25"); // latest possible date
    expect(calculateEasterSunday(2000)).toBe("2000-04-23");
  });

  it("always lands on a Sunday", () => {
    for (let year = 2020; year <= 2060; year++) {
      expect(getIsoWeekday(calculateEasterSunday(year))).toBe(7);
    }
  });

  it("rejects years outside the Gregorian range", () => {
    expect(() => calculateEasterSunday(1500)).toThrow(CalendarError);
    expect(() => calculateEasterSunday(2026.5)).toThrow(/Ongeldig jaar/);
  });
});

describe("getPublicHolidays", () => {
  it("lists 2025 completely, with Koningsdag on 26 April because 27 April is a Sunday", () => {
    expect(getPublicHolidays(2025)).toEqual([
      { date: "2025-01-01", name: "Nieuwjaarsdag" },
      { date: "2025-04-20", name: "Eerste Paasdag" },
      { date: "2025-04-21", name: "Tweede Paasdag" },
      { date: "2025-04-26", name: "Koningsdag" },
      { date: "2025-05-05", name: "Bevrijdingsdag" },
      { date: "2025-05-29", name: "Hemelvaartsdag" },
      { date: "2025-06-08", name: "Eerste Pinksterdag" },
      { date: "2025-06-09", name: "Tweede Pinksterdag" },
      { date: "2025-12-25", name: "Eerste Kerstdag" },
      { date: "2025-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  it("lists 2027 completely (no Bevrijdingsdag, no Goede Vrijdag)", () => {
    expect(getPublicHolidays(2027)).toEqual([
      { date: "2027-01-01", name: "Nieuwjaarsdag" },
      { date: "2027-03-28", name: "Eerste Paasdag" },
      { date: "2027-03-29", name: "Tweede Paasdag" },
      { date: "2027-04-27", name: "Koningsdag" },
      { date: "2027-05-06", name: "Hemelvaartsdag" },
      { date: "2027-05-16", name: "Eerste Pinksterdag" },
      { date: "2027-05-17", name: "Tweede Pinksterdag" },
      { date: "2027-12-25", name: "Eerste Kerstdag" },
      { date: "2027-12-26", name: "Tweede Kerstdag" },
    ]);
  });

  const byName = (year: number) => Object.fromEntries(getPublicHolidays(year).map((h) => [h.name, h.date]));

  it.each([
    [2025, "2025-04-21", "2025-04-26", "2025-05-29", "2025-06-09"],
    [2026, "2026-04-06", "2026-04-27", "2026-05-14", "2026-05-25"],
    [2027, "2027-03-29", "2027-04-27", "2027-05-06", "2027-05-17"],
    [2028, "2028-04-17", "2028-04-27", "2028-05-25", "2028-06-05"],
    [2029, "2029-04-02", "2029-04-27", "2029-05-10", "2029-05-21"],
    [2030, "2030-04-22", "2030-04-27", "2030-05-30", "2030-06-10"],
  ])("%i: Tweede Paasdag %s, Koningsdag %s, Hemelvaartsdag %s, Tweede Pinksterdag %s", (year, easterMonday, kingsDay, ascension, whitMonday) => {
    const holidays = byName(year);
    expect(holidays["Tweede Paasdag"]).toBe(easterMonday);
    expect(holidays["Koningsdag"]).toBe(kingsDay);
    expect(holidays["Hemelvaartsdag"]).toBe(ascension);
    expect(holidays["Tweede Pinksterdag"]).toBe(whitMonday);
    expect(holidays["Nieuwjaarsdag"]).toBe(`${year}-01-01`);
    expect(holidays["Eerste Kerstdag"]).toBe(`${year}-12-25`);
    expect(holidays["Tweede Kerstdag"]).toBe(`${year}-12-26`);
  });

  it("has Hemelvaartsdag on a Thursday and the second Easter/Whit days on a Monday, 2025-2030", () => {
    for (let year = 2025; year <= 2030; year++) {
      const holidays = byName(year);
      expect(getIsoWeekday(holidays["Hemelvaartsdag"]!)).toBe(4);
      expect(getIsoWeekday(holidays["Tweede Paasdag"]!)).toBe(1);
      expect(getIsoWeekday(holidays["Tweede Pinksterdag"]!)).toBe(1);
      expect(getIsoWeekday(holidays["Eerste Pinksterdag"]!)).toBe(7);
    }
  });

  it("only gives Bevrijdingsdag in lustrum years (2025 and 2030 within 2025-2030)", () => {
    const yearsWithLiberationDay = [2025, 2026, 2027, 2028, 2029, 2030].filter((year) =>
      getPublicHolidays(year).some((h) => h.name === "Bevrijdingsdag" && h.date === `${year}-05-05`),
    );
    expect(yearsWithLiberationDay).toEqual([2025, 2030]);
  });

  it("moves Koningsdag to Saturday 26 April only when 27 April is a Sunday", () => {
    expect(byName(2031)["Koningsdag"]).toBe("2031-04-26"); // 27 April 2031 is a Sunday
    expect(byName(2030)["Koningsdag"]).toBe("2030-04-27"); // a Saturday: stays
    expect(getIsoWeekday("2031-04-27")).toBe(7);
  });

  it("does not count Goede Vrijdag as a day off", () => {
    expect(findPublicHolidays("2027-03-26")).toEqual([]);
    expect(getPublicHolidays(2026).map((h) => h.name)).not.toContain("Goede Vrijdag");
  });

  it("returns the list sorted by date", () => {
    for (let year = 2025; year <= 2030; year++) {
      const dates = getPublicHolidays(year).map((h) => h.date);
      expect(dates).toEqual([...dates].sort());
    }
  });
});

describe("findPublicHolidays", () => {
  it("finds the holiday on a day and nothing on a normal day", () => {
    expect(findPublicHolidays("2027-03-29")).toEqual([{ date: "2027-03-29", name: "Tweede Paasdag" }]);
    expect(findPublicHolidays("2027-03-30")).toEqual([]);
  });

  it("returns both when Hemelvaartsdag falls on Bevrijdingsdag in a lustrum year (2005)", () => {
    expect(findPublicHolidays("2005-05-05").map((h) => h.name)).toEqual(["Hemelvaartsdag", "Bevrijdingsdag"]);
  });
});
