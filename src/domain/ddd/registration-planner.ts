import { nextSendMoment, toIsoDate } from "../calendar/index.js";
import type { RegistrationStep } from "./campaign-plan.js";
import { plural } from "./format.js";
import type { PlanInput, PlannedItem, ReminderHistoryEntry, ReminderPlan } from "./planner.js";

/**
 * The registration phase's planner (issue 18): from the registration day after the herfstvakantie
 * up to the campaign's start, the decanen of every school with overstappers expected are asked to
 * register their potential mbo overstappers in the overstap system, once; schools that have
 * registered nothing by the reminder day (before the kerstvakantie) are reminded once. Pure, like
 * planReminders, whose rules it shares: working moments only, one message per target per day,
 * missed steps merged into one, a step covered once is never sent again.
 *
 * "Registered" is what the overstap system's figures say: a school total with overstappers > 0.
 * A school that reported 0 overstappers is settled silently; mentor groups get nothing yet (the
 * registration is the decaan's work).
 */

function isRegistrationStep(id: string): boolean {
  return id === "registratie" || id === "registratie-herinnering";
}

export function planRegistrationReminders(input: Pick<PlanInput, "now" | "plan" | "calendar" | "targets" | "history">): ReminderPlan {
  const { now, plan, calendar } = input;
  const today = toIsoDate(now, calendar.zone);
  const next = nextSendMoment(now, calendar);
  const canSendToday = toIsoDate(next, calendar.zone) === today;
  const steps = plan.registration.steps;
  const dueSteps = steps.filter((s) => s.sendDay <= today);
  const stepsToday = steps.filter((s) => s.sendDay === today);
  const base = { phase: "registratie" as const, now, today, nextSendMoment: next, dueSteps: [], stepsToday, items: [], alreadyToday: [] };
  if (today < plan.registration.startDay) return { ...base, status: "voor-start", sendAt: null };
  // From the campaign's start on, planReminders plans (the job asks this planner only before it).
  if (today >= plan.startDay) return { ...base, status: "na-deadline", sendAt: null };
  if (!canSendToday) return { ...base, status: "geen-werkmoment", sendAt: null };

  const items: PlannedItem[] = [];
  const alreadyToday: string[] = [];
  const history = new Map<string, ReminderHistoryEntry[]>();
  for (const h of input.history) history.set(h.targetKey, [...(history.get(h.targetKey) ?? []), h]);
  for (const target of input.targets) {
    if (target.kind !== "school") continue;
    const past = history.get(target.key) ?? [];
    if (past.some((h) => h.day === today)) {
      alreadyToday.push(target.key);
      continue;
    }
    const covered = new Set(past.flatMap((h) => h.coveredSteps));
    const pending = dueSteps.filter((s) => !covered.has(s.id));
    if (pending.length === 0) continue;
    const registered = target.figures !== null && target.figures.overstappers > 0;
    const none = target.figures !== null && target.figures.overstappers === 0;
    const firstMessage = !past.some((h) => h.kind !== "stil" && h.coveredSteps.some(isRegistrationStep));
    // A registered school needs no reminder; it still gets the phase's first message (the year ahead, its count to check).
    const applies: RegistrationStep[] = none ? [] : registered ? pending.filter((s) => !s.onlyUnregistered) : pending;
    const item = (action: PlannedItem["action"], reason: string, stepId: string | null): PlannedItem => ({
      targetKey: target.key,
      kind: target.kind,
      schoolId: target.schoolId,
      mentorGroup: null,
      action,
      stepId,
      coveredSteps: pending.map((s) => s.id),
      late: pending.some((s) => s.sendDay < today),
      firstMessage,
      snoozeIds: [],
      personIds: [],
      reason,
      forecast: null,
      escalation: null,
      sendAt: next,
    });
    if (applies.length === 0) {
      items.push(item("stil", none ? "geen overstappers" : `${plural(target.figures!.overstappers, "overstapper", "overstappers")} geregistreerd`, null));
      continue;
    }
    const reason = registered ? `${plural(target.figures!.overstappers, "overstapper", "overstappers")} geregistreerd` : "nog niets geregistreerd";
    // A school's first message is the ask itself, also when it comes after the reminder day (a school added late).
    const stepId = firstMessage && applies.some((s) => s.id === "registratie") ? "registratie" : applies[applies.length - 1]!.id;
    items.push(item("herinnering", `${reason}${pending.length > 1 ? `; ${pending.length} stappen samengevoegd` : ""}`, stepId));
  }
  return { ...base, status: "actief", sendAt: next, items, alreadyToday };
}
