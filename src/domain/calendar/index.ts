/**
 * Public API of the calendar domain: school years, Dutch public holidays, school holidays and
 * working-time arithmetic. Pure: every function gets "now" and its data as arguments, so the
 * scheduler and the tests decide what time it is.
 */
export {
  AMSTERDAM_ZONE,
  CalendarError,
  assertIsoDate,
  formatSchoolYear,
  getIsoWeekday,
  getSchoolYear,
  getSchoolYearBounds,
  getSchoolYearDays,
  isCalendarError,
  isSchoolYearLabel,
  isValidIsoDate,
  listSchoolYears,
  parseSchoolYear,
  shiftIsoDate,
  shiftIsoDateYears,
  toIsoDate,
} from "./school-year.js";
export type { CalendarErrorReason, IsoDate, ParsedSchoolYear, SchoolYearLabel } from "./school-year.js";

export { calculateEasterSunday, findPublicHolidays, getPublicHolidays } from "./public-holidays.js";
export type { PublicHoliday } from "./public-holidays.js";

export {
  SCHOOL_HOLIDAY_KINDS,
  SCHOOL_HOLIDAY_REGIONS,
  findSchoolHolidays,
  listSchoolHolidaysOfYear,
  parseSchoolHolidays,
  schoolHolidayFileSchema,
  validateSchoolHolidays,
} from "./school-holidays.js";
export type {
  SchoolHoliday,
  SchoolHolidayData,
  SchoolHolidayFile,
  SchoolHolidayKind,
  SchoolHolidayRegion,
} from "./school-holidays.js";

export {
  DEFAULT_OFFICE_HOURS,
  addWorkingDays,
  countWorkingDaysBetween,
  createWorkCalendar,
  describeNonWorkingDay,
  firstWorkingDayOfMonth,
  getOfficeWindow,
  hasSchoolHolidayData,
  isWithinOfficeHours,
  isWorkingDay,
  listWorkingDays,
  nextSendMoment,
} from "./working-time.js";
export type { OfficeHours, WorkCalendar, WorkCalendarOptions } from "./working-time.js";
