import type { IsoDate } from "../calendar/index.js";
import { toPercentage } from "./status.js";
import type { MeetmomentRoundStatus, MeetmomentSectionData } from "./types.js";

const OVERDUE_LISTED = 25;

/**
 * Rounds open, the response rate over the open rounds, and the owners past their date. A round
 * that closed without its figures stays listed: it takes no late figures, so for the school year
 * that delivery is missed (its escalation is a case of its own).
 */
export function buildMeetmomentSection(rounds: readonly MeetmomentRoundStatus[], asOf: IsoDate): MeetmomentSectionData {
  const open = rounds.filter((r) => r.state === "open");
  const requested = open.reduce((s, r) => s + r.requested, 0);
  const responded = open.reduce((s, r) => s + r.responded, 0);
  const overdue = rounds
    .filter((r) => r.dueOn < asOf)
    .flatMap((r) => r.overdueOwners.map((owner) => ({ activityNaam: r.activityNaam, owner, dueOn: r.dueOn })))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.activityNaam.localeCompare(b.activityNaam, "nl"));
  return { open: open.length, requested, responded, responsePct: toPercentage(responded, requested), overdue: overdue.slice(0, OVERDUE_LISTED) };
}
