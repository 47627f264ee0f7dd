import { addWorkingDays, CalendarError, formatSchoolYear, getSchoolYear, isValidIsoDate, isWorkingDay, parseSchoolYear, shiftIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../calendar/index.js";
import { formatPercent, type DddFigureField } from "./figures.js";
import { formatDayMonth } from "./format.js";
import { OVERSTAP_COUNT_LABELS, type OverstapCountField, type OverstapCounts } from "./overstap-counts.js";

/**
 * The overstap year of one cohort as data (issue 18): the pupils in their last vo year of school
 * year `cohort`, from their registration in October to their start in the mbo the next October.
 * The registration and DDD phases are the run-up to 1 April (the campaign plan, campaign-plan.ts,
 * sends their messages); after it come toelating/plaatsing (the 1 June check) and summer and
 * start (the 1 October check). Each phase has its window, the counts it is judged on, its
 * reminders and its check with a norm, so the job, the summary and the tests read one list.
 * The cohort's last phase ends in the next school year: its counts stay stored under the cohort.
 */
export type OverstapPhaseId = "registratie" | "ddd" | "toelating" | "start";

/** A norm as a share: numerator / denominator, in percent. */
export type OverstapNorm = {
  percent: number;
  numerator: OverstapCountField | DddFigureField;
  denominator: OverstapCountField | DddFigureField;
  /** What the share counts, in Dutch, for cards and the summary. */
  label: string;
  /** Where the value comes from: the programme catalogue, or the region file (with its default). */
  source: "catalogus" | "regio";
};

export type OverstapYearStep = {
  id: string;
  kind: "herinnering" | "controle";
  title: string;
  /** The day it is meant for (may be a weekend or holiday)... */
  day: IsoDate;
  /** ...and the working day it goes out: that day or the next working day. */
  sendDay: IsoDate;
};

export type OverstapPhase = {
  id: OverstapPhaseId;
  title: string;
  firstDay: IsoDate;
  lastDay: IsoDate;
  /** The counts this phase is about, in the order cards and the summary show them. */
  counts: readonly (OverstapCountField | DddFigureField)[];
  norm: OverstapNorm | null;
  /** Reminders to schools behind and the phase's check; [] where the DDD campaign plan sends them. */
  steps: readonly OverstapYearStep[];
};

export type OverstapYear = { cohort: SchoolYearLabel; phases: readonly OverstapPhase[] };

export type OverstapYearSettings = {
  /** "MM-DD" in the cohort's second calendar year; default "04-01" (the aanmelddatum). */
  deadline?: string;
  norms: {
    /** % of overstappers in beeld met een vervolgkeuze (catalogue). */
    inBeeld: number;
    /** % of overstappers with a completed DDD by the deadline (catalogue). */
    ddd: number;
    /** % of the placed pupils with a completed DDD (catalogue: "waarvan ... met een ingevuld DDD"). */
    geplaatstMetDdd: number;
    /** % of the placed pupils started in the mbo on 1 October (region setting). */
    mboGestart: number;
  };
};

/** The seed's figure for placed pupils with a completed DDD, when no catalogue is imported. */
export const PLACEMENT_NORM_WITHOUT_TARGET = 97;

/** The region file's default for started pupils on 1 October (the seed gives no figure). */
export const DEFAULT_START_NORM = 95;

/** Fixed days of the year after the deadline, as "MM-DD" (and the calendar year they fall in). */
const DAYS = {
  registrationStart: "10-01",
  dddStart: "01-01",
  toelatingReminder: "04-15",
  toelatingSecondReminder: "05-15",
  placementCheck: "06-01",
  startFirst: "07-01",
  startReminder: "09-15",
  startCheck: "10-01",
} as const;

function on(year: number, monthDay: string): IsoDate {
  const day = `${year}-${monthDay}`;
  if (!isValidIsoDate(day)) throw new CalendarError("INVALID_DATE", `Ongeldige dag '${monthDay}' in het overstapjaar: verwacht MM-DD, bijvoorbeeld 04-01.`);
  return day;
}

function firstWorkingDayOnOrAfter(day: IsoDate, cal: WorkCalendar): IsoDate {
  return isWorkingDay(day, cal) ? day : addWorkingDays(day, 1, cal);
}

function step(id: string, kind: OverstapYearStep["kind"], title: string, day: IsoDate, cal: WorkCalendar): OverstapYearStep {
  return { id, kind, title, day, sendDay: firstWorkingDayOnOrAfter(day, cal) };
}

export function buildOverstapYear(cohort: SchoolYearLabel, cal: WorkCalendar, settings: OverstapYearSettings): OverstapYear {
  const { startYear, endYear } = parseSchoolYear(cohort);
  const deadline = on(endYear, settings.deadline ?? "04-01");
  const dayAfter = (day: IsoDate) => shiftIsoDate(day, 1);
  const dayBefore = (day: IsoDate) => shiftIsoDate(day, -1);
  const { norms } = settings;
  const deadlineLabel = formatDayMonth(deadline);
  return {
    cohort,
    phases: [
      {
        id: "registratie",
        title: "Registratie in het overstapsysteem",
        firstDay: on(startYear, DAYS.registrationStart),
        lastDay: dayBefore(on(endYear, DAYS.dddStart)),
        counts: ["overstappers", "inBeeld"],
        norm: { percent: norms.inBeeld, numerator: "inBeeld", denominator: "overstappers", label: "in beeld met een vervolgkeuze", source: "catalogus" },
        steps: [],
      },
      {
        id: "ddd",
        title: `DDD en aanmelding, uiterlijk ${deadlineLabel}`,
        firstDay: on(endYear, DAYS.dddStart),
        lastDay: deadline,
        counts: ["overstappers", "gestart", "deelB", "afgerond"],
        norm: { percent: norms.ddd, numerator: "afgerond", denominator: "overstappers", label: `DDD afgerond en aangeleverd vóór ${deadlineLabel}`, source: "catalogus" },
        steps: [],
      },
      {
        id: "toelating",
        title: "Toelating en plaatsing",
        firstDay: dayAfter(deadline),
        lastDay: dayBefore(on(endYear, DAYS.startFirst)),
        counts: ["aangemeld", "geenAanmelding", "afgewezen", "geplaatst", "geplaatstMetDdd"],
        norm: { percent: norms.geplaatstMetDdd, numerator: "geplaatstMetDdd", denominator: "geplaatst", label: "van de geplaatste overstappers met een ingevuld DDD", source: "catalogus" },
        steps: [
          step("toelating-april", "herinnering", "Na 1 april: wie heeft nog geen aanmelding?", on(endYear, DAYS.toelatingReminder), cal),
          step("toelating-mei", "herinnering", "Toelating en plaatsing: wie is nog niet geplaatst?", on(endYear, DAYS.toelatingSecondReminder), cal),
          step("controle-1-juni", "controle", "Controle 1 juni: geplaatst met een ingevuld DDD", on(endYear, DAYS.placementCheck), cal),
        ],
      },
      {
        id: "start",
        title: "Zomer en start in het mbo",
        firstDay: on(endYear, DAYS.startFirst),
        lastDay: on(endYear, DAYS.startCheck),
        counts: ["geplaatst", "mboGestart", "nietGestart", "zomerlek"],
        norm: { percent: norms.mboGestart, numerator: "mboGestart", denominator: "geplaatst", label: "van de geplaatste overstappers gestart in het mbo", source: "regio" },
        steps: [
          step("start-september", "herinnering", "Start in het mbo: wie is er niet gestart?", on(endYear, DAYS.startReminder), cal),
          step("controle-1-oktober", "controle", "Controle 1 oktober: gestart in het mbo", on(endYear, DAYS.startCheck), cal),
        ],
      },
    ],
  };
}

/**
 * The cohorts whose year is running on `day`: the cohort of the day's school year from its
 * registration on, and the cohort before it until its start check and the check's catch-up days
 * (in August and September only that one; from 1 October both for two weeks: one ends with its
 * check as the next one registers).
 */
export function listRunningCohorts(day: IsoDate): SchoolYearLabel[] {
  const current = parseSchoolYear(getSchoolYear(day)).startYear;
  const registration = on(current, DAYS.registrationStart);
  const previousCheck = on(current, DAYS.startCheck);
  const cohorts: SchoolYearLabel[] = [];
  if (day <= shiftIsoDate(previousCheck, STEP_CATCH_UP_DAYS)) cohorts.push(formatSchoolYear(current - 1));
  if (day >= registration) cohorts.push(formatSchoolYear(current));
  return cohorts;
}

/** The cohort whose year `day` is in: the newest one whose registration has begun. */
export function findCurrentCohort(day: IsoDate): SchoolYearLabel {
  const current = parseSchoolYear(getSchoolYear(day)).startYear;
  return formatSchoolYear(day >= on(current, DAYS.registrationStart) ? current : current - 1);
}

/** The phase of a cohort's year that `day` falls in (the phases follow each other without a gap). */
export function findPhaseOn(year: OverstapYear, day: IsoDate): OverstapPhase {
  return year.phases.find((p) => day <= p.lastDay) ?? year.phases[year.phases.length - 1]!;
}

/**
 * How long after its send day a step is still done when the bot could not do it then (it was
 * down, or the check day is a weekend and the phase ended with it). Later than that a reminder
 * would be about a stage long past.
 */
export const STEP_CATCH_UP_DAYS = 14;

/** The steps of the year that are due on `day`: sent on or before it, and not longer ago than the catch-up. */
export function listDueSteps(year: OverstapYear, day: IsoDate): { phase: OverstapPhase; step: OverstapYearStep }[] {
  return year.phases.flatMap((phase) =>
    phase.steps
      .filter((s) => s.sendDay <= day && (day <= phase.lastDay || day <= shiftIsoDate(s.sendDay, STEP_CATCH_UP_DAYS)))
      .map((step) => ({ phase, step })),
  );
}


// --- judging a school ------------------------------------------------------------------------

/** A school's latest counts: the five DDD counts and the overstap counts (null = not reported). */
export type SchoolYearCounts = OverstapCounts & Record<DddFigureField, number>;

/** One count of a school by its field (null: not reported). */
export function readCount(counts: SchoolYearCounts, field: OverstapCountField | DddFigureField): number | null {
  return counts[field];
}

/** The share of a norm in percent; null when a count is missing or the denominator is 0. */
export function computeShare(counts: SchoolYearCounts, norm: OverstapNorm): number | null {
  const numerator = readCount(counts, norm.numerator);
  const denominator = readCount(counts, norm.denominator);
  if (numerator === null || denominator === null || denominator <= 0) return null;
  return Math.min(100, (numerator / denominator) * 100);
}

export const COUNT_LABELS: Record<OverstapCountField | DddFigureField, string> = {
  ...OVERSTAP_COUNT_LABELS,
  overstappers: "overstappers",
  gestart: "DDD gestart (deel A)",
  deelB: "DDD deel B klaar",
  afgerond: "DDD afgerond en aangeleverd",
  inBeeld: "in beeld met een vervolgkeuze",
};

/** What a count means, on a card: the school sees what it is asked about. */
export const COUNT_EXPLANATIONS: Partial<Record<OverstapCountField, string>> = {
  aangemeld: "leerlingen met een aanmelding bij een mbo-instelling",
  geenAanmelding: "potentiële overstappers zonder aanmelding: zij hebben nu een aanmelding nodig",
  afgewezen: "leerlingen van wie de aanmelding is afgewezen en die nog geen nieuwe aanmelding hebben",
  geplaatst: "leerlingen die zijn toegelaten of (voorlopig) geplaatst",
  geplaatstMetDdd: "van de geplaatste leerlingen: met een afgerond DDD",
  mboGestart: "van de geplaatste leerlingen: gestart in het mbo",
  nietGestart: "ingeschreven, maar niet gestart in het mbo",
  zomerlek: "geplaatst of aangemeld, maar na de zomer nergens ingeschreven",
};

export type StepVerdict = { behind: boolean; reasons: string[] };

/**
 * Whether a school is behind at a step of the toelating or start phase, and why, in Dutch.
 * Without counts it is behind: the check needs them, and the card asks for them.
 */
export function judgeSchoolAtStep(phase: OverstapPhase, stepId: string, counts: SchoolYearCounts | null): StepVerdict {
  if (!counts) return { behind: true, reasons: ["er zijn nog geen cijfers van je school"] };
  if (counts.overstappers === 0) return { behind: false, reasons: [] };
  const reasons: string[] = [];
  const missing = phase.counts.filter((f) => readCount(counts, f) === null);
  const share = phase.norm ? computeShare(counts, phase.norm) : null;
  const belowNorm = phase.norm !== null && share !== null && share < phase.norm.percent;
  if (phase.id === "toelating") {
    if ((counts.geenAanmelding ?? 0) > 0) reasons.push(`${counts.geenAanmelding} ${pick(counts.geenAanmelding!, "leerling heeft", "leerlingen hebben")} nog geen aanmelding`);
    if ((counts.afgewezen ?? 0) > 0) reasons.push(`${counts.afgewezen} ${pick(counts.afgewezen!, "leerling is", "leerlingen zijn")} afgewezen en ${pick(counts.afgewezen!, "heeft", "hebben")} een nieuwe aanmelding nodig`);
  }
  if (phase.id === "start" && stepId !== "controle-1-oktober") {
    if ((counts.nietGestart ?? 0) > 0) reasons.push(`${counts.nietGestart} ${pick(counts.nietGestart!, "leerling is", "leerlingen zijn")} niet gestart in het mbo`);
    if ((counts.zomerlek ?? 0) > 0) reasons.push(`${counts.zomerlek} ${pick(counts.zomerlek!, "leerling is", "leerlingen zijn")} na de zomer nergens ingeschreven`);
  }
  if (belowNorm) reasons.push(`${formatPercent(share! / 100)} ${phase.norm!.label}; de norm is ${phase.norm!.percent} %`);
  if (missing.length === phase.counts.length) reasons.push("er zijn nog geen cijfers over deze fase van je school");
  else if (missing.length > 0) reasons.push(`nog niet gemeld: ${missing.map((f) => COUNT_LABELS[f]).join(", ")}`);
  return { behind: reasons.length > 0, reasons };
}

/**
 * The verdict of a check (1 June, 1 October): below the norm, or without the counts to judge,
 * is a work agreement not met. The reason names the figures and the norm.
 */
export function judgeCheck(phase: OverstapPhase, counts: SchoolYearCounts | null): { failed: boolean; reason: string; share: number | null } {
  const norm = phase.norm!;
  const title = phase.steps.find((s) => s.kind === "controle")?.title ?? phase.title;
  if (!counts || readCount(counts, norm.numerator) === null || readCount(counts, norm.denominator) === null) {
    return { failed: counts?.overstappers !== 0, reason: `${title}: de school heeft de cijfers (${COUNT_LABELS[norm.numerator]}, ${COUNT_LABELS[norm.denominator]}) niet gemeld; norm ${norm.percent} % ${norm.label}.`, share: null };
  }
  const share = computeShare(counts, norm);
  if (share === null) return { failed: false, reason: "", share };
  const failed = share < norm.percent;
  return {
    failed,
    reason: `${title}: ${formatPercent(share / 100)} ${norm.label} (${readCount(counts, norm.numerator)} van ${readCount(counts, norm.denominator)}); norm ${norm.percent} %.`,
    share,
  };
}

function pick(n: number, one: string, many: string): string {
  return n === 1 ? one : many;
}
