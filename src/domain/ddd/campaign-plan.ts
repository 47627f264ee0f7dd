import {
  addWorkingDays,
  CalendarError,
  firstWorkingDayOfMonth,
  isValidIsoDate,
  isWorkingDay,
  parseSchoolYear,
  shiftIsoDate,
  type IsoDate,
  type SchoolYearLabel,
  type WorkCalendar,
} from "../calendar/index.js";
import { formatDayMonth, formatWeekdayDayMonth } from "./format.js";

/**
 * The DDD campaign as data: when it starts, when the dossiers must be in, and the reminder steps
 * in between. Everything the planner, the cards and the preview say about "the plan" comes from
 * a CampaignPlan built here, so changing a step is a data change, not a code change.
 */


/** When the reminders of a day are planned (and what a preview of a bare date assumes). */
export const DDD_REMINDER_TIME = "08:15";

export type CampaignStepAt =
  | { kind: "start" }
  | { kind: "weeksBefore"; weeks: number }
  | { kind: "workingDaysBefore"; days: number }
  | { kind: "deadline" };

/**
 * When a school below its norm gets an escalation case after this step:
 * - "none": never (too early to judge).
 * - "forecast": when the forecast on the deadline, at the pace of the last two weeks, is below
 *   the norm. Judging the current percentage would open a case for nearly every school weeks
 *   before the deadline (most dossiers are completed late), which the projectteam would learn
 *   to ignore; the forecast flags the schools that will really miss it.
 * - "actual": when the current percentage is below the norm (the deadline itself).
 */
export type StepEscalation = "none" | "forecast" | "actual";

export type CampaignStepDefinition = {
  id: string;
  at: CampaignStepAt;
  /** Dutch heading of the reminder, e.g. "Nog 2 weken tot de DDD-deadline". */
  title: string;
  /** Early steps explain the lead times: who has not started part A by mid-February will not make it. */
  leadTimeWarning: boolean;
  escalation: StepEscalation;
};

export const DEFAULT_CAMPAIGN_STEPS: readonly CampaignStepDefinition[] = [
  { id: "start", at: { kind: "start" }, title: "De DDD-campagne is begonnen", leadTimeWarning: true, escalation: "none" },
  { id: "w6", at: { kind: "weeksBefore", weeks: 6 }, title: "Nog 6 weken tot de DDD-deadline", leadTimeWarning: true, escalation: "none" },
  { id: "w4", at: { kind: "weeksBefore", weeks: 4 }, title: "Nog 4 weken tot de DDD-deadline", leadTimeWarning: true, escalation: "forecast" },
  { id: "w2", at: { kind: "weeksBefore", weeks: 2 }, title: "Nog 2 weken tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "w1", at: { kind: "weeksBefore", weeks: 1 }, title: "Nog 1 week tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "wd3", at: { kind: "workingDaysBefore", days: 3 }, title: "Nog 3 werkdagen tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "wd1", at: { kind: "workingDaysBefore", days: 1 }, title: "Morgen is de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "deadline", at: { kind: "deadline" }, title: "Laatste oproep: vandaag is de DDD-deadline", leadTimeWarning: false, escalation: "actual" },
];

/**
 * The DDD's real lead times, worked backwards from the deadline. Part A is the pupil's own work
 * and runs on calendar days (pupils also work at home and in the weekend); part B, the akkoord
 * and the mbo's handling are done by staff and count working days.
 */
export type LeadTimePhase = { id: "deelA" | "deelB" | "akkoord" | "mbo"; label: string; amount: number; unit: "dagen" | "werkdagen" };

export const DEFAULT_LEAD_TIMES: readonly LeadTimePhase[] = [
  { id: "deelA", label: "deel A (leerling)", amount: 14, unit: "dagen" },
  { id: "deelB", label: "deel B (mentor)", amount: 5, unit: "werkdagen" },
  { id: "akkoord", label: "akkoord", amount: 5, unit: "werkdagen" },
  { id: "mbo", label: "verwerking door het mbo", amount: 11, unit: "werkdagen" },
];

export type LeadTimeMilestone = LeadTimePhase & { latestStart: IsoDate; latestEnd: IsoDate };

export type CampaignStep = CampaignStepDefinition & {
  order: number;
  /** The day the step is meant for; may be a weekend or holiday. */
  scheduledDay: IsoDate;
  /** The working day it goes out: the scheduled day or the next working day, but never after the deadline. */
  sendDay: IsoDate;
};

export type CampaignPlan = {
  schoolYear: SchoolYearLabel;
  startDay: IsoDate;
  deadlineDay: IsoDate;
  /** "1 april": how cards name the deadline. */
  deadlineLabel: string;
  steps: readonly CampaignStep[];
  /** Latest start of every phase for a dossier to be in by the deadline, first phase first. */
  milestones: readonly LeadTimeMilestone[];
};

export type CampaignSettings = {
  /** "MM-DD" in the second calendar year of the school year; default "04-01". */
  deadline?: string;
  /** "MM-DD" in the second calendar year; default: the first working day of February. */
  start?: string | null;
  steps?: readonly CampaignStepDefinition[];
  leadTimes?: readonly LeadTimePhase[];
};

const MONTH_DAY = /^(\d{2})-(\d{2})$/;

function dayInYear(monthDay: string, year: number, what: string): IsoDate {
  const match = MONTH_DAY.exec(monthDay);
  const day = match ? `${year}-${match[1]}-${match[2]}` : "";
  if (!match || !isValidIsoDate(day)) {
    throw new CalendarError("INVALID_DATE", `Ongeldige ${what} '${monthDay}': verwacht MM-DD, bijvoorbeeld 04-01.`);
  }
  return day;
}

function lastWorkingDayOnOrBefore(day: IsoDate, cal: WorkCalendar): IsoDate {
  return isWorkingDay(day, cal) ? day : addWorkingDays(day, -1, cal);
}

function firstWorkingDayOnOrAfter(day: IsoDate, cal: WorkCalendar): IsoDate {
  return isWorkingDay(day, cal) ? day : addWorkingDays(day, 1, cal);
}

/** Latest start and end of every lead-time phase, walking back from the deadline. */
export function computeLeadTimeMilestones(deadlineDay: IsoDate, phases: readonly LeadTimePhase[], cal: WorkCalendar): LeadTimeMilestone[] {
  const milestones: LeadTimeMilestone[] = [];
  let end = deadlineDay;
  for (const phase of [...phases].reverse()) {
    const latestStart = phase.unit === "dagen" ? shiftIsoDate(end, -phase.amount) : addWorkingDays(end, -phase.amount, cal);
    milestones.unshift({ ...phase, latestStart, latestEnd: end });
    end = latestStart;
  }
  return milestones;
}

/**
 * The default titles of the last two steps say "vandaag" and "morgen". When the deadline is no
 * working day (Saturday 1 April 2028) or follows a weekend (Monday 1 April 2030), the step goes
 * out on another day, and its title names the deadline's day instead of saying something untrue.
 */
function titleOnSendDay(definition: CampaignStepDefinition, sendDay: IsoDate, deadlineDay: IsoDate): string {
  const day = formatWeekdayDayMonth(deadlineDay);
  if (definition.at.kind === "deadline" && sendDay !== deadlineDay) return `Laatste oproep: ${day} is de DDD-deadline`;
  if (definition.at.kind === "workingDaysBefore" && definition.at.days === 1 && shiftIsoDate(sendDay, 1) !== deadlineDay) {
    return `${day.charAt(0).toUpperCase()}${day.slice(1)} is de DDD-deadline`;
  }
  return definition.title;
}

/**
 * The concrete plan of a school year: every step on a day. A step that falls on a weekend or in
 * a holiday moves to the next working day (deferred, never dropped); a step that would then land
 * after the deadline moves back to the last working day before it instead, where it merges with
 * the step already there. Steps before the campaign start are left out: the start message covers them.
 */
export function buildCampaignPlan(schoolYear: SchoolYearLabel, cal: WorkCalendar, settings: CampaignSettings = {}): CampaignPlan {
  const { endYear } = parseSchoolYear(schoolYear);
  const deadlineDay = dayInYear(settings.deadline ?? "04-01", endYear, "DDD-deadline");
  const startDay = settings.start
    ? firstWorkingDayOnOrAfter(dayInYear(settings.start, endYear, "start van de DDD-campagne"), cal)
    : firstWorkingDayOfMonth(endYear, 2, cal);
  if (startDay >= deadlineDay) {
    throw new CalendarError("INVALID_RANGE", `De DDD-campagne moet vóór de deadline beginnen (start ${startDay}, deadline ${deadlineDay}).`);
  }
  const lastSendDay = lastWorkingDayOnOrBefore(deadlineDay, cal);
  const definitions = settings.steps ?? DEFAULT_CAMPAIGN_STEPS;
  const ids = new Set<string>();
  const steps: CampaignStep[] = [];
  definitions.forEach((definition, order) => {
    if (ids.has(definition.id)) throw new CalendarError("INVALID_RANGE", `Dubbele stap '${definition.id}' in het DDD-campagneplan.`);
    ids.add(definition.id);
    const at = definition.at;
    const scheduledDay =
      at.kind === "start"
        ? startDay
        : at.kind === "deadline"
          ? deadlineDay
          : at.kind === "weeksBefore"
            ? shiftIsoDate(deadlineDay, -7 * at.weeks)
            : addWorkingDays(deadlineDay, -at.days, cal);
    let sendDay = firstWorkingDayOnOrAfter(scheduledDay, cal);
    if (sendDay > lastSendDay) sendDay = lastSendDay;
    if (sendDay < startDay) return;
    steps.push({ ...definition, title: titleOnSendDay(definition, sendDay, deadlineDay), order, scheduledDay, sendDay });
  });
  steps.sort((a, b) => (a.sendDay === b.sendDay ? a.order - b.order : a.sendDay < b.sendDay ? -1 : 1));
  return {
    schoolYear,
    startDay,
    deadlineDay,
    deadlineLabel: formatDayMonth(deadlineDay),
    steps,
    milestones: computeLeadTimeMilestones(deadlineDay, settings.leadTimes ?? DEFAULT_LEAD_TIMES, cal),
  };
}

export function findStep(plan: CampaignPlan, stepId: string | null | undefined): CampaignStep | undefined {
  return stepId ? plan.steps.find((s) => s.id === stepId) : undefined;
}
