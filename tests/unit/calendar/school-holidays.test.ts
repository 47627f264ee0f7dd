import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  CalendarError,
  calculateEasterSunday,
  describeNonWorkingDay,
  findSchoolHolidays,
  getIsoWeekday,
  listSchoolHolidaysOfYear,
  parseSchoolHolidays,
  schoolHolidayFileSchema,
  shiftIsoDate,
  validateSchoolHolidays,
  type SchoolHolidayData,
} from "../../../src/domain/calendar/index.js";
import { DEFAULT_SCHOOL_HOLIDAYS_PATH, findSchoolHolidaysPath, loadWorkCalendar, readSchoolHolidaysFile } from "../../../src/services/calendar-data.js";

const yamlText = readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8");
const data = parseSchoolHolidays(yamlText);

function catchCalendarError(fn: () => unknown): CalendarError {
  try {
    fn();
  } catch (error) {
    if (error instanceof CalendarError) return error;
    throw error;
  }
  throw new Error("expected a CalendarError");
}

function holidaySpans(label: string): Record<string, [string, string]> {
  return Object.fromEntries(listSchoolHolidaysOfYear(label, data.holidays).map((h) => [h.kind, [h.firstDay, h.lastDay]]));
}

describe("the bundled file schoolvakanties-zuid.yaml", () => {
  it("is valid, for region Zuid, and covers four school years (up to 2028-2029) with five holidays each", () => {
    expect(data.region).toBe("zuid");
    expect(data.schoolYears).toEqual(["2025-2026", "2026-2027", "2027-2028", "2028-2029"]);
    expect(data.holidays).toHaveLength(20);
    for (const label of data.schoolYears) {
      expect(listSchoolHolidaysOfYear(label, data.holidays).map((h) => h.kind).sort()).toEqual([
        "herfstvakantie",
        "kerstvakantie",
        "meivakantie",
        "voorjaarsvakantie",
        "zomervakantie",
      ]);
    }
  });

  it("has the official Zuid dates for 2025-2026", () => {
    expect(holidaySpans("2025-2026")).toEqual({
      herfstvakantie: ["2025-10-11", "2025-10-19"],
      kerstvakantie: ["2025-12-20", "2026-01-04"],
      voorjaarsvakantie: ["2026-02-14", "2026-02-22"],
      meivakantie: ["2026-04-25", "2026-05-03"],
      zomervakantie: ["2026-07-11", "2026-08-23"],
    });
  });

  it("has the official Zuid dates for 2026-2027", () => {
    expect(holidaySpans("2026-2027")).toEqual({
      herfstvakantie: ["2026-10-17", "2026-10-25"],
      kerstvakantie: ["2026-12-19", "2027-01-03"],
      voorjaarsvakantie: ["2027-02-06", "2027-02-14"],
      meivakantie: ["2027-05-01", "2027-05-09"],
      zomervakantie: ["2027-07-17", "2027-08-29"],
    });
  });

  it("has the official Zuid dates for 2027-2028", () => {
    expect(holidaySpans("2027-2028")).toEqual({
      herfstvakantie: ["2027-10-23", "2027-10-31"],
      kerstvakantie: ["2027-12-25", "2028-01-09"],
      voorjaarsvakantie: ["2028-02-26", "2028-03-05"],
      meivakantie: ["2028-04-29", "2028-05-07"],
      zomervakantie: ["2028-07-22", "2028-09-03"],
    });
  });

  it("has the official Zuid dates for 2028-2029", () => {
    expect(holidaySpans("2028-2029")).toEqual({
      herfstvakantie: ["2028-10-21", "2028-10-29"],
      kerstvakantie: ["2028-12-23", "2029-01-07"],
      voorjaarsvakantie: ["2029-02-10", "2029-02-18"],
      meivakantie: ["2029-04-28", "2029-05-06"],
      zomervakantie: ["2029-07-14", "2029-08-26"],
    });
  });

  it.each([
    ["2025-2026", "2026-02-15"],
    ["2026-2027", "2027-02-07"],
    ["2027-2028", "2028-02-27"],
  ])("voorjaarsvakantie %s is the carnaval week around carnaval Sunday %s", (label, carnivalSunday) => {
    // Carnaval Sunday is 7 weeks before Easter; the holiday must cover Sunday through Ash Wednesday.
    const easterYear = Number(carnivalSunday.slice(0, 4));
    expect(shiftIsoDate(calculateEasterSunday(easterYear), -49)).toBe(carnivalSunday);
    const springHoliday = listSchoolHolidaysOfYear(label, data.holidays).find((h) => h.kind === "voorjaarsvakantie");
    expect(springHoliday?.name).toBe("voorjaarsvakantie (carnaval)");
    for (let offset = 0; offset <= 3; offset++) {
      const day = shiftIsoDate(carnivalSunday, offset);
      expect(findSchoolHolidays(day, data.holidays).map((h) => h.kind)).toEqual(["voorjaarsvakantie"]);
    }
  });

  it("has every holiday run from a Saturday to a Sunday with the usual length", () => {
    const expectedDays: Record<string, number> = {
      herfstvakantie: 9,
      voorjaarsvakantie: 9,
      meivakantie: 9,
      kerstvakantie: 16,
      zomervakantie: 44,
    };
    for (const holiday of data.holidays) {
      expect(getIsoWeekday(holiday.firstDay), `${holiday.schoolYear} ${holiday.name}`).toBe(6);
      expect(getIsoWeekday(holiday.lastDay), `${holiday.schoolYear} ${holiday.name}`).toBe(7);
      expect(shiftIsoDate(holiday.firstDay, expectedDays[holiday.kind]! - 1), `${holiday.schoolYear} ${holiday.name}`).toBe(holiday.lastDay);
    }
  });

  it("returns the holidays sorted by first day", () => {
    const firstDays = data.holidays.map((h) => h.firstDay);
    expect(firstDays).toEqual([...firstDays].sort());
  });
});

describe("findSchoolHolidays", () => {
  it("includes the first and last day and nothing outside", () => {
    expect(findSchoolHolidays("2026-12-19", data.holidays).map((h) => h.name)).toEqual(["kerstvakantie"]);
    expect(findSchoolHolidays("2027-01-03", data.holidays).map((h) => h.name)).toEqual(["kerstvakantie"]);
    expect(findSchoolHolidays("2026-12-18", data.holidays)).toEqual([]);
    expect(findSchoolHolidays("2027-01-04", data.holidays)).toEqual([]);
  });

  it("finds the 2028 summer holiday even in September (next school year)", () => {
    expect(findSchoolHolidays("2028-09-01", data.holidays).map((h) => `${h.schoolYear} ${h.kind}`)).toEqual([
      "2027-2028 zomervakantie",
    ]);
  });
});

function yamlWith(entries: string, year = "2026-2027"): string {
  return `region: zuid\nschoolYears:\n  "${year}":\n${entries}`;
}

const christmasBackwards = `    - kind: kerstvakantie
      name: kerstvakantie
      firstDay: "2027-01-03"
      lastDay: "2026-12-19"
`;

describe("parseSchoolHolidays validation", () => {
  it("names the holiday and school year when the end lies before the start", () => {
    const error = catchCalendarError(() => parseSchoolHolidays(yamlWith(christmasBackwards)));
    expect(error.reason).toBe("INVALID_SCHOOL_HOLIDAYS");
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.details).toEqual(["vakantie 'kerstvakantie' in 2026-2027: einddatum ligt vóór begindatum"]);
    expect(error.message).toContain("Het schoolvakantiebestand is ongeldig:");
  });

  it("mentions the file name when given", () => {
    const error = catchCalendarError(() => parseSchoolHolidays(yamlWith(christmasBackwards), { sourceName: "vakanties.yaml" }));
    expect(error.message).toContain("Het schoolvakantiebestand 'vakanties.yaml' is ongeldig");
  });

  it("rejects impossible dates and names the field", () => {
    const error = catchCalendarError(() =>
      parseSchoolHolidays(
        yamlWith(`    - kind: voorjaarsvakantie
      name: voorjaarsvakantie (carnaval)
      firstDay: "2027-02-30"
      lastDay: "2027-02-14"
`),
      ),
    );
    expect(error.details).toEqual([
      "vakantie 'voorjaarsvakantie (carnaval)' in 2026-2027: begindatum (firstDay) is geen geldige datum (verwacht \"JJJJ-MM-DD\" tussen aanhalingstekens)",
    ]);
  });

  it("reports every problem at once, in Dutch", () => {
    const error = catchCalendarError(() =>
      parseSchoolHolidays(
        yamlWith(`    - kind: paasvakantie
      name: paasvakantie
      firstDay: "2027-04-03"
    - kind: herfstvakantie
      name: herfstvakantie
      firstDay: "2026-10-17"
      lastday: "2026-10-25"
`),
      ),
    );
    expect(error.details).toEqual(
      expect.arrayContaining([
        "vakantie 'paasvakantie' in 2026-2027: soort (kind) 'paasvakantie' is geen geldige waarde; kies uit: herfstvakantie, kerstvakantie, voorjaarsvakantie, meivakantie, zomervakantie, overig",
        "vakantie 'paasvakantie' in 2026-2027: einddatum (lastDay) ontbreekt",
        "vakantie 'herfstvakantie' in 2026-2027: onbekend veld: lastday",
        "vakantie 'herfstvakantie' in 2026-2027: einddatum (lastDay) ontbreekt",
      ]),
    );
    expect(error.details).toHaveLength(4);
  });

  it("rejects a holiday that starts outside its school year", () => {
    const error = catchCalendarError(() =>
      parseSchoolHolidays(
        yamlWith(`    - kind: herfstvakantie
      name: herfstvakantie
      firstDay: "2025-10-18"
      lastDay: "2025-10-26"
`),
      ),
    );
    expect(error.details).toEqual([
      "vakantie 'herfstvakantie' in 2026-2027: begindatum 2025-10-18 valt niet in schooljaar 2026-2027 (2026-08-01 t/m 2027-07-31)",
    ]);
  });

  it("rejects an implausibly long holiday (a typo in the year)", () => {
    const error = catchCalendarError(() =>
      parseSchoolHolidays(
        yamlWith(`    - kind: zomervakantie
      name: zomervakantie
      firstDay: "2027-07-17"
      lastDay: "2028-08-29"
`),
      ),
    );
    expect(error.details[0]).toMatch(/^vakantie 'zomervakantie' in 2026-2027: duurt langer dan 70 dagen/);
  });

  it("rejects a bad school year label", () => {
    const error = catchCalendarError(() =>
      parseSchoolHolidays(
        yamlWith(
          `    - kind: herfstvakantie
      name: herfstvakantie
      firstDay: "2026-10-17"
      lastDay: "2026-10-25"
`,
          "2026-2028",
        ),
      ),
    );
    expect(error.details).toEqual([
      "schooljaar '2026-2028' is ongeldig: verwacht twee opeenvolgende jaren als JJJJ-JJJJ, bijvoorbeeld 2026-2027",
    ]);
  });

  it("rejects an unknown region, broken YAML, an empty file and a school year listed twice", () => {
    expect(catchCalendarError(() => parseSchoolHolidays("region: oost\nschoolYears: {}\n")).details).toEqual([
      "regio (region): 'oost' is geen geldige waarde; kies uit: noord, midden, zuid",
    ]);
    expect(catchCalendarError(() => parseSchoolHolidays("region: zuid\nschoolYears: [\n")).details[0]).toMatch(/^geen geldige YAML: /);
    expect(catchCalendarError(() => parseSchoolHolidays("")).details).toEqual(["het bestand is leeg"]);
    const duplicate = `region: zuid\nschoolYears:\n  "2026-2027": []\n  "2026-2027": []\n`;
    expect(catchCalendarError(() => parseSchoolHolidays(duplicate)).details[0]).toBe("geen geldige YAML: regel 4: een veld staat twee keer in hetzelfde blok");
  });

  it("keeps a school year that has no holidays as covered", () => {
    const parsed: SchoolHolidayData = parseSchoolHolidays(`region: zuid\nschoolYears:\n  "2028-2029": []\n`);
    expect(parsed.schoolYears).toEqual(["2028-2029"]);
    expect(parsed.holidays).toEqual([]);
  });

  it("exposes the zod schema for reuse, which accepts the bundled content", () => {
    const content = {
      region: "zuid",
      schoolYears: { "2026-2027": [{ kind: "overig", name: "studiedag regio", firstDay: "2026-11-16", lastDay: "2026-11-16" }] },
    };
    expect(schoolHolidayFileSchema.safeParse(content).success).toBe(true);
    expect(validateSchoolHolidays(content).holidays[0]).toEqual({
      schoolYear: "2026-2027",
      kind: "overig",
      name: "studiedag regio",
      firstDay: "2026-11-16",
      lastDay: "2026-11-16",
    });
  });
});

describe("calendar-data service", () => {
  it("reads the bundled file from disk", async () => {
    const fromDisk = await readSchoolHolidaysFile();
    expect(fromDisk).toEqual(data);
    expect(DEFAULT_SCHOOL_HOLIDAYS_PATH).toMatch(/src[\\/]data[\\/]schoolvakanties-zuid\.yaml$/);
  });

  it("builds a WorkCalendar that knows the Zuid holidays", async () => {
    const cal = await loadWorkCalendar({ officeHours: { start: "09:00", end: "16:30" } });
    expect(cal.zone).toBe("Europe/Amsterdam");
    expect(cal.officeHours).toEqual({ start: "09:00", end: "16:30" });
    expect(cal.coveredSchoolYears).toEqual(["2025-2026", "2026-2027", "2027-2028", "2028-2029"]);
    expect(cal.schoolHolidays).toHaveLength(20);
  });

  it("reads the holiday file of the region's holiday region and counts its extra days off", async () => {
    const cal = await loadWorkCalendar({ region: { vakantieregio: "noord", extraVrijeDagen: [{ naam: "Goede Vrijdag", dagenVanafPasen: -2 }, { naam: "Studiedag regio", datum: "2027-06-14" }] } });
    // Noord's summer 2028 starts a week before Zuid's; Goede Vrijdag 2027 is 26 March.
    expect(findSchoolHolidays("2028-07-17", cal.schoolHolidays).map((h) => h.kind)).toEqual(["zomervakantie"]);
    expect(findSchoolHolidays("2028-07-17", data.holidays)).toEqual([]);
    expect(describeNonWorkingDay("2027-03-26", cal)).toBe("Goede Vrijdag");
    expect(describeNonWorkingDay("2027-06-14", cal)).toBe("Studiedag regio");
    expect(describeNonWorkingDay("2028-04-14", cal)).toBe("Goede Vrijdag");
    expect(describeNonWorkingDay("2027-03-26", await loadWorkCalendar())).toBeNull();
  });

  it.each(["noord", "midden", "zuid"] as const)("bundles valid holiday data for region %s up to 2028-2029, five holidays a year", async (region) => {
    const file = await readSchoolHolidaysFile(findSchoolHolidaysPath(region));
    expect(file.region).toBe(region);
    expect(file.schoolYears).toEqual(["2025-2026", "2026-2027", "2027-2028", "2028-2029"]);
    for (const label of file.schoolYears) expect(listSchoolHolidaysOfYear(label, file.holidays)).toHaveLength(5);
    // Every holiday runs from a Saturday to a Sunday, as OCW sets them.
    for (const h of file.holidays) expect([getIsoWeekday(h.firstDay), getIsoWeekday(h.lastDay)]).toEqual([6, 7]);
  });

  it("refuses a holiday file of another holiday region than the region file names", async () => {
    await expect(loadWorkCalendar({ region: { vakantieregio: "noord", extraVrijeDagen: [] }, path: DEFAULT_SCHOOL_HOLIDAYS_PATH })).rejects.toMatchObject({ code: "CONFIG_INVALID", message: expect.stringContaining("is voor regio zuid, het regiobestand noemt vakantieregio noord") });
  });

  it("reports a missing file with a coded Dutch error", async () => {
    await expect(readSchoolHolidaysFile("/nonexistent/schoolvakanties.yaml")).rejects.toMatchObject({
      reason: "INVALID_SCHOOL_HOLIDAYS",
      code: "CONFIG_INVALID",
      message: "Het schoolvakantiebestand '/nonexistent/schoolvakanties.yaml' kan niet worden gelezen: het bestand bestaat niet.",
    });
  });
});
