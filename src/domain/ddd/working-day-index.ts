import { countWorkingDaysBetween, isWorkingDay, shiftIsoDate, type IsoDate, type WorkCalendar } from "../calendar/index.js";

/**
 * Working-day arithmetic over a fixed range, precomputed once. The calendar module answers one
 * question at a time (and validates every day it is given); planning a campaign asks the same
 * questions hundreds of times per school, so the planner looks the answers up here instead.
 * Days outside the range fall back to the calendar, so results never depend on the range chosen.
 */
export type WorkingDayIndex = {
  readonly from: IsoDate;
  readonly to: IsoDate;
  isWorkingDay(day: IsoDate): boolean;
  /** Working days after `a` up to and including `b` (as countWorkingDaysBetween; negative when b < a). */
  countBetween(a: IsoDate, b: IsoDate): number;
  /** Working days from `a` through `b`, both inclusive; 0 when b < a. */
  countInclusive(a: IsoDate, b: IsoDate): number;
};

export function buildWorkingDayIndex(from: IsoDate, to: IsoDate, cal: WorkCalendar): WorkingDayIndex {
  const ordinal = new Map<IsoDate, number>();
  // prefix[i] = working days among the first i days of the range.
  const prefix: number[] = [0];
  const working: boolean[] = [];
  for (let day = from, i = 0; day <= to; day = shiftIsoDate(day, 1), i++) {
    ordinal.set(day, i);
    const w = isWorkingDay(day, cal);
    working.push(w);
    prefix.push(prefix[i]! + (w ? 1 : 0));
  }
  const inRange = (day: IsoDate) => ordinal.get(day);
  const countBetween = (a: IsoDate, b: IsoDate): number => {
    const ia = inRange(a);
    const ib = inRange(b);
    if (ia === undefined || ib === undefined) return countWorkingDaysBetween(a, b, cal);
    // Days after a up to and including b: prefix over (ia, ib].
    return ib >= ia ? prefix[ib + 1]! - prefix[ia + 1]! : -(prefix[ia + 1]! - prefix[ib + 1]!);
  };
  return {
    from,
    to,
    isWorkingDay(day) {
      const i = inRange(day);
      return i === undefined ? isWorkingDay(day, cal) : working[i]!;
    },
    countBetween,
    countInclusive(a, b) {
      if (b < a) return 0;
      const ia = inRange(a);
      const ib = inRange(b);
      if (ia === undefined || ib === undefined) return countWorkingDaysBetween(shiftIsoDate(a, -1), b, cal);
      return prefix[ib + 1]! - prefix[ia]!;
    },
  };
}
