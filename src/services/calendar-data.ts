import path from "node:path";
import { readFile } from "node:fs/promises";
import {
  CalendarError,
  createWorkCalendar,
  parseSchoolHolidays,
  type OfficeHours,
  type SchoolHolidayData,
  type WorkCalendar,
} from "../domain/calendar/index.js";
import { projectRoot } from "../project-root.js";

/**
 * The file-system side of the calendar: the domain module stays pure and only validates text,
 * this service finds and reads the YAML the beheerder maintains.
 */

/** The bundled holiday file for region Zuid, found from the project root so the working directory does not matter. */
export const DEFAULT_SCHOOL_HOLIDAYS_PATH = path.join(projectRoot, "src", "data", "schoolvakanties-zuid.yaml");

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
  /** Path of the school holiday YAML; defaults to the bundled region Zuid file. */
  path?: string;
  officeHours?: OfficeHours;
  zone?: string;
};

/** Builds the WorkCalendar the bot uses from the holiday file on disk. */
export async function loadWorkCalendar(options: LoadWorkCalendarOptions = {}): Promise<WorkCalendar> {
  const data = await readSchoolHolidaysFile(options.path);
  return createWorkCalendar({
    schoolHolidays: data.holidays,
    coveredSchoolYears: data.schoolYears,
    officeHours: options.officeHours,
    zone: options.zone,
  });
}
