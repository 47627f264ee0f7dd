import { renderDddCard } from "../cards/ddd-cards.js";
import { DDD_REMINDER_TIME } from "../domain/ddd/index.js";
import { runDddReminders } from "../services/ddd/reminders.js";
import type { JobDefinition } from "./types.js";

/**
 * The DDD run-up's daily run: the registration phase after the herfstvakantie, then the campaign
 * from January to the deadline. It runs every day at 08:15 and decides itself whether today is a
 * working moment (weekends, holidays and carnaval do nothing; the next working day catches up),
 * so a missed day never loses a step. Idempotent: see services/ddd/reminders.ts.
 */
export const dddRemindersJob: JobDefinition = {
  name: "ddd-reminders",
  description: "Vraagt decanen na de herfstvakantie de overstappers te registreren en stuurt vanaf januari decanen en mentoren hun DDD-herinnering met eigen voortgang, tot de deadline (werkdagen, 08:15).",
  schedule: { kind: "daily", time: DDD_REMINDER_TIME },
  catchUp: true,
  run: (deps, now) => runDddReminders({ ...deps, render: renderDddCard }, now),
};
