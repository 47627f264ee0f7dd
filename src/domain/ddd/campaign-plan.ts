import {
  addWorkingDays,
  CalendarError,
  isValidIsoDate,
  isWorkingDay,
  listWorkingDays,
  parseSchoolYear,
  shiftIsoDate,
  type IsoDate,
  type SchoolYearLabel,
  type WorkCalendar,
} from "../calendar/index.js";
import { formatDayMonth, formatWeekdayDayMonth } from "./format.js";

/**
 * The DDD year up to the aanmelddatum as data: the registration phase after the herfstvakantie
 * (schools enter their potential overstappers in the overstap system), then the DDD campaign
 * from January to "uiterlijk 1 april", with the reminder steps in between. Everything the
 * planner, the cards and the preview say about "the plan" comes from a CampaignPlan built here,
 * so changing a step is a data change, not a code change.
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
  /** Early steps explain the lead times: the latest start of every part, or the fastest way still open. */
  leadTimeWarning: boolean;
  escalation: StepEscalation;
};

export const DEFAULT_CAMPAIGN_STEPS: readonly CampaignStepDefinition[] = [
  { id: "start", at: { kind: "start" }, title: "De DDD-campagne is begonnen", leadTimeWarning: true, escalation: "none" },
  { id: "w10", at: { kind: "weeksBefore", weeks: 10 }, title: "Nog 10 weken tot de DDD-deadline", leadTimeWarning: true, escalation: "none" },
  { id: "w6", at: { kind: "weeksBefore", weeks: 6 }, title: "Nog 6 weken tot de DDD-deadline", leadTimeWarning: true, escalation: "none" },
  { id: "w4", at: { kind: "weeksBefore", weeks: 4 }, title: "Nog 4 weken tot de DDD-deadline", leadTimeWarning: true, escalation: "forecast" },
  { id: "w2", at: { kind: "weeksBefore", weeks: 2 }, title: "Nog 2 weken tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "w1", at: { kind: "weeksBefore", weeks: 1 }, title: "Nog 1 week tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "wd3", at: { kind: "workingDaysBefore", days: 3 }, title: "Nog 3 werkdagen tot de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "wd1", at: { kind: "workingDaysBefore", days: 1 }, title: "Morgen is de DDD-deadline", leadTimeWarning: false, escalation: "forecast" },
  { id: "deadline", at: { kind: "deadline" }, title: "Laatste oproep: vandaag is de DDD-deadline", leadTimeWarning: false, escalation: "actual" },
];

/**
 * The DDD's lead times as Intergrip's national study gives them. Part A is the pupil's own work
 * and runs on calendar days (pupils also work at home and in the weekend); part B, the
 * akkoordverklaring and the mbo's handling are done by staff and count working days. The mbo
 * handles a dossier AFTER the aanmelding (`afterDeadline`): it is not reserved before 1 April,
 * which would tell schools in January that they are nearly too late.
 */
export type LeadTimePhase = {
  id: "deelA" | "deelB" | "akkoord" | "mbo";
  label: string;
  amount: number;
  unit: "dagen" | "werkdagen";
  /** Runs after the deadline (the aanmelding), not before it. */
  afterDeadline?: boolean;
};

export const DEFAULT_LEAD_TIMES: readonly LeadTimePhase[] = [
  { id: "deelA", label: "deel A (leerling)", amount: 14, unit: "dagen" },
  { id: "deelB", label: "deel B (mentor of zorgcoördinator)", amount: 5, unit: "werkdagen" },
  { id: "akkoord", label: "akkoordverklaring (leerling)", amount: 5, unit: "werkdagen" },
  { id: "mbo", label: "verwerking door het mbo", amount: 11, unit: "werkdagen", afterDeadline: true },
];

export type LeadTimeMilestone = LeadTimePhase & { latestStart: IsoDate; latestEnd: IsoDate };

export type CampaignStep = CampaignStepDefinition & {
  order: number;
  /** The day the step is meant for; may be a weekend or holiday. */
  scheduledDay: IsoDate;
  /** The working day it goes out: the scheduled day or the next working day, but never after the deadline. */
  sendDay: IsoDate;
};

/** A message of the registration phase (October to the kerstvakantie), to the decanen only. */
export type RegistrationStep = {
  id: "registratie" | "registratie-herinnering";
  title: string;
  /** The working day it goes out. */
  sendDay: IsoDate;
  /** Only to schools that have registered nothing yet (the reminder). */
  onlyUnregistered: boolean;
};

export type RegistrationPlan = {
  startDay: IsoDate;
  /** The reminder to schools without any registration; null when the settings leave no room for it. */
  reminderDay: IsoDate | null;
  steps: readonly RegistrationStep[];
};

export type CampaignPlan = {
  schoolYear: SchoolYearLabel;
  /** The registration phase before the campaign: from `registration.startDay` to the day before `startDay`. */
  registration: RegistrationPlan;
  startDay: IsoDate;
  deadlineDay: IsoDate;
  /** "1 april": how cards name the deadline. */
  deadlineLabel: string;
  steps: readonly CampaignStep[];
  /**
   * Latest start of every phase for a dossier to be in by the deadline, first phase first; the
   * phases after the deadline (the mbo's handling) start on the deadline at the latest.
   */
  milestones: readonly LeadTimeMilestone[];
};

/** When the phases begin, counted from the school holidays of the calendar's holiday region. */
export type PhaseTimingSettings = {
  /** The registration's first message: this many working days after the herfstvakantie (1 = the first working day after it). */
  registrationAfterHerfstvakantie: number;
  /** The registration reminder: this many working days before the kerstvakantie. */
  reminderBeforeKerstvakantie: number;
  /** The DDD campaign: this many working days after the kerstvakantie (1 = the first working day after it). */
  campaignAfterKerstvakantie: number;
};

export const DEFAULT_PHASE_TIMING: PhaseTimingSettings = { registrationAfterHerfstvakantie: 1, reminderBeforeKerstvakantie: 10, campaignAfterKerstvakantie: 1 };

export const DEFAULT_REGISTRATION_TITLES: Record<RegistrationStep["id"], string> = {
  registratie: "Registreer de overstappers van dit schooljaar",
  "registratie-herinnering": "Herinnering: nog geen overstappers geregistreerd",
};

export type CampaignSettings = {
  /** "MM-DD" in the second calendar year of the school year; default "04-01". */
  deadline?: string;
  /** "MM-DD" in the second calendar year; overrides `timing.campaignAfterKerstvakantie`. */
  start?: string | null;
  timing?: Partial<PhaseTimingSettings>;
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

/**
 * Latest start and end of every lead-time phase: the phases before the deadline walk back from
 * it, the phases after it (the mbo's handling after the aanmelding) walk forward from it.
 */
export function computeLeadTimeMilestones(deadlineDay: IsoDate, phases: readonly LeadTimePhase[], cal: WorkCalendar): LeadTimeMilestone[] {
  const shift = (day: IsoDate, phase: LeadTimePhase, sign: 1 | -1) => (phase.unit === "dagen" ? shiftIsoDate(day, sign * phase.amount) : addWorkingDays(day, sign * phase.amount, cal));
  const before: LeadTimeMilestone[] = [];
  let end = deadlineDay;
  for (const phase of phases.filter((p) => !p.afterDeadline).reverse()) {
    const latestStart = shift(end, phase, -1);
    before.unshift({ ...phase, latestStart, latestEnd: end });
    end = latestStart;
  }
  const after: LeadTimeMilestone[] = [];
  let start = deadlineDay;
  for (const phase of phases.filter((p) => p.afterDeadline)) {
    const latestEnd = shift(start, phase, 1);
    after.push({ ...phase, latestStart: start, latestEnd });
    start = latestEnd;
  }
  return [...before, ...after];
}

/**
 * One phase of a dossier's way to the deadline, on concrete days: the planned chain when there
 * is time for it, else the fastest way still open.
 */
export type RoutePhase = { id: LeadTimePhase["id"]; label: string; start: IsoDate; end: IsoDate };

export type DossierRoute = {
  /**
   * "op-schema": the latest starts of the plan still lie ahead; "spoed": the latest start of
   * part A has passed, and the route squeezes the phases into the working days that are left.
   * There is no "te laat": up to the deadline day itself a route exists.
   */
  kind: "op-schema" | "spoed";
  /** Working days from today (or the next working day) through the deadline. */
  workingDaysLeft: number;
  /** The phases before the deadline, first phase first; the last one ends on or before the deadline. */
  phases: RoutePhase[];
};

/** A phase's length in working days, for sharing the days that are left (14 calendar days ~ 10 working days). */
function weightOf(phase: LeadTimePhase): number {
  return Math.max(1, phase.unit === "dagen" ? Math.round((phase.amount * 5) / 7) : phase.amount);
}

/**
 * The way to the deadline for a dossier that has not started yet, as of `today`. Before part A's
 * latest start: the plan's own milestones. After it: the working days left are shared among the
 * phases in proportion to their usual length, each on at least one day while days last (on the
 * last day all of them share it). Pure; the cards say it in words.
 */
export function planDossierRoute(plan: CampaignPlan, today: IsoDate, cal: WorkCalendar): DossierRoute {
  const before = plan.milestones.filter((m) => !m.afterDeadline);
  const lastDay = lastWorkingDayOnOrBefore(plan.deadlineDay, cal);
  const next = firstWorkingDayOnOrAfter(today, cal);
  const first = next > lastDay ? lastDay : next;
  const days = listWorkingDays(first, lastDay, cal);
  const left = Math.max(1, days.length);
  if (before.length === 0 || today <= before[0]!.latestStart) {
    return { kind: "op-schema", workingDaysLeft: left, phases: before.map((m) => ({ id: m.id, label: m.label, start: m.latestStart, end: m.latestEnd })) };
  }
  const n = before.length;
  const total = before.reduce((sum, m) => sum + weightOf(m), 0);
  const dayAt = (i: number) => days[Math.min(i, days.length - 1)] ?? lastDay;
  const phases: RoutePhase[] = [];
  let cumulative = 0;
  let prevEnd = -1;
  before.forEach((m, i) => {
    cumulative += weightOf(m);
    const startIdx = left >= n ? prevEnd + 1 : Math.max(0, prevEnd);
    const maxEnd = left >= n ? left - (n - i) : left - 1;
    const endIdx = i === n - 1 ? left - 1 : Math.min(maxEnd, Math.max(startIdx, Math.ceil((cumulative / total) * left) - 1));
    phases.push({ id: m.id, label: m.label, start: dayAt(startIdx), end: dayAt(endIdx) });
    prevEnd = endIdx;
  });
  return { kind: "spoed", workingDaysLeft: left, phases };
}

/** The first and last day of a school year's holiday of one kind in the calendar, or null when the calendar has none. */
function findHoliday(cal: WorkCalendar, schoolYear: SchoolYearLabel, kind: "herfstvakantie" | "kerstvakantie"): { firstDay: IsoDate; lastDay: IsoDate } | null {
  return cal.schoolHolidays.find((h) => h.schoolYear === schoolYear && h.kind === kind) ?? null;
}

/**
 * The registration phase of a school year: its first message a few working days after the
 * herfstvakantie, its reminder a few working days before the kerstvakantie. A calendar without
 * those holidays (a school year not yet in the holiday file) falls back to the end of October
 * and Christmas, so the phase still happens.
 */
function buildRegistrationPlan(schoolYear: SchoolYearLabel, cal: WorkCalendar, timing: PhaseTimingSettings, campaignStart: IsoDate): RegistrationPlan {
  const { startYear } = parseSchoolYear(schoolYear);
  const herfst = findHoliday(cal, schoolYear, "herfstvakantie") ?? { firstDay: `${startYear}-10-24`, lastDay: `${startYear}-10-31` };
  const kerst = findHoliday(cal, schoolYear, "kerstvakantie") ?? { firstDay: `${startYear}-12-24`, lastDay: `${startYear + 1}-01-01` };
  const startDay = addWorkingDays(herfst.lastDay, Math.max(1, timing.registrationAfterHerfstvakantie), cal);
  const reminder = addWorkingDays(kerst.firstDay, -Math.max(1, timing.reminderBeforeKerstvakantie), cal);
  const reminderDay = reminder > startDay && reminder < campaignStart ? reminder : null;
  const steps: RegistrationStep[] = [{ id: "registratie", title: DEFAULT_REGISTRATION_TITLES.registratie, sendDay: startDay, onlyUnregistered: false }];
  if (reminderDay) steps.push({ id: "registratie-herinnering", title: DEFAULT_REGISTRATION_TITLES["registratie-herinnering"], sendDay: reminderDay, onlyUnregistered: true });
  return { startDay, reminderDay, steps };
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
 * The concrete plan of a school year: the registration phase, and every step of the campaign on a
 * day. The campaign starts on the first working day after the kerstvakantie unless configured. A step that falls on a weekend or in
 * a holiday moves to the next working day (deferred, never dropped); a step that would then land
 * after the deadline moves back to the last working day before it instead, where it merges with
 * the step already there. Steps before the campaign start are left out: the start message covers them.
 */
export function buildCampaignPlan(schoolYear: SchoolYearLabel, cal: WorkCalendar, settings: CampaignSettings = {}): CampaignPlan {
  const { endYear } = parseSchoolYear(schoolYear);
  const timing = { ...DEFAULT_PHASE_TIMING, ...settings.timing };
  const deadlineDay = dayInYear(settings.deadline ?? "04-01", endYear, "DDD-deadline");
  const kerst = findHoliday(cal, schoolYear, "kerstvakantie");
  const startDay = settings.start
    ? firstWorkingDayOnOrAfter(dayInYear(settings.start, endYear, "start van de DDD-campagne"), cal)
    : addWorkingDays(kerst?.lastDay ?? `${endYear}-01-01`, Math.max(1, timing.campaignAfterKerstvakantie), cal);
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
    registration: buildRegistrationPlan(schoolYear, cal, timing, startDay),
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
