import { getSchoolYearDays, nextSendMoment, shiftIsoDate, toIsoDate, type IsoDate, type WorkCalendar } from "../calendar/index.js";
import type { CampaignPlan, CampaignStep, RegistrationStep, StepEscalation } from "./campaign-plan.js";
import { formatPercent, isComplete, type DddFigures } from "./figures.js";
import { forecastCompletion, isBelowNorm, type Forecast, type ProgressPoint } from "./forecast.js";
import { buildWorkingDayIndex, type WorkingDayIndex } from "./working-day-index.js";

/**
 * The DDD reminder planner: given the moment, the plan, the calendar, every school's and mentor
 * group's progress and what was sent before, it decides who gets what now. Pure, so the job, the
 * preview (`voorbeeld herinneringen`) and the tests all ask the same function.
 *
 * Rules, in the order they are applied per target (a school's decanen, or one mentor group):
 * - Nothing goes out outside the campaign (start day up to and including the deadline day), and
 *   nothing outside a working moment today: a weekend, holiday (carnaval) or evening defers the
 *   work to the next daily run on a working day. Deferred, never dropped.
 * - At most one message per target per day (a second run the same day finds the day taken).
 * - A step is "due" from its send day on. Every due step a target has not had yet is pending; all
 *   pending steps go out together as ONE reminder carrying the latest step (missed steps are sent
 *   once, late, and piled-up steps merge).
 * - A complete target (100 %) gets one "klaar, dank je" message, once; after that its steps are
 *   settled silently. A group is complete when its school is.
 * - A mentor group whose mentor reported "Gedaan" after the latest figures is settled silently
 *   until newer figures arrive.
 * - A decaan who asked "Later herinneren" is reminded again on the snooze day, unless a step is
 *   due that day anyway (then that reminder covers it).
 * - After a step with an escalation rule, a school below its norm gets an escalation.
 * - A target's first message of the campaign is marked as such (its card shows the way to the deadline).
 */

export type TargetKind = "school" | "groep";

export type CampaignTarget = {
  key: string;
  kind: TargetKind;
  schoolId: number;
  mentorGroup: string | null;
  /** The latest figures; null when none were ever recorded. */
  figures: DddFigures | null;
  /** The target's snapshots over time, for the forecast (school targets). */
  points: readonly ProgressPoint[];
  /** For groups: the school total is complete, so every group is. */
  schoolComplete?: boolean;
  /** For groups: the mentor reported "Gedaan" after the latest figures were recorded. */
  acknowledged?: boolean;
};

export function buildTargetKey(schoolId: number, mentorGroup?: string | null): string {
  return mentorGroup ? `groep:${schoolId}:${mentorGroup}` : `school:${schoolId}`;
}

export type ReminderAction = "herinnering" | "dank" | "later" | "stil";

export type ReminderHistoryEntry = { targetKey: string; day: IsoDate; kind: ReminderAction; coveredSteps: readonly string[] };

export type DueSnooze = { id: number; targetKey: string; personId: number; stepId: string; dueDay: IsoDate };

export type PlannedEscalation = { reason: string; severity: "normaal" | "hoog"; basis: Exclude<StepEscalation, "none">; stepId: string };

export type PlannedItem = {
  targetKey: string;
  kind: TargetKind;
  schoolId: number;
  mentorGroup: string | null;
  action: ReminderAction;
  /** The step whose reminder this is (the latest of the covered steps); for "later" the snoozed step. */
  stepId: string | null;
  /** Steps this item settles (one log entry covers them all). */
  coveredSteps: string[];
  /** True when a covered step should have gone out on an earlier day. */
  late: boolean;
  /**
   * The target's first message of the campaign (a late import, a school added mid-campaign, or
   * simply the start): its card explains the way to the deadline whatever the step, and never
   * as "too late" (see planDossierRoute).
   */
  firstMessage: boolean;
  /** Snoozes this item resolves; for "later" the people to remind. */
  snoozeIds: number[];
  personIds: number[];
  /** Short Dutch reason, for the preview. */
  reason: string;
  forecast: Forecast | null;
  escalation: PlannedEscalation | null;
  sendAt: Date;
};

export type PlanStatus = "actief" | "voor-start" | "na-deadline" | "geen-werkmoment";

export type ReminderPlan = {
  /** The registration phase (October to the kerstvakantie) or the DDD campaign (January to the deadline). */
  phase: "registratie" | "campagne";
  now: Date;
  today: IsoDate;
  status: PlanStatus;
  /** When this plan's messages may be sent (today's working moment); null when nothing can go out now. */
  sendAt: Date | null;
  nextSendMoment: Date;
  /** Steps whose send day is today or earlier. */
  dueSteps: CampaignStep[];
  stepsToday: (CampaignStep | RegistrationStep)[];
  items: PlannedItem[];
  /** Targets that already had their message today. */
  alreadyToday: string[];
};

export type PlanInput = {
  now: Date;
  plan: CampaignPlan;
  calendar: WorkCalendar;
  targets: readonly CampaignTarget[];
  history: readonly ReminderHistoryEntry[];
  snoozes?: readonly DueSnooze[];
  normPercent: number;
  /** Reuse across calls (benchmarks, simulations); built from the plan's school year otherwise. */
  index?: WorkingDayIndex;
};

export function buildCampaignIndex(plan: CampaignPlan, cal: WorkCalendar): WorkingDayIndex {
  const { firstDay, lastDay } = getSchoolYearDays(plan.schoolYear);
  return buildWorkingDayIndex(firstDay, lastDay > plan.deadlineDay ? lastDay : shiftIsoDate(plan.deadlineDay, 7), cal);
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

type TargetState = "open" | "onbekend" | "klaar" | "nvt";

function classify(target: CampaignTarget): TargetState {
  if (target.kind === "groep" && target.schoolComplete) return "klaar";
  if (!target.figures) return "onbekend";
  if (target.figures.overstappers === 0) return "nvt";
  return isComplete(target.figures) ? "klaar" : "open";
}

function strongestEscalation(steps: readonly CampaignStep[]): { basis: Exclude<StepEscalation, "none">; step: CampaignStep } | null {
  const actual = [...steps].reverse().find((s) => s.escalation === "actual");
  if (actual) return { basis: "actual", step: actual };
  const forecast = [...steps].reverse().find((s) => s.escalation === "forecast");
  return forecast ? { basis: "forecast", step: forecast } : null;
}

function describeOpen(target: CampaignTarget): string {
  if (!target.figures) return "nog geen cijfers";
  return `${target.figures.afgerond} van ${target.figures.overstappers} afgerond (${formatPercent(target.figures.afgerond / target.figures.overstappers)})`;
}

export function planReminders(input: PlanInput): ReminderPlan {
  const { now, plan, calendar, normPercent } = input;
  const today = toIsoDate(now, calendar.zone);
  const next = nextSendMoment(now, calendar);
  const canSendToday = toIsoDate(next, calendar.zone) === today;
  const dueSteps = plan.steps.filter((s) => s.sendDay <= today);
  const stepsToday = plan.steps.filter((s) => s.sendDay === today);
  const base = { phase: "campagne" as const, now, today, nextSendMoment: next, dueSteps, stepsToday, items: [], alreadyToday: [] };
  if (today < plan.startDay) return { ...base, status: "voor-start", sendAt: null };
  if (today > plan.deadlineDay) return { ...base, status: "na-deadline", sendAt: null };
  if (!canSendToday) return { ...base, status: "geen-werkmoment", sendAt: null };

  const index = input.index ?? buildCampaignIndex(plan, calendar);
  const history = groupBy(input.history, (h) => h.targetKey);
  const snoozes = groupBy(
    (input.snoozes ?? []).filter((s) => s.dueDay <= today),
    (s) => s.targetKey,
  );
  const items: PlannedItem[] = [];
  const alreadyToday: string[] = [];
  const campaignSteps = new Set(plan.steps.map((s) => s.id));

  for (const target of input.targets) {
    const past = history.get(target.key) ?? [];
    if (past.some((h) => h.day === today)) {
      alreadyToday.push(target.key);
      continue;
    }
    const covered = new Set(past.flatMap((h) => h.coveredSteps));
    const pending = dueSteps.filter((s) => !covered.has(s.id));
    const due = snoozes.get(target.key) ?? [];
    const thanked = past.some((h) => h.kind === "dank");
    const firstMessage = !thanked && !past.some((h) => h.kind !== "stil" && h.coveredSteps.some((id) => campaignSteps.has(id)));
    const state = classify(target);
    const forecast =
      target.kind === "school"
        ? forecastCompletion({ points: target.points, today, deadlineDay: plan.deadlineDay, normPercent, index })
        : null;
    const item = (action: ReminderAction, reason: string, extra: Partial<PlannedItem> = {}): PlannedItem => ({
      targetKey: target.key,
      kind: target.kind,
      schoolId: target.schoolId,
      mentorGroup: target.mentorGroup,
      action,
      stepId: pending.length > 0 ? pending[pending.length - 1]!.id : null,
      coveredSteps: pending.map((s) => s.id),
      late: pending.some((s) => s.sendDay < today),
      firstMessage,
      snoozeIds: due.map((s) => s.id),
      personIds: [],
      reason,
      forecast,
      escalation: null,
      sendAt: next,
      ...extra,
    });

    if (state === "klaar") {
      if (!thanked) items.push(item("dank", "100 % afgerond: eenmalig bedankt"));
      else if (pending.length > 0 || due.length > 0) items.push(item("stil", "100 % afgerond en al bedankt"));
      continue;
    }
    if (pending.length === 0 && due.length === 0) continue;
    if (state === "nvt") {
      items.push(item("stil", "geen overstappers"));
      continue;
    }
    if (target.kind === "groep" && target.acknowledged) {
      items.push(item("stil", "mentor meldde gedaan; wacht op nieuwe cijfers"));
      continue;
    }
    if (pending.length > 0) {
      const rule = target.kind === "school" ? strongestEscalation(pending) : null;
      let escalation: PlannedEscalation | null = null;
      if (rule && forecast && isBelowNorm(forecast, rule.basis)) {
        const figures =
          forecast.status === "geen-cijfers"
            ? "er zijn geen DDD-cijfers bekend"
            : rule.basis === "actual"
              ? `${describeOpen(target)} op de deadline`
              : `${describeOpen(target)}, prognose ${plan.deadlineLabel} ${formatPercent(forecast.projectedRatio)}`;
        const farBelow = forecast.projectedRatio === null || forecast.projectedRatio * 100 < normPercent - 10;
        escalation = {
          basis: rule.basis,
          stepId: rule.step.id,
          severity: rule.basis === "actual" || farBelow ? "hoog" : "normaal",
          reason: `DDD onder de norm na "${rule.step.title}": ${figures}; norm ${normPercent} %.`,
        };
      }
      const late = pending.length > 1 ? `; ${pending.length} stappen samengevoegd` : pending[0]!.sendDay < today ? "; ingehaald" : "";
      items.push(item("herinnering", `${state === "onbekend" ? "nog geen cijfers" : describeOpen(target)}${late}`, { escalation }));
      continue;
    }
    // Only snoozes are due: remind the people who asked. The card carries the campaign's current
    // step (a snooze pressed on an older card must not bring back an outdated heading).
    const latest = [...due].sort((a, b) => (a.dueDay < b.dueDay ? -1 : 1))[due.length - 1]!;
    items.push(
      item("later", `later herinneren (${state === "onbekend" ? "nog geen cijfers" : describeOpen(target)})`, {
        stepId: dueSteps[dueSteps.length - 1]?.id ?? latest.stepId,
        personIds: [...new Set(due.map((s) => s.personId))],
      }),
    );
  }
  return { ...base, status: "actief", sendAt: next, items, alreadyToday };
}
