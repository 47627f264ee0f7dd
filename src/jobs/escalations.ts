import { atOrAfterOfficeStart } from "../domain/schedule.js";
import { isWorkingDay } from "../domain/calendar/index.js";
import { runEscalations } from "../services/cases/index.js";
import type { JobDefinition } from "./types.js";

/**
 * Daily on working days, just after the office opens: advances every due case one level, and
 * ends pauses whose date passed. On other days only pauses end (the cron fires daily; a
 * weekend or holiday run escalates nothing, so waits across holidays are deferred, not lost).
 */
export const escalationsJob: JobDefinition = {
  name: "escalations",
  description: "Escaleert zaken die te lang blijven liggen één niveau en hervat gepauzeerde zaken (werkdagen 08:05).",
  schedule: { kind: "daily", time: "08:05" },
  // Levels fall due at the start of office hours: never run before it (OFFICE_HOURS_START 08:30 -> 08:35).
  configureSchedule: (config) => ({ kind: "daily", time: atOrAfterOfficeStart("08:05", config.officeHours.start, 5) }),
  catchUp: true,
  async run(deps, now) {
    const summary = await runEscalations(deps.db, deps, now, { workingDay: isWorkingDay(now, deps.calendar), logger: deps.logger });
    return { ...summary };
  },
};
