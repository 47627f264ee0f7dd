import { listActivities } from "../../db/catalogue.js";
import { isUniqueViolation, runInTransaction, tryWrite, type Db, type DbTx } from "../../db/client.js";
import { createRound, findRound, listActivityOwners, listKpisOfActivity, listRoundsOfSchoolYears, listUnclosedRounds, updateRemindersSent, updateRoundIfStatus, type RoundRecord, type RoundWithActivity } from "../../db/meetmomenten.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import { getSchoolYear, isWorkingDay, nextSendMoment, parseSchoolYear, shiftIsoDate, toIsoDate, formatSchoolYear, type IsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import { isActivityRunning, listMeetmomenten, listProgrammePeriods, type CatalogueActivity, type Meetmoment } from "../../domain/catalogue.js";
import { describeDay, describePeriod } from "../../domain/meetmomenten/match.js";
import { planRoundSteps, planRoundTimeline, type RoundPolicy, type RoundState, type RoundStep, type RoundTimeline } from "../../domain/meetmomenten/plan.js";
import { describeErrorForLog, type Logger } from "../../logger.js";
import { openOrUpdateCase } from "../cases/index.js";
import type { MeetmomentDeps } from "./deps.js";
import { readMeasurementValue } from "../../domain/meetmomenten/round.js";
import { lastDayOf, loadRoundParties, loadRoundView, roundForm, type RenderMeetmomentMessage, type RoundView } from "./round-view.js";

/** The job's dependencies: the service's, and the renderer of the cards it sends (src/cards). */
export type MeetmomentJobDeps = MeetmomentDeps & { render: RenderMeetmomentMessage };

// ---------------------------------------------------------------------------------------------
// The job: announce, open, remind, close

/**
 * How far (calendar days) from today a meetmoment without a round is looked at. Wider than any
 * real distance: a notice goes out 4 working days ahead (across the summer holiday about 50
 * days), and a round takes at most 60 working days plus a holiday to close.
 */
const CANDIDATE_WINDOW_DAYS = 150;

type PlannedMeetmoment = { activity: CatalogueActivity; schoolYear: string; date: IsoDate; openDay: IsoDate; periodLabel: string; describes: string; note: string | null };

export function isFixedDay(activity: CatalogueActivity, scheduleIndex: number): boolean {
  return activity.meetmomenten[scheduleIndex]?.day != null;
}

function roundKey(activityId: string, date: IsoDate): string {
  return `${activityId}|${date}`;
}

// Working-day arithmetic costs tens of microseconds a day and a timeline walks some forty days;
// the job asks for the same timelines and meetmomenten every morning, so both are remembered per
// calendar (a calendar is immutable). Bounded, because a long-running bot sees new days forever.
const MAX_CACHED = 5000;
const timelineCache = new WeakMap<WorkCalendar, Map<string, RoundTimeline>>();
const meetmomentCache = new WeakMap<WorkCalendar, Map<string, Meetmoment[]>>();

function cached<T>(store: WeakMap<WorkCalendar, Map<string, T>>, calendar: WorkCalendar, key: string, compute: () => T): T {
  let map = store.get(calendar);
  if (!map) store.set(calendar, (map = new Map()));
  let value = map.get(key);
  if (value === undefined) {
    if (map.size >= MAX_CACHED) map.clear();
    value = compute();
    map.set(key, value);
  }
  return value;
}

function timelineOf(openDay: IsoDate, calendar: WorkCalendar, policy: RoundPolicy): RoundTimeline {
  return cached(timelineCache, calendar, `${openDay}|${policy.closeAfterWorkingDays}|${policy.announceWorkingDaysBefore}|${policy.reminderIntervalWorkingDays}`, () => planRoundTimeline(openDay, calendar, policy));
}

/**
 * The meetmomenten of an activity in a school year, none when the activity does not run then
 * (its looptijd ended, or a later programme period replaced it; `periods`: the catalogue's).
 */
export function meetmomentenOf(activity: CatalogueActivity, schoolYear: string, calendar: WorkCalendar, periods: readonly string[]): Meetmoment[] {
  if (!isActivityRunning(activity, schoolYear, periods)) return [];
  return cached(meetmomentCache, calendar, `${schoolYear}|${activity.id}|${JSON.stringify(activity.meetmomenten)}`, () => listMeetmomenten(activity, schoolYear, calendar));
}

/** The catalogue's meetmomenten around `now` (last, this and next school year), one per activity and date. */
function listPlannedMeetmomenten(activities: readonly CatalogueActivity[], now: Date, calendar: WorkCalendar): { years: string[]; planned: Map<string, PlannedMeetmoment> } {
  const start = parseSchoolYear(getSchoolYear(now, calendar.zone)).startYear;
  const years = [start - 1, start, start + 1].map(formatSchoolYear);
  const planned = new Map<string, PlannedMeetmoment>();
  const periods = listProgrammePeriods(activities);
  for (const year of years) {
    for (const activity of activities) {
      for (const m of meetmomentenOf(activity, year, calendar, periods)) {
        const key = roundKey(activity.id, m.date);
        const existing = planned.get(key);
        if (existing) {
          // Two rhythms on the same day (a monthly and a yearly one): one round, both notes.
          if (m.note && existing.note !== m.note) existing.note = existing.note ? `${existing.note}; ${m.note}` : m.note;
          continue;
        }
        planned.set(key, { activity, schoolYear: year, date: m.date, openDay: m.workingDay, periodLabel: describePeriod(m.date, isFixedDay(activity, m.scheduleIndex)), describes: m.describes, note: m.note });
      }
    }
  }
  return { years, planned };
}

export type MeetmomentJobSummary = {
  schoolYear: string;
  workingDay: boolean;
  announced: number;
  opened: number;
  reminded: number;
  closed: number;
  overdue: number;
  casesOpened: number;
  messages: number;
  /** Activities with a round but nobody to send it to (ids only). */
  withoutOwner: string[];
  failed: number;
};

function toState(round: RoundRecord | null): RoundState {
  if (!round) return { status: "nieuw", announced: false, remindersSent: 0, submitted: false };
  const status = round.status === "gepland" || round.status === "open" || round.status === "gesloten" ? round.status : "gesloten";
  return { status, announced: round.announcedAt !== null, remindersSent: round.remindersSent, submitted: round.submittedAt !== null };
}

/**
 * One run of the `meetmomenten` job at `now`: for every meetmoment of the catalogue and every
 * round not yet closed, the planner says what is due, and each round's step runs in its own
 * transaction (a failing round is logged and the others go on). Idempotent: a second run at the
 * same moment finds every step done.
 */
export async function runMeetmomenten(db: Db, deps: MeetmomentJobDeps, now: Date, options: { logger?: Logger } = {}): Promise<MeetmomentJobSummary> {
  const summary: MeetmomentJobSummary = {
    schoolYear: getSchoolYear(now, deps.calendar.zone),
    workingDay: isWorkingDay(now, deps.calendar),
    announced: 0,
    opened: 0,
    reminded: 0,
    closed: 0,
    overdue: 0,
    casesOpened: 0,
    messages: 0,
    withoutOwner: [],
    failed: 0,
  };
  const activities = await listActivities(db);
  const { years, planned } = listPlannedMeetmomenten(activities, now, deps.calendar);
  const known = new Map((await listRoundsOfSchoolYears(db, years)).map((r) => [roundKey(r.activityId, r.meetmomentDate), r]));
  // Rounds of older school years that are still open (the bot was down for a long time) are looked after too.
  for (const r of await listUnclosedRounds(db)) known.set(roundKey(r.activityId, r.meetmomentDate), r);
  const keys = new Set([...planned.keys(), ...[...known.entries()].filter(([, r]) => r.status !== "gesloten").map(([k]) => k)]);
  const today = toIsoDate(now, deps.calendar.zone);
  const horizon = { from: shiftIsoDate(today, -CANDIDATE_WINDOW_DAYS), to: shiftIsoDate(today, CANDIDATE_WINDOW_DAYS) };
  for (const key of [...keys].sort()) {
    const meetmoment = planned.get(key);
    const stored = known.get(key) ?? null;
    if (stored?.status === "gesloten") continue;
    const openDay = stored?.openDay ?? meetmoment!.openDay;
    // Far from today nothing can be due for a round that does not exist yet; skipping it keeps a run cheap.
    if (!stored && (openDay < horizon.from || openDay > horizon.to)) continue;
    const base = timelineOf(openDay, deps.calendar, deps.policy);
    const timeline: RoundTimeline = stored ? { ...base, closesAt: stored.closesAt } : base;
    const state = toState(stored);
    const steps = planRoundSteps(state, timeline, now);
    for (const step of steps) {
      try {
        await runInTransaction(db, (tx) => runStep(tx, deps, step, { meetmoment, stored, timeline, now, summary }));
      } catch (error) {
        summary.failed++;
        options.logger?.error({ round: key, step: step.kind, err: describeErrorForLog(error) }, "meetmoment step failed");
      }
    }
  }
  summary.withoutOwner = [...new Set(summary.withoutOwner)].sort();
  return summary;
}

type StepContext = { meetmoment: PlannedMeetmoment | undefined; stored: RoundRecord | null; timeline: RoundTimeline; now: Date; summary: MeetmomentJobSummary };

async function ensureRound(tx: DbTx, ctx: StepContext, status: "gepland" | "open", extra: { announcedAt?: Date; openedAt?: Date; remindersSent?: number }): Promise<RoundWithActivity | null> {
  if (ctx.stored) {
    const ok = await updateRoundIfStatus(tx, ctx.stored.id, ctx.stored.status, { status, ...extra });
    return ok ? findRound(tx, ctx.stored.id) : null;
  }
  const m = ctx.meetmoment!;
  try {
    const created = await tryWrite(tx, () => createRound(tx, {
      activityId: m.activity.id,
      schoolYear: m.schoolYear,
      meetmomentDate: m.date,
      openDay: m.openDay,
      periodLabel: m.periodLabel,
      describes: m.describes,
      note: m.note,
      status,
      announcedAt: extra.announcedAt ?? null,
      openedAt: extra.openedAt ?? null,
      closesAt: ctx.timeline.closesAt,
      remindersSent: extra.remindersSent ?? 0,
    }));
    return findRound(tx, created.id);
  } catch (error) {
    // Another run created it a moment ago: its run does the sending.
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

async function sendToOwners(tx: DbTx, deps: MeetmomentDeps, round: RoundWithActivity, ctx: StepContext, kind: string, purpose: string, card: AdaptiveCard): Promise<void> {
  const owners = await listActivityOwners(tx, round.activityId, round.activity.ownerRole);
  if (owners.length === 0) ctx.summary.withoutOwner.push(round.activityId);
  const notBefore = nextSendMoment(ctx.now, deps.calendar);
  for (const owner of owners) {
    await deps.enqueue(tx, { key: `meetmoment:${round.id}:${kind}:p${owner.id}`, purpose, recipient: { personId: owner.id }, card, notBefore }, ctx.now);
    ctx.summary.messages++;
  }
}

/**
 * Sends a round's form: to the owners with the activity's card, or in a per-party round to
 * each party's owners with that party's own card. `onlyMissing`: reminders skip the parties
 * that have submitted.
 */
async function sendRoundForms(tx: DbTx, deps: MeetmomentJobDeps, round: RoundWithActivity, ctx: StepContext, kind: string, purpose: string, build: (view: RoundView) => AdaptiveCard, onlyMissing: boolean): Promise<void> {
  if (!round.activity.figuresPer) return sendToOwners(tx, deps, round, ctx, kind, purpose, build(await loadRoundView(tx, round, deps.calendar)));
  const parties = await loadRoundParties(tx, round);
  if (parties.length === 0) ctx.summary.withoutOwner.push(round.activityId);
  const notBefore = nextSendMoment(ctx.now, deps.calendar);
  for (const party of parties) {
    const view = await loadRoundView(tx, round, deps.calendar, { key: party.key, label: party.label });
    if (onlyMissing && view.submittedAt) continue;
    const card = build(view);
    for (const owner of party.owners) {
      await deps.enqueue(tx, { key: `meetmoment:${round.id}:${kind}:p${owner.id}:${party.key}`, purpose, recipient: { personId: owner.id }, card, notBefore }, ctx.now);
      ctx.summary.messages++;
    }
  }
}

async function runStep(tx: DbTx, deps: MeetmomentJobDeps, step: RoundStep, ctx: StepContext): Promise<void> {
  const { now } = ctx;
  switch (step.kind) {
    case "announce": {
      const round = await ensureRound(tx, ctx, "gepland", { announcedAt: now });
      if (!round) return;
      const kpis = await listKpisOfActivity(tx, round.activityId);
      const card = deps.render({
        kind: "announcement",
        announcement: { activityName: round.activity.naam, periodLabel: round.periodLabel, openDayLabel: describeDay(round.openDay), kpiNames: kpis.map((k) => k.name), contact: deps.contact },
      });
      await sendToOwners(tx, deps, round, ctx, "aankondiging", "meetmoment-aankondiging", card);
      ctx.summary.announced++;
      return;
    }
    case "open": {
      const round = await ensureRound(tx, ctx, "open", { openedAt: now, remindersSent: step.remindersDue });
      if (!round) return;
      const notice = { text: `Het meetmoment ${round.periodLabel} is geopend: vul de cijfers in tot en met ${describeDay(lastDayOf(round, deps.calendar))}.`, style: "accent" } as const;
      await sendRoundForms(tx, deps, round, ctx, "formulier", "meetmoment-formulier", (view) => deps.render(roundForm(view, now, { notice })), false);
      ctx.summary.opened++;
      return;
    }
    case "remind": {
      const stored = ctx.stored!;
      if (!(await updateRemindersSent(tx, stored.id, stored.remindersSent, step.number))) return;
      const round = (await findRound(tx, stored.id))!;
      const build = (view: RoundView) =>
        deps.render(roundForm(view, now, {
          notice: { text: `Herinnering: de cijfers van ${view.party ? `${view.party.label} voor ` : ""}${round.activity.naam} over ${round.periodLabel} zijn nog niet ingediend. Dat kan tot en met ${describeDay(view.lastDay)}.`, style: "warning" },
        }));
      await sendRoundForms(tx, deps, round, ctx, `herinnering-${step.number}`, "meetmoment-herinnering", build, true);
      ctx.summary.reminded++;
      return;
    }
    case "close": {
      const stored = ctx.stored!;
      if (!(await updateRoundIfStatus(tx, stored.id, stored.status, { status: "gesloten", closedAt: now }))) return;
      ctx.summary.closed++;
      // Only a round whose owners were asked can be late; a round that never opened just closes.
      if (!step.overdue || stored.status !== "open") return;
      const round = (await findRound(tx, stored.id))!;
      const view = await loadRoundView(tx, round, deps.calendar);
      const drafted = view.party === null && !round.activity.figuresPer ? [...view.latest.values()].filter((m) => readMeasurementValue(m) !== undefined).length : 0;
      const missingParties = view.parties.filter((p) => !p.submitted).map((p) => p.label);
      const draftNote = (drafted > 0 ? ` Er staat een concept met ${drafted} van ${view.kpis.length} KPI's.` : "") + (missingParties.length > 0 ? ` Nog niet gemeld: ${missingParties.join(", ")}.` : "");
      const { case: opened, created } = await openOrUpdateCase(
        tx,
        {
          type: "meetmoment-te-laat",
          subject: { kind: "activity", activityId: round.activityId },
          reason: `Meetmoment ${round.periodLabel} van ${round.activity.naam}: de cijfers zijn niet ingediend vóór de sluiting (${describeDay(lastDayOf(round, deps.calendar))} was de laatste dag).${draftNote}`,
          source: "job",
        },
        now,
      );
      await updateRoundIfStatus(tx, round.id, "gesloten", { lateCaseId: opened.id });
      ctx.summary.overdue++;
      if (created) ctx.summary.casesOpened++;
      return;
    }
  }
}
