import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { DEFAULT_REGION_FILE, readRegionFile } from "../../../src/config.js";
import { createWorkCalendar, getPublicHolidays, parseSchoolHolidays } from "../../../src/domain/calendar/index.js";
import { listExtraDaysOff } from "../../../src/domain/region.js";

/** The real region Zuid calendar (carnaval 6-14 February 2027 included), as the bot loads it. */
const data = parseSchoolHolidays(readFileSync(new URL("../../../src/data/schoolvakanties-zuid.yaml", import.meta.url), "utf8"));
export const zuid = createWorkCalendar({ schoolHolidays: data.holidays, coveredSchoolYears: data.schoolYears });

/** An instant given as Amsterdam wall-clock time, e.g. "2027-03-26T08:15". */
export function amsterdam(localIso: string): Date {
  const dt = DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" });
  if (!dt.isValid) throw new Error(`bad test time ${localIso}`);
  return dt.toJSDate();
}

/** Region Zuid-Limburg's calendar as the bot builds it: the Zuid holidays plus the region's extra days off (Goede Vrijdag). */
const region = readRegionFile(DEFAULT_REGION_FILE);
export const zuidLimburg = createWorkCalendar({
  schoolHolidays: data.holidays,
  coveredSchoolYears: data.schoolYears,
  publicHolidays: (year) => [...getPublicHolidays(year), ...listExtraDaysOff(region, year)],
});
export const zuidLimburgTiming = region.dddTiming;
