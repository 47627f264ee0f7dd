import { renderMeetmomentMessage } from "../cards/meetmoment-round-card.js";
import { atOrAfterOfficeStart } from "../domain/schedule.js";
import { meetmomentDepsOf, runMeetmomenten } from "../services/meetmomenten/index.js";
import type { JobDefinition } from "./types.js";

/**
 * Daily, just after the office opens: for every activity in the catalogue, announces rounds
 * that open in 4 working days, opens rounds on their meetmoment's working day (the owners get
 * the form), reminds owners who have not submitted (midpoint, then every 3 working days) and
 * closes rounds, opening a `meetmoment-te-laat` case for each one that closes without a complete
 * submission. Every moment is a working moment, so a weekend or holiday run does nothing new;
 * a missed day is caught up by the next run. `npx aanjager run meetmomenten --at <ISO>`.
 */
export const meetmomentenJob: JobDefinition = {
  name: "meetmomenten",
  description: "Opent meetmomentrondes, stuurt eigenaren het formulier, herinnert wie nog niet indiende en escaleert rondes die te laat zijn (dagelijks 08:10).",
  schedule: { kind: "daily", time: "08:10" },
  // Rounds open and remind at the start of office hours: never run before it (OFFICE_HOURS_START 08:30 -> 08:40).
  configureSchedule: (config) => ({ kind: "daily", time: atOrAfterOfficeStart("08:10", config.officeHours.start, 10) }),
  catchUp: true,
  async run(deps, now) {
    return { ...(await runMeetmomenten(deps.db, { ...meetmomentDepsOf(deps), render: renderMeetmomentMessage }, now, { logger: deps.logger })) };
  },
};
