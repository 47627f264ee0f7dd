import { DateTime } from "luxon";

/**
 * Job schedules as data. Kept to the shapes Aanjager needs (daily, weekly, every N minutes) so
 * that slots can be computed exactly, in Europe/Amsterdam wall-clock time, for catch-up after
 * downtime and for `aanjager jobs`; the scheduler turns them into cron expressions.
 */
export type JobSchedule =
  | { kind: "daily"; time: string }
  | { kind: "weekly"; weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; time: string }
  | { kind: "interval"; minutes: number };

export const SCHEDULE_ZONE = "Europe/Amsterdam";

function parseTime(time: string): { hour: number; minute: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  if (!match) throw new Error(`invalid schedule time "${time}"`);
  return { hour: Number(match[1]), minute: Number(match[2]) };
}

/**
 * The later of a job's own time and `minutesAfter` past the start of office hours ("HH:MM").
 * Jobs whose moments fall at the start of office hours (escalation levels, meetmoment rounds)
 * would otherwise run before them when the office opens later than 08:00 and act a day late.
 */
export function atOrAfterOfficeStart(time: string, officeStart: string, minutesAfter: number): string {
  const own = parseTime(time);
  const office = parseTime(officeStart);
  const earliest = office.hour * 60 + office.minute + minutesAfter;
  const chosen = Math.max(own.hour * 60 + own.minute, Math.min(earliest, 23 * 60 + 59));
  return `${String(Math.floor(chosen / 60)).padStart(2, "0")}:${String(chosen % 60).padStart(2, "0")}`;
}

/** The most recent slot at or before `now`. */
export function findPreviousSlot(schedule: JobSchedule, now: Date, zone = SCHEDULE_ZONE): Date {
  const local = DateTime.fromJSDate(now, { zone });
  if (schedule.kind === "interval") {
    const minutes = Math.floor(local.toMillis() / 60_000);
    return new Date((minutes - (minutes % schedule.minutes)) * 60_000);
  }
  const { hour, minute } = parseTime(schedule.time);
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (schedule.kind === "weekly") {
    candidate = candidate.minus({ days: (candidate.weekday - schedule.weekday + 7) % 7 });
    if (candidate > local) candidate = candidate.minus({ weeks: 1 });
  } else if (candidate > local) {
    candidate = candidate.minus({ days: 1 });
  }
  return candidate.toJSDate();
}

/** The first slot strictly after `now`. */
export function findNextSlot(schedule: JobSchedule, now: Date, zone = SCHEDULE_ZONE): Date {
  const local = DateTime.fromJSDate(now, { zone });
  if (schedule.kind === "interval") {
    return new Date(findPreviousSlot(schedule, now, zone).getTime() + schedule.minutes * 60_000);
  }
  const { hour, minute } = parseTime(schedule.time);
  let candidate = local.set({ hour, minute, second: 0, millisecond: 0 });
  if (schedule.kind === "weekly") {
    candidate = candidate.plus({ days: (schedule.weekday - candidate.weekday + 7) % 7 });
    if (candidate <= local) candidate = candidate.plus({ weeks: 1 });
  } else if (candidate <= local) {
    candidate = candidate.plus({ days: 1 });
  }
  return candidate.toJSDate();
}

/** node-cron expression (minute hour day month weekday), evaluated in SCHEDULE_ZONE by the scheduler. */
export function toCronExpression(schedule: JobSchedule): string {
  if (schedule.kind === "interval") return `*/${schedule.minutes} * * * *`;
  const { hour, minute } = parseTime(schedule.time);
  return schedule.kind === "daily" ? `${minute} ${hour} * * *` : `${minute} ${hour} * * ${schedule.weekday % 7}`;
}

/** The unique key of one scheduled slot: one run per job per slot, ever. */
export function buildSlotKey(job: string, slot: Date): string {
  return `${job}@${slot.toISOString()}`;
}

export function describeSchedule(schedule: JobSchedule): string {
  const days = ["", "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag"];
  if (schedule.kind === "interval") return `elke ${schedule.minutes} min`;
  if (schedule.kind === "daily") return `dagelijks ${schedule.time}`;
  return `elke ${days[schedule.weekday]} ${schedule.time}`;
}
