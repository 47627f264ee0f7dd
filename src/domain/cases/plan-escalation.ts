import { addWorkingDays, getOfficeWindow, nextSendMoment, toIsoDate, type WorkCalendar } from "../calendar/index.js";
import { findPolicyLevel, type EscalationLevel, type EscalationPolicy } from "./policy.js";
import type { CaseSnapshot } from "./types.js";

/**
 * What the escalation job should do with a case now. Pure: the job, the chat commands and the
 * tests all ask the same question with an injected `now` and calendar.
 */
export type EscalationStep =
  /** Nothing will ever happen by itself: resolved, acknowledged, or the top level reached. */
  | { kind: "none"; reason: "resolved" | "acknowledged" | "top-level" }
  /** A pause ended: return to the state before the pause first. */
  | { kind: "resume"; at: Date }
  /** Still paused until `until`. */
  | { kind: "paused"; until: Date }
  /** The next level is due at `dueAt`, which lies after `now`. */
  | { kind: "wait"; level: EscalationLevel; dueAt: Date }
  /** The next level is due (at `dueAt`, not after `now`): fire it. */
  | { kind: "escalate"; level: EscalationLevel; dueAt: Date };

/**
 * When the next level of a case is due: `waitWorkingDays` working days after the day the case
 * started waiting, at the start of office hours. Weekends, public holidays and school holidays
 * are not counted, and a moment that falls outside working time moves to the next working
 * morning: deferred, never dropped. A wait of 0 means "at the next working moment".
 */
export function computeDueAt(since: Date, waitWorkingDays: number, cal: WorkCalendar): Date {
  if (waitWorkingDays <= 0) return nextSendMoment(since, cal);
  const day = addWorkingDays(toIsoDate(since, cal.zone), waitWorkingDays, cal);
  return nextSendMoment(getOfficeWindow(day, cal).start, cal);
}

export function planEscalation(snapshot: CaseSnapshot, policy: EscalationPolicy, now: Date, cal: WorkCalendar): EscalationStep {
  if (snapshot.state === "opgelost") return { kind: "none", reason: "resolved" };
  if (snapshot.state === "gepauzeerd") {
    // A pause without a date cannot happen through the app; treat it as ending now rather than never.
    const until = snapshot.pausedUntil ?? now;
    return until.getTime() <= now.getTime() ? { kind: "resume", at: until } : { kind: "paused", until };
  }
  if (snapshot.state === "erkend") return { kind: "none", reason: "acknowledged" };
  const next = findPolicyLevel(policy, snapshot.level + 1);
  if (!next) return { kind: "none", reason: "top-level" };
  const dueAt = computeDueAt(snapshot.levelSince, next.waitWorkingDays, cal);
  return dueAt.getTime() <= now.getTime() ? { kind: "escalate", level: next, dueAt } : { kind: "wait", level: next, dueAt };
}
