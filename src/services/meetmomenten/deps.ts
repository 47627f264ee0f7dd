import type { Config } from "../../config.js";
import type { WorkCalendar } from "../../domain/calendar/index.js";
import { DEFAULT_ROUND_POLICY, type RoundPolicy } from "../../domain/meetmomenten/plan.js";
import type { EnqueueMessage } from "../ports.js";

/**
 * Meetmomenten: rounds per activity and meetmoment, the forms the owners fill in, and the job
 * that opens, reminds and closes rounds. Chat, cards and the job all come through here.
 */
export type MeetmomentDeps = {
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  policy: RoundPolicy;
  /** Who people are told to contact (the projectteam), from the configuration. */
  contact: string;
};

/** The meetmoment dependencies from what the bot and the jobs already have. */
export function meetmomentDepsOf(deps: { calendar: WorkCalendar; enqueue: EnqueueMessage; config: Config }): MeetmomentDeps {
  return { calendar: deps.calendar, enqueue: deps.enqueue, policy: { ...DEFAULT_ROUND_POLICY, closeAfterWorkingDays: deps.config.meetmomenten.closeAfterWorkingDays }, contact: deps.config.projectteamContact };
}

/** Who acts on a round: the directory person and their roles (eigenaar roles carry the activity). */
export type MeetmomentActor = { personId: number | null; naam: string | null; roles: readonly { role: string; activityId: string | null }[] };

/** Roles that may deliver or view figures of any activity (on the owner's behalf). */
export const PROGRAMME_ROLES = ["projectteam", "beheerder"] as const;

export type MeasurementSource = "card" | "chat" | "import";

export function mayActOnActivity(actor: MeetmomentActor, activityId: string): boolean {
  return actor.roles.some((r) => (PROGRAMME_ROLES as readonly string[]).includes(r.role) || (r.role === "eigenaar" && r.activityId === activityId));
}

export function ownActivityIds(actor: MeetmomentActor): string[] | null {
  if (actor.roles.some((r) => (PROGRAMME_ROLES as readonly string[]).includes(r.role))) return null;
  return [...new Set(actor.roles.filter((r) => r.role === "eigenaar" && r.activityId).map((r) => r.activityId!))];
}
