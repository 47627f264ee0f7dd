import type { Config } from "../../config.js";
import { findActivity } from "../../db/catalogue.js";
import { IMPORT_TRANSACTION, runInTransaction, type Db } from "../../db/client.js";
import { listLatestSchoolCounts, listSchoolCounts, type SchoolYearCountsRow } from "../../db/ddd-progress.js";
import { claimReminderDays, listCampaignSchools, listReminderLogs, mapPersonNames, type NewReminderLog } from "../../db/ddd.js";
import { listReferenceCaseStates } from "../../db/pupil-references.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import { nextSendMoment, parseSchoolYear, toIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../../domain/calendar/index.js";
import { OVERSTAP_REASON_LABELS } from "../../domain/cases/index.js";
import {
  buildOverstapYear,
  COUNT_EXPLANATIONS,
  COUNT_LABELS,
  DDD_NORM_KPIS,
  findCurrentCohort,
  firstName,
  judgeCheck,
  judgeSchoolAtStep,
  listDueSteps,
  listRunningCohorts,
  PLACEMENT_NORM_WITHOUT_TARGET,
  resolveDddNormTargets,
  toCampaignNorms,
  readCount,
  type OverstapPhase,
  type OverstapYear,
  type OverstapYearStep,
} from "../../domain/ddd/index.js";
import { OVERSTAP_SCHOOL_SOORTEN } from "../../domain/directory.js";
import type { OverstapYearProgress } from "../../domain/summary/types.js";
import type { Logger } from "../../logger.js";
import type { EnqueueMessages, OpenCase, OutboundMessage } from "../ports.js";

/**
 * The overstap year after 1 April (issue 18), as the `overstap-jaar` job runs it every day:
 * - on a reminder step of the toelating or start phase, the decanen of each school that is behind
 *   (no aanmelding, afgewezen without a new one, not started, below the norm, no counts) get a
 *   card with their counts and what each counts;
 * - on a check (1 June, 1 October) a school below the norm, or without the counts to judge, gets
 *   a work-agreement case (werkafspraak) that climbs the policy's school ladder;
 * - from July to 1 October each school's zomerlek and niet-gestart counts become one overstap
 *   case per school and kind, with a pseudonymous reference and the count (no names): the pupil
 *   ladder (decaan, projectteam, RMC and leerplicht of the subregio) and the overstap retention.
 * A step is done once per school: the reminder log holds it (target "jaar:<school>", one row per
 * school and day), so a second run, or the next day's, sends and opens nothing again; a step
 * missed (bot down, holiday) is done on the next working day while its phase runs (a check also
 * STEP_CATCH_UP_DAYS after it), and piled-up steps merge into the latest one.
 */
export type OverstapYearDeps = {
  db: Db;
  logger: Logger;
  config: Pick<Config, "ddd" | "projectteamContact" | "region">;
  calendar: WorkCalendar;
  enqueueMany: EnqueueMessages;
  openCase: OpenCase;
  render: (view: OverstapYearCardView) => AdaptiveCard;
};

export type OverstapYearCardView = {
  title: string;
  greeting: string;
  intro: string;
  reasons: string[];
  facts: { label: string; value: string; explanation: string }[];
  norm: string | null;
  footer: string;
};

export type OverstapYearRunResult = {
  day: IsoDate;
  workingMoment: boolean;
  cohorts: string[];
  steps: string[];
  reminders: number;
  enqueued: number;
  silent: number;
  checkCases: number;
  pupilCases: number;
  noRecipient: number;
};

export const YEAR_TARGET_PREFIX = "jaar:";
const yearTarget = (schoolId: number) => `${YEAR_TARGET_PREFIX}${schoolId}`;

/** The cohort's year with its norms: the catalogue's, the region's start norm. */
export async function loadOverstapYear(db: Db, cohort: SchoolYearLabel, deps: Pick<OverstapYearDeps, "calendar" | "config">): Promise<OverstapYear> {
  const targets = resolveDddNormTargets(await findActivity(db, DDD_NORM_KPIS.activityId), cohort);
  const campaign = toCampaignNorms(targets);
  return buildOverstapYear(cohort, deps.calendar, {
    deadline: deps.config.ddd.deadline,
    norms: { inBeeld: campaign.inBeeld, ddd: campaign.ddd, geplaatstMetDdd: targets.completed?.value ?? PLACEMENT_NORM_WITHOUT_TARGET, mboGestart: deps.config.region.overstapStartNorm },
  });
}

/** The pseudonymous reference of a school's count of one kind in a cohort: no pupil, the school's BRIN. */
export function buildCountReference(kind: "zomerlek" | "niet-gestart", cohort: SchoolYearLabel, brin: string): string {
  return `${kind === "zomerlek" ? "ZOMERLEK" : "NIETGESTART"}-${parseSchoolYear(cohort).endYear}-${brin.toUpperCase()}`;
}

function composeCard(phase: OverstapPhase, step: OverstapYearStep, school: SchoolYearCountsRow | null, schoolNaam: string, reasons: string[], greetingName: string | null, contact: string): OverstapYearCardView {
  return {
    title: step.title,
    greeting: greetingName ? `Hallo ${greetingName},` : "Hallo,",
    intro: `Zo staat ${schoolNaam} ervoor in de fase "${phase.title}":`,
    reasons,
    facts: phase.counts.map((field) => {
      const value = school ? readCount(school, field) : null;
      return { label: COUNT_LABELS[field], value: value === null ? "nog niet gemeld" : String(value), explanation: (COUNT_EXPLANATIONS as Record<string, string | undefined>)[field] ?? "" };
    }),
    norm: phase.norm ? `Norm: ${phase.norm.percent} % ${phase.norm.label}.` : null,
    footer: `De cijfers komen uit het overstapsysteem (alleen aantallen, geen namen). Zorg dat ze daar kloppen; Aanjager leest ze bij de volgende import. Vragen of hulp nodig? ${contact}`,
  };
}

export async function runOverstapYear(deps: OverstapYearDeps, now: Date): Promise<OverstapYearRunResult> {
  const { calendar } = deps;
  const today = toIsoDate(now, calendar.zone);
  const sendAt = nextSendMoment(now, calendar);
  const cohorts = listRunningCohorts(today);
  const result: OverstapYearRunResult = { day: today, workingMoment: toIsoDate(sendAt, calendar.zone) === today, cohorts, steps: [], reminders: 0, enqueued: 0, silent: 0, checkCases: 0, pupilCases: 0, noRecipient: 0 };
  // Weekends, holidays and Goede Vrijdag: nothing goes out and nothing opens; the next working day catches up.
  if (!result.workingMoment) return result;

  for (const cohort of cohorts) {
    const year = await loadOverstapYear(deps.db, cohort, deps);
    const counts = new Map((await listLatestSchoolCounts(deps.db, cohort, now)).map((c) => [c.schoolId, c]));
    // A cohort of which no school ever reported a count was not followed (the year before the
    // first import): there is nothing to judge, and "no counts" to every school would be noise.
    if (counts.size === 0) continue;
    const schools = await listCampaignSchools(deps.db, { soorten: OVERSTAP_SCHOOL_SOORTEN, alsoIds: [...counts.keys()] });
    // A phase none of whose counts any school reported is one the region does not deliver (yet):
    // its steps wait for the first counts instead of telling every school it is behind.
    const delivered = (phase: OverstapPhase) => [...counts.values()].some((c) => phase.counts.some((f) => readCount(c, f) !== null));
    const due = listDueSteps(year, today).filter((d) => delivered(d.phase));
    const startPhase = year.phases.find((p) => p.id === "start")!;
    const inStart = startPhase.firstDay <= today && today <= startPhase.lastDay;
    if (due.length === 0 && !inStart) continue;
    result.steps.push(...due.map((d) => `${cohort}:${d.step.id}`));

    const logs = await listReminderLogs(deps.db, cohort, { targetPrefix: YEAR_TARGET_PREFIX });
    const covered = new Map<string, Set<string>>();
    for (const l of logs) {
      const set = covered.get(l.targetKey) ?? new Set<string>();
      for (const id of l.coveredSteps.split(",")) if (id) set.add(id);
      covered.set(l.targetKey, set);
    }
    const names = await mapPersonNames(deps.db, schools.flatMap((s) => s.decaanIds));
    const contact = deps.config.projectteamContact;

    await runInTransaction(
      deps.db,
      async (tx) => {
        // One verdict per school: a check's (a case when failed) or a reminder's (a card when behind).
        const planned = schools.flatMap((school) => {
          const done = covered.get(yearTarget(school.id)) ?? new Set<string>();
          const pending = due.filter((d) => !done.has(d.step.id));
          if (pending.length === 0) return [];
          const { phase, step } = pending[pending.length - 1]!;
          const c = counts.get(school.id) ?? null;
          const check = step.kind === "controle" ? judgeCheck(phase, c) : null;
          const reminder = step.kind === "controle" ? null : judgeSchoolAtStep(phase, step.id, c);
          return [{ school, pending, phase, step, c, check, reminder }];
        });
        const rows = planned.map(({ school, pending, step, c, reminder }): NewReminderLog => ({
          schoolYear: cohort,
          targetKey: yearTarget(school.id),
          schoolId: school.id,
          mentorGroup: "",
          day: today,
          // A failed check's message is its case (the escalation job sends it); the log only settles the step.
          kind: reminder?.behind ? "herinnering" : "stil",
          stepId: step.id,
          coveredSteps: pending.map((p) => p.step.id).join(","),
          recipients: reminder?.behind ? school.decaanIds.length : 0,
          afgerond: c?.afgerond ?? null,
          overstappers: c?.overstappers ?? null,
          snapshotVersion: null,
          source: "job",
          createdAt: now,
        }));
        const claimed = await claimReminderDays(tx, rows);
        const messages: OutboundMessage[] = [];
        for (const { school, phase, step, c, check, reminder } of planned) {
          if (!claimed.has(yearTarget(school.id))) continue;
          if (check?.failed) {
            await deps.openCase(tx, { type: "werkafspraak", subject: { kind: "school", schoolId: school.id }, reason: check.reason, severity: "normaal", source: "job", actorPersonId: null }, now);
            result.checkCases++;
          }
          if (!reminder) continue;
          if (!reminder.behind) {
            result.silent++;
            continue;
          }
          result.reminders++;
          if (school.decaanIds.length === 0) result.noRecipient++;
          for (const personId of school.decaanIds) {
            const view = composeCard(phase, step, c, school.naam, reminder.reasons, firstName(names.get(personId)), contact);
            messages.push({ key: `overstapjaar:${cohort}:${step.id}:school-${school.id}:person-${personId}`, purpose: "overstapjaar-herinnering", recipient: { personId }, card: deps.render(view), notBefore: sendAt });
          }
        }
        result.enqueued += (await deps.enqueueMany(tx, messages, now)).filter((o) => o.enqueued).length;
        if (inStart) result.pupilCases += await openCountCases(tx, deps, cohort, [...counts.values()], now);
      },
      IMPORT_TRANSACTION,
    );
  }
  deps.logger.info({ ...result }, "overstap year run");
  return result;
}

/**
 * One overstap case per school and kind (zomerlek, niet gestart) with the count, opened or
 * updated while the count is above 0. A case people closed stays closed: the same reference is
 * not opened again for the cohort.
 */
async function openCountCases(tx: Parameters<OpenCase>[0], deps: Pick<OverstapYearDeps, "openCase">, cohort: SchoolYearLabel, counts: readonly SchoolYearCountsRow[], now: Date): Promise<number> {
  const wanted = counts.flatMap((c) => [
    ...(c.zomerlek ? [{ c, kind: "zomerlek" as const, n: c.zomerlek }] : []),
    ...(c.nietGestart ? [{ c, kind: "niet-gestart" as const, n: c.nietGestart }] : []),
  ]);
  const states = await listReferenceCaseStates(tx, wanted.map((w) => buildCountReference(w.kind, cohort, w.c.brin)));
  const closed = new Set(states.filter((s) => s.state === "opgelost").map((s) => s.reference));
  let opened = 0;
  for (const { c, kind, n } of wanted) {
    const reference = buildCountReference(kind, cohort, c.brin);
    if (closed.has(reference)) continue;
    const what = kind === "zomerlek" ? `${n} ${n === 1 ? "leerling" : "leerlingen"} zomerlek: geplaatst of aangemeld, maar na de zomer nergens ingeschreven` : `${n} ${n === 1 ? "leerling" : "leerlingen"} niet gestart in het mbo: ingeschreven, maar niet begonnen`;
    const reason = `${OVERSTAP_REASON_LABELS[kind]} (overstappers ${cohort}): ${what}. Alleen het aantal uit het overstapsysteem; wie het zijn, staat daar.`;
    const outcome = await deps.openCase(tx, { type: "overstap", subject: { kind: "overstap", reference, reason: kind, schoolId: c.schoolId }, reason, severity: "hoog", source: "job", actorPersonId: null }, now);
    if (outcome.created) opened++;
  }
  return opened;
}

/**
 * The weekly summary's source of the overstap year (src/services/summary/sources.ts): the cohorts
 * running at `asOf` with every school's counts over time as known then. Nothing before any counts exist.
 */
export function createOverstapYearSummarySource(deps: Pick<OverstapYearDeps, "calendar" | "config">) {
  return async (db: Db, query: { asOf: Date }): Promise<OverstapYearProgress[]> => {
    const day = toIsoDate(query.asOf, deps.calendar.zone);
    const current = findCurrentCohort(day);
    const years: OverstapYearProgress[] = [];
    // The snapshots of one import share their moment: each moment becomes a day once (luxon is slow).
    const days = new Map<number, IsoDate>();
    const dayOf = (at: Date) => {
      let on = days.get(at.getTime());
      if (on === undefined) days.set(at.getTime(), (on = toIsoDate(at, deps.calendar.zone)));
      return on;
    };
    for (const cohort of listRunningCohorts(day)) {
      const points = (await listSchoolCounts(db, cohort, query.asOf)).map((row) => ({ ...row, on: dayOf(row.recordedAt) }));
      // The cohort the year is in is shown from its registration on, before its first counts.
      if (points.length > 0 || cohort === current) years.push({ year: await loadOverstapYear(db, cohort, deps), points });
    }
    return years.some((y) => y.points.length > 0) ? years : [];
  };
}
