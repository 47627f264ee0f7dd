import { renderDddCard } from "../cards/ddd-cards.js";
import { DDD_REMINDER_TIME } from "../domain/ddd/index.js";
import { runDddReminders } from "../services/ddd/reminders.js";
import type { JobDefinition } from "./types.js";

/**
 * The DDD campaign's daily run. It runs every day at 08:15 and decides itself whether today is a
 * working moment (weekends, holidays and carnaval do nothing; the next working day catches up),
 * so a missed day never loses a step. Idempotent: see services/ddd/reminders.ts.
 */
export const dddRemindersJob: JobDefinition = {
  name: "ddd-reminders",
  description: "Stuurt decanen en mentoren hun DDD-herinnering met eigen voortgang (werkdagen, 08:15).",
  schedule: { kind: "daily", time: DDD_REMINDER_TIME },
  catchUp: true,
  run: (deps, now) => runDddReminders({ ...deps, render: renderDddCard }, now),
};
