import path from "node:path";
import { readFile } from "node:fs/promises";
import {
  CalendarError,
  createWorkCalendar,
  getPublicHolidays,
  parseSchoolHolidays,
  type OfficeHours,
  type SchoolHolidayData,
  type WorkCalendar,
} from "../domain/calendar/index.js";
import { listExtraDaysOff, type Region } from "../domain/region.js";
import { projectRoot } from "../project-root.js";

/**
 * The file-system side of the calendar: the domain module stays pure and only validates text,
 * this service finds and reads the YAML the beheerder maintains.
 */

/** The bundled holiday file of a holiday region, found from the project root so the working directory does not matter. */
export function findSchoolHolidaysPath(vakantieregio: Region["vakantieregio"]): string {
  return path.join(projectRoot, "src", "data", `schoolvakanties-${vakantieregio}.yaml`);
}

/** The bundled holiday file for region Zuid (Zuid-Limburg's). */
export const DEFAULT_SCHOOL_HOLIDAYS_PATH = findSchoolHolidaysPath("zuid");

/** Reads and validates a school holiday file; throws CalendarError (code CONFIG_INVALID) naming the file. */
export async function readSchoolHolidaysFile(path: string = DEFAULT_SCHOOL_HOLIDAYS_PATH): Promise<SchoolHolidayData> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === "ENOENT" ? "het bestand bestaat niet" : "het bestand is niet leesbaar";
    throw new CalendarError("INVALID_SCHOOL_HOLIDAYS", `Het schoolvakantiebestand '${path}' kan niet worden gelezen: ${reason}.`, {
      code: "CONFIG_INVALID",
      cause: error,
    });
  }
  return parseSchoolHolidays(text, { sourceName: path });
}

export type LoadWorkCalendarOptions = {
  /** The region: its holiday region picks the bundled holiday file, its extra days off count as days off. */
  region?: Pick<Region, "vakantieregio" | "extraVrijeDagen">;
  /** Path of the school holiday YAML; defaults to the region's bundled file (region Zuid without a region). */
  path?: string;
  officeHours?: OfficeHours;
  zone?: string;
};

/** Builds the WorkCalendar the bot uses from the holiday file on disk. */
export async function loadWorkCalendar(options: LoadWorkCalendarOptions = {}): Promise<WorkCalendar> {
  const { region } = options;
  const file = options.path ?? (region ? findSchoolHolidaysPath(region.vakantieregio) : DEFAULT_SCHOOL_HOLIDAYS_PATH);
  const data = await readSchoolHolidaysFile(file);
  if (region && data.region !== region.vakantieregio) {
    throw new CalendarError("INVALID_SCHOOL_HOLIDAYS", `Het schoolvakantiebestand '${file}' is voor regio ${data.region}, het regiobestand noemt vakantieregio ${region.vakantieregio}.`, { code: "CONFIG_INVALID" });
  }
  return createWorkCalendar({
    schoolHolidays: data.holidays,
    coveredSchoolYears: data.schoolYears,
    officeHours: options.officeHours,
    zone: options.zone,
    // The region's own days off (Goede Vrijdag in Limburg) are days off like the national holidays.
    ...(region && region.extraVrijeDagen.length > 0 ? { publicHolidays: (year: number) => [...getPublicHolidays(year), ...listExtraDaysOff(region, year)].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)) } : {}),
  });
}
