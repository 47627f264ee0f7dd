import { runDddReminders } from "../services/ddd/reminders.js";
import type { JobDefinition } from "./types.js";

/**
 * The DDD campaign's daily run. It runs every day at 08:15 and decides itself whether today is a
 * working moment (weekends, holidays and carnaval do nothing; the next working day catches up),
 * so a missed day never loses a step. Idempotent: see services/ddd/reminders.ts.
 */
/** When the reminders of a day are planned (and what a preview of a bare date assumes). */
export const DDD_REMINDER_TIME = "08:15";

export const dddRemindersJob: JobDefinition = {
  name: "ddd-reminders",
  description: "Stuurt decanen en mentoren hun DDD-herinnering met eigen voortgang (werkdagen, 08:15).",
  schedule: { kind: "daily", time: DDD_REMINDER_TIME },
  catchUp: true,
  run: (deps, now) => runDddReminders(deps, now),
};
