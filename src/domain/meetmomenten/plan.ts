import { addWorkingDays, getOfficeWindow, type IsoDate, type WorkCalendar } from "../calendar/index.js";

/**
 * When what happens around one meetmoment round (Peakon's reminder policy, adapted to the
 * school calendar): a notice to the owners some working days before the round opens, the form
 * on the opening day, reminders to owners who have not submitted at the midpoint of the round
 * and every few working days after, and at the close an escalation when nothing complete came
 * in. Every moment is the start of office hours on a working day, so nothing is planned in a
 * weekend or holiday. Pure: the job asks `planRoundSteps` what is due at `now`.
 */
export type RoundPolicy = {
  /** The round closes this many working days after it opens (corrections are possible until then). */
  closeAfterWorkingDays: number;
  /** The "binnenkort" notice goes out this many working days before the round opens. */
  announceWorkingDaysBefore: number;
  /** After the first reminder at the midpoint, one every this many working days. */
  reminderIntervalWorkingDays: number;
};

export const DEFAULT_ROUND_POLICY: Readonly<RoundPolicy> = Object.freeze({ closeAfterWorkingDays: 10, announceWorkingDaysBefore: 4, reminderIntervalWorkingDays: 3 });

export type RoundTimeline = {
  openDay: IsoDate;
  announceDay: IsoDate;
  announceAt: Date;
  openAt: Date;
  /** The working days of the reminders, in order (reminder 1 on the first). */
  reminderDays: IsoDate[];
  reminderAts: Date[];
  /** The last working day on which figures can be submitted or corrected. */
  lastDay: IsoDate;
  /** Submissions are refused from this moment: the start of office hours on the working day after lastDay. */
  closesAt: Date;
};

function officeStart(day: IsoDate, cal: WorkCalendar): Date {
  return getOfficeWindow(day, cal).start;
}

/** The timeline of a round that opens on `openDay` (a working day). */
export function planRoundTimeline(openDay: IsoDate, cal: WorkCalendar, policy: RoundPolicy = DEFAULT_ROUND_POLICY): RoundTimeline {
  const close = Math.max(1, Math.floor(policy.closeAfterWorkingDays));
  const interval = Math.max(1, Math.floor(policy.reminderIntervalWorkingDays));
  const announceDay = addWorkingDays(openDay, -Math.max(0, policy.announceWorkingDaysBefore), cal);
  const reminderDays: IsoDate[] = [];
  // The midpoint (5 of 10 working days), then every `interval` working days while the round is open.
  for (let offset = Math.max(1, Math.floor(close / 2)); offset < close; offset += interval) reminderDays.push(addWorkingDays(openDay, offset, cal));
  const closeDay = addWorkingDays(openDay, close, cal);
  return {
    openDay,
    announceDay,
    announceAt: officeStart(announceDay, cal),
    openAt: officeStart(openDay, cal),
    reminderDays,
    reminderAts: reminderDays.map((d) => officeStart(d, cal)),
    lastDay: addWorkingDays(openDay, close - 1, cal),
    closesAt: officeStart(closeDay, cal),
  };
}

/** A round as the planner needs to know it; "nieuw" when it is not stored yet. */
export type RoundState = {
  status: "nieuw" | "gepland" | "open" | "gesloten";
  announced: boolean;
  remindersSent: number;
  /** A complete submission came in: the owners' task is done. */
  submitted: boolean;
};

export type RoundStep =
  | { kind: "announce" }
  /** `remindersDue`: reminders whose moment already passed when the round opened late; they are not sent. */
  | { kind: "open"; remindersDue: number }
  /** Only the latest due reminder is sent; `number` is 1-based. */
  | { kind: "remind"; number: number }
  | { kind: "close"; overdue: boolean };

function countDue(ats: readonly Date[], now: Date): number {
  return ats.filter((at) => at.getTime() <= now.getTime()).length;
}

/**
 * What is due for a round at `now`. A job that was down catches up with one step per kind: a
 * round that should have opened opens (without the notice, which would be late), only the
 * latest of several missed reminders goes out, and a round whose close passed closes. A
 * meetmoment that closed before the job ever saw it is left alone: opening and escalating a
 * round nobody was asked for would be noise.
 */
export function planRoundSteps(state: RoundState, timeline: RoundTimeline, now: Date): RoundStep[] {
  const t = now.getTime();
  if (state.status === "gesloten") return [];
  if (t >= timeline.closesAt.getTime()) return state.status === "nieuw" ? [] : [{ kind: "close", overdue: !state.submitted }];
  if (t >= timeline.openAt.getTime()) {
    const due = countDue(timeline.reminderAts, now);
    if (state.status !== "open") return [{ kind: "open", remindersDue: due }];
    if (!state.submitted && due > state.remindersSent) return [{ kind: "remind", number: due }];
    return [];
  }
  // Before the opening only a new or planned round can be announced (an open round seen with an earlier clock stays as it is).
  if (t >= timeline.announceAt.getTime() && !state.announced && (state.status === "nieuw" || state.status === "gepland")) return [{ kind: "announce" }];
  return [];
}
