import { formatSchoolYear, getSchoolYear, getSchoolYearBounds, parseSchoolYear } from "./calendar/index.js";

/**
 * The moment before which closed cases and their audit events are pruned: the start of the
 * oldest school year that is kept. With 2 school years, on 25 November 2026 (school year
 * 2026-2027) everything closed before 1 August 2025 goes.
 */
export function findRetentionCutoff(now: Date, schoolYearsKept: number): Date {
  const current = parseSchoolYear(getSchoolYear(now));
  return getSchoolYearBounds(formatSchoolYear(current.startYear - (schoolYearsKept - 1))).start;
}
