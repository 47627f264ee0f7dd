import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  CalendarError,
  addWorkingDays,
  countWorkingDaysBetween,
  createWorkCalendar,
  describeNonWorkingDay,
  firstWorkingDayOfMonth,
  getOfficeWindow,
  getPublicHolidays,
  hasSchoolHolidayData,
  isWithinOfficeHours,
  isWorkingDay,
  listWorkingDays,
  nextSendMoment,
  parseSchoolHolidays,
  shiftIsoDate,
  type PublicHoliday,
} from "../../../src/domain/calendar/index.js";

const data = parseSchoolHolidays(readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
const cal = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });

/** An instant given as Amsterdam wall-clock time, e.g. "2027-03-26T19:00". */
function amsterdam(localIso: string): Date {
  const dt = DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" });
  if (!dt.isValid) throw new Error(`bad test time ${localIso}`);
  return dt.toJSDate();
}

describe("isWorkingDay and describeNonWorkingDay", () => {
  it.each([
    ["2027-03-24", null], // ordinary Wednesday
    ["2027-03-26", null], // Goede Vrijdag is a working day
    ["2027-03-20", "weekend"],
    ["2027-03-28", "Eerste Paasdag"], // a Sunday, reported by its holiday name
    ["2027-03-29", "Tweede Paasdag"],
    ["2027-04-27", "Koningsdag"],
    ["2027-05-06", "Hemelvaartsdag"], // inside the meivakantie: the public holiday wins
    ["2027-05-04", "meivakantie"],
    ["2027-05-17", "Tweede Pinksterdag"],
    ["2027-02-08", "voorjaarsvakantie (carnaval)"], // carnaval Monday
    ["2026-02-17", "voorjaarsvakantie (carnaval)"], // carnaval Tuesday 2026
    ["2028-02-29", "voorjaarsvakantie (carnaval)"],
    ["2026-12-25", "Eerste Kerstdag"],
    ["2026-12-28", "kerstvakantie"],
    ["2027-01-01", "Nieuwjaarsdag"],
    ["2027-08-02", "zomervakantie"],
    ["2027-10-27", "herfstvakantie"],
    ["2026-05-05", null], // Bevrijdingsdag is only off in lustrum years
    ["2030-05-06", null],
  ])("%s → %s", (day, reason) => {
    expect(describeNonWorkingDay(day, cal)).toBe(reason);
    expect(isWorkingDay(day, cal)).toBe(reason === null);
  });

  it("judges an instant on its Amsterdam day", () => {
    // 28 March 2027 23:30 UTC is already Monday 29 March 01:30 in Amsterdam: Tweede Paasdag.
    const instant = new Date("2027-03-28T23:30:00Z");
    expect(describeNonWorkingDay(instant, cal)).toBe("Tweede Paasdag");
  });

  it("takes school holidays from the data only", () => {
    const withoutSchoolHolidays = createWorkCalendar();
    expect(isWorkingDay("2027-02-08", withoutSchoolHolidays)).toBe(true);
    expect(isWorkingDay("2027-02-08", cal)).toBe(false);
    expect(describeNonWorkingDay("2027-03-29", withoutSchoolHolidays)).toBe("Tweede Paasdag");
  });

  it("names both holidays when they coincide", () => {
    // Hemelvaartsdag fell on Bevrijdingsdag in lustrum year 2005.
    expect(describeNonWorkingDay("2005-05-05", createWorkCalendar())).toBe("Hemelvaartsdag en Bevrijdingsdag");
  });

  it("rejects a malformed day", () => {
    expect(() => isWorkingDay("2027-3-1", cal)).toThrow(CalendarError);
  });
});

describe("addWorkingDays", () => {
  it("3 working days before Thursday 1 April 2027 is Friday 26 March 2027 (Easter Monday does not count)", () => {
    expect(addWorkingDays("2027-04-01", -3, cal)).toBe("2027-03-26");
  });

  it("keeps the Amsterdam wall-clock time across the DST change (28 March 2027)", () => {
    const deadline = amsterdam("2027-04-01T17:00"); // CEST, 15:00 UTC
    const reminder = addWorkingDays(deadline, -3, cal);
    expect(reminder.toISOString()).toBe("2027-03-26T16:00:00.000Z"); // 17:00 CET
    expect(DateTime.fromJSDate(reminder, { zone: "Europe/Amsterdam" }).toFormat("ccc yyyy-MM-dd HH:mm")).toBe("Fri 2027-03-26 17:00");
  });

  it("goes forward across Easter", () => {
    expect(addWorkingDays("2027-03-26", 1, cal)).toBe("2027-03-30");
  });

  it("skips Hemelvaartsdag but not the Friday after it", () => {
    expect(addWorkingDays("2026-05-13", 1, cal)).toBe("2026-05-15");
    expect(addWorkingDays("2026-05-13", 2, cal)).toBe("2026-05-18");
  });

  it("skips the whole 2027 meivakantie including Hemelvaartsdag", () => {
    expect(addWorkingDays("2027-04-30", 1, cal)).toBe("2027-05-10");
  });

  it("skips Tweede Pinksterdag", () => {
    expect(addWorkingDays("2027-05-14", 1, cal)).toBe("2027-05-18");
  });

  it("skips the carnaval week in both directions", () => {
    expect(addWorkingDays("2027-02-05", 1, cal)).toBe("2027-02-15");
    expect(addWorkingDays("2027-02-15", -1, cal)).toBe("2027-02-05");
    expect(addWorkingDays("2028-02-25", 5, cal)).toBe("2028-03-10");
  });

  it("skips the Christmas holiday in both directions", () => {
    expect(addWorkingDays("2026-12-18", 1, cal)).toBe("2027-01-04");
    expect(addWorkingDays("2027-01-04", -1, cal)).toBe("2026-12-18");
  });

  it("counts from a non-working start day without counting that day", () => {
    expect(addWorkingDays("2027-03-27", 1, cal)).toBe("2027-03-30"); // Saturday → Tuesday after Easter
    expect(addWorkingDays("2027-03-27", -1, cal)).toBe("2027-03-26");
  });

  it("returns the same day for n = 0 and rejects fractions", () => {
    expect(addWorkingDays("2027-03-28", 0, cal)).toBe("2027-03-28");
    const instant = amsterdam("2027-03-24T10:00");
    expect(addWorkingDays(instant, 0, cal).getTime()).toBe(instant.getTime());
    expect(() => addWorkingDays("2027-03-24", 1.5, cal)).toThrow(CalendarError);
  });

  it("keeps the time when the autumn DST change and herfstvakantie lie in between", () => {
    const friday = amsterdam("2027-10-22T09:30"); // CEST, 07:30 UTC
    const next = addWorkingDays(friday, 1, cal); // herfstvakantie 23-31 Oct, DST ends 31 Oct
    expect(next.toISOString()).toBe("2027-11-01T08:30:00.000Z"); // 09:30 CET
  });
});

describe("countWorkingDaysBetween", () => {
  it("counts working days after the start up to and including the end", () => {
    expect(countWorkingDaysBetween("2027-03-26", "2027-04-01", cal)).toBe(3);
    expect(countWorkingDaysBetween("2027-04-01", "2027-03-26", cal)).toBe(-3);
    expect(countWorkingDaysBetween("2027-03-24", "2027-03-24", cal)).toBe(0);
  });

  it("leaves out the carnaval week: February 2027 has 15 working days", () => {
    expect(countWorkingDaysBetween("2027-01-31", "2027-02-28", cal)).toBe(15);
  });

  it("is the inverse of addWorkingDays", () => {
    for (const start of ["2026-12-01", "2027-03-22", "2027-04-20"]) {
      for (let n = 0; n <= 40; n++) {
        expect(countWorkingDaysBetween(start, addWorkingDays(start, n, cal), cal), `${start} + ${n}`).toBe(n);
      }
    }
  });

  it("accepts instants and judges them on the Amsterdam day", () => {
    expect(countWorkingDaysBetween(amsterdam("2027-03-26T23:30"), amsterdam("2027-04-01T00:15"), cal)).toBe(3);
  });
});

describe("listWorkingDays", () => {
  it("lists the working days around Easter 2027, both ends inclusive", () => {
    expect(listWorkingDays("2027-03-25", "2027-04-02", cal)).toEqual([
      "2027-03-25",
      "2027-03-26",
      "2027-03-30",
      "2027-03-31",
      "2027-04-01",
      "2027-04-02",
    ]);
  });

  it("leaves out the carnaval week and agrees with the count", () => {
    const february = listWorkingDays("2027-02-01", "2027-02-28", cal);
    expect(february).toHaveLength(15);
    expect(february).not.toContain("2027-02-08");
    expect(february).toContain("2027-02-15");
  });

  it("is empty for a reversed range", () => {
    expect(listWorkingDays("2027-04-02", "2027-03-25", cal)).toEqual([]);
  });
});

describe("firstWorkingDayOfMonth", () => {
  it.each([
    [2027, 3, "2027-03-01"], // plain Monday
    [2027, 1, "2027-01-04"], // Nieuwjaarsdag, then the kerstvakantie until Sunday 3 January
    [2026, 5, "2026-05-04"], // 1 May 2026 lies in the meivakantie
    [2027, 5, "2027-05-10"], // the whole first week of May 2027 is meivakantie
    [2026, 8, "2026-08-24"], // zomervakantie until 23 August
    [2028, 8, "2028-09-04"], // all of August 2028 is zomervakantie: rolls into September
  ])("%i-%i → %s", (year, month, expected) => {
    expect(firstWorkingDayOfMonth(year, month, cal)).toBe(expected);
  });

  it("rejects an invalid month", () => {
    expect(() => firstWorkingDayOfMonth(2027, 13, cal)).toThrow(CalendarError);
    expect(() => firstWorkingDayOfMonth(2027, 0, cal)).toThrow(/Ongeldige maand/);
  });
});

describe("nextSendMoment", () => {
  it("sends immediately during office hours on a working day", () => {
    const now = amsterdam("2027-03-24T10:15");
    expect(nextSendMoment(now, cal).getTime()).toBe(now.getTime());
  });

  it("waits for opening time on the same day early in the morning", () => {
    expect(nextSendMoment(amsterdam("2027-03-24T07:30"), cal).toISOString()).toBe("2027-03-24T07:00:00.000Z"); // 08:00 CET
  });

  it("defers an evening message to the next morning (17:00 itself is closed)", () => {
    expect(nextSendMoment(amsterdam("2027-03-24T18:00"), cal).toISOString()).toBe("2027-03-25T07:00:00.000Z");
    expect(nextSendMoment(amsterdam("2027-03-24T17:00"), cal).toISOString()).toBe("2027-03-25T07:00:00.000Z");
    expect(nextSendMoment(amsterdam("2027-03-24T16:59"), cal).toISOString()).toBe(amsterdam("2027-03-24T16:59").toISOString());
  });

  it("defers a Friday-evening message past the weekend, the DST change and Tweede Paasdag", () => {
    // Summer time starts Sunday 28 March 2027; 08:00 CEST on Tuesday is 06:00 UTC.
    expect(nextSendMoment(amsterdam("2027-03-26T19:00"), cal).toISOString()).toBe("2027-03-30T06:00:00.000Z");
  });

  it("defers a weekend message to Monday morning", () => {
    expect(nextSendMoment(amsterdam("2027-03-20T11:00"), cal).toISOString()).toBe("2027-03-22T07:00:00.000Z");
  });

  it("defers across the herfstvakantie and the end of summer time (31 October 2027)", () => {
    const next = nextSendMoment(amsterdam("2027-10-28T12:00"), cal);
    expect(next.toISOString()).toBe("2027-11-01T07:00:00.000Z"); // 08:00 CET
  });

  it("defers past Koningsdag, carnaval and Christmas", () => {
    expect(nextSendMoment(amsterdam("2027-04-27T09:00"), cal).toISOString()).toBe("2027-04-28T06:00:00.000Z");
    expect(nextSendMoment(amsterdam("2026-02-16T10:00"), cal).toISOString()).toBe("2026-02-23T07:00:00.000Z");
    expect(nextSendMoment(amsterdam("2026-12-18T17:30"), cal).toISOString()).toBe("2027-01-04T07:00:00.000Z");
  });

  it("uses configured office hours", () => {
    const short = createWorkCalendar({ schoolHolidays: data.holidays, officeHours: { start: "09:30", end: "16:00" } });
    expect(nextSendMoment(amsterdam("2027-03-24T16:00"), short).toISOString()).toBe("2027-03-25T08:30:00.000Z");
    expect(nextSendMoment(amsterdam("2027-03-24T09:00"), short).toISOString()).toBe("2027-03-24T08:30:00.000Z");
  });

  it("never goes back in time and always lands inside office hours (every hour of two weeks around Easter)", () => {
    let now = amsterdam("2027-03-20T00:00");
    const stop = amsterdam("2027-04-03T00:00");
    while (now < stop) {
      const moment = nextSendMoment(now, cal);
      expect(moment.getTime()).toBeGreaterThanOrEqual(now.getTime());
      expect(isWithinOfficeHours(moment, cal), moment.toISOString()).toBe(true);
      now = new Date(now.getTime() + 60 * 60 * 1000);
    }
  });
});

describe("office hours", () => {
  it("are wall-clock Amsterdam time in winter and summer", () => {
    expect(getOfficeWindow("2027-03-26", cal)).toEqual({
      start: new Date("2027-03-26T07:00:00Z"),
      end: new Date("2027-03-26T16:00:00Z"),
    });
    expect(getOfficeWindow("2027-03-30", cal)).toEqual({
      start: new Date("2027-03-30T06:00:00Z"),
      end: new Date("2027-03-30T15:00:00Z"),
    });
  });

  it("isWithinOfficeHours is false on a non-working day even at 10:00", () => {
    expect(isWithinOfficeHours(amsterdam("2027-03-29T10:00"), cal)).toBe(false);
    expect(isWithinOfficeHours(amsterdam("2027-03-30T10:00"), cal)).toBe(true);
  });
});

describe("createWorkCalendar", () => {
  it("defaults to Amsterdam, 08:00-17:00 and no school holidays", () => {
    const plain = createWorkCalendar();
    expect(plain.zone).toBe("Europe/Amsterdam");
    expect(plain.officeHours).toEqual({ start: "08:00", end: "17:00" });
    expect(plain.schoolHolidays).toEqual([]);
    expect(plain.coveredSchoolYears).toEqual([]);
  });

  it.each([
    [{ start: "8:00", end: "17:00" }, /Ongeldige begintijd van de kantooruren '8:00'/],
    [{ start: "08:00", end: "24:00" }, /Ongeldige eindtijd/],
    [{ start: "17:00", end: "08:00" }, /de eindtijd moet na de begintijd liggen/],
    [{ start: "09:00", end: "09:00" }, /de eindtijd moet na de begintijd liggen/],
  ])("rejects office hours %o", (officeHours, message) => {
    expect(() => createWorkCalendar({ officeHours })).toThrow(message);
  });

  it("rejects an unknown time zone", () => {
    expect(() => createWorkCalendar({ zone: "Europe/Heerlen" })).toThrow(/Onbekende tijdzone/);
  });

  it("computes public holidays once per year and accepts replacement rules", () => {
    const computedYears: number[] = [];
    // E.g. an employer that does give Goede Vrijdag off.
    const withGoodFriday = (year: number): PublicHoliday[] => {
      computedYears.push(year);
      const easter = getPublicHolidays(year).find((h) => h.name === "Eerste Paasdag")!.date;
      return [...getPublicHolidays(year), { date: shiftIsoDate(easter, -2), name: "Goede Vrijdag" }];
    };
    const custom = createWorkCalendar({ publicHolidays: withGoodFriday });
    expect(describeNonWorkingDay("2027-03-26", custom)).toBe("Goede Vrijdag");
    expect(addWorkingDays("2027-04-01", -3, custom)).toBe("2027-03-25");
    expect(computedYears).toEqual([2027]);
  });

  it("knows for which days it has school holiday data", () => {
    expect(hasSchoolHolidayData("2027-03-01", cal)).toBe(true);
    expect(hasSchoolHolidayData("2028-08-15", cal)).toBe(true); // summer 2028 runs into 2028-2029
    expect(hasSchoolHolidayData("2029-03-01", cal)).toBe(true);
    expect(hasSchoolHolidayData("2029-10-01", cal)).toBe(false); // 2029-2030 is not published yet
    expect(hasSchoolHolidayData("2027-03-01", createWorkCalendar())).toBe(false);
  });
});
