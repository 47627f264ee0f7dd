import type { Config } from "../../config.js";
import type { Db } from "../../db/client.js";
import { findActivity } from "../../db/catalogue.js";
import { listReminderLogs, mapPersonNames, type DddReminderLogRow, type DddSnapshotRow } from "../../db/ddd.js";
import { toIsoDate, type IsoDate, type WorkCalendar } from "../../domain/calendar/index.js";
import {
  buildTargetKey,
  DDD_NORM_KPIS,
  forecastCompletion,
  formatWeekdayDayMonth,
  isComplete,
  planDossierRoute,
  resolveDddNormTargets,
  toCampaignNorms,
  type CampaignStep,
  type DddFigureField,
  type DddFigures,
  type DddNorms,
  type DossierRoute,
  type RegistrationStep,
} from "../../domain/ddd/index.js";
import { resolveCampaign, type CampaignContext } from "./campaign.js";
import { figuresOf, loadSchoolViews, type GroupView, type SchoolView } from "./progress.js";
import type { CardNotice, DddCardBase, DddCardView, DecaanCardInput, MentorCardInput, ReminderKind } from "./views.js";

/**
 * Turns the campaign's data into what the decaan, mentor and thank-you cards show (rendered by
 * src/cards/ddd-cards.ts). Used by the reminder job, the chat command `voortgang` and the card
 * actions, so a card looks the same however it reaches someone.
 */

export type DddCardDeps = { db: Db; calendar: WorkCalendar; config: Pick<Config, "ddd" | "projectteamContact"> };

/** Everything needed to compose cards for some schools at a moment, loaded in a few queries. */
export type ProgressContext = {
  ctx: CampaignContext;
  /** From the catalogue's DDD KPI targets for this school year. */
  norms: DddNorms;
  now: Date;
  zone: string;
  views: SchoolView[];
  logs: DddReminderLogRow[];
  /** Names of the people who updated figures from a card, for "bijgewerkt door …". */
  names: Map<number, string>;
  /** A dossier's way to the deadline as of today (the same for every card of the run). */
  route: DossierRoute;
};

export async function loadProgressContext(deps: DddCardDeps, now: Date, schoolIds?: readonly number[]): Promise<ProgressContext> {
  const ctx = resolveCampaign(now, deps.calendar, deps.config);
  const views = await loadSchoolViews(deps.db, { schoolYear: ctx.schoolYear, asOf: now, calendar: deps.calendar, schoolIds });
  const logs = await listReminderLogs(deps.db, ctx.schoolYear, { schoolIds });
  const actorIds = views.flatMap((v) => [v.total, ...v.groups.map((g) => g.latest)]).flatMap((s) => (s?.actorPersonId ? [s.actorPersonId] : []));
  const norms = toCampaignNorms(resolveDddNormTargets(await findActivity(deps.db, DDD_NORM_KPIS.activityId), ctx.schoolYear));
  return { ctx, norms, now, zone: deps.calendar.zone, views, logs, names: await mapPersonNames(deps.db, actorIds), route: planDossierRoute(ctx.plan, ctx.today, deps.calendar) };
}

export function describeSource(snapshot: DddSnapshotRow | null, names: ReadonlyMap<number, string>, zone: string): string | null {
  if (!snapshot) return null;
  const day = formatWeekdayDayMonth(toIsoDate(snapshot.recordedAt, zone));
  if (snapshot.source === "kaart") {
    const who = snapshot.actorPersonId ? names.get(snapshot.actorPersonId) : undefined;
    return `bijgewerkt${who ? ` door ${who}` : ""} in Teams op ${day}`;
  }
  if (snapshot.source === "demo") return `demogegevens van ${day}`;
  return `import uit het overstapsysteem van ${day}`;
}

/** "Change since the last reminder": the figures the target's previous reminder showed. */
export function findChangeSinceLastReminder(logs: readonly DddReminderLogRow[], targetKey: string, today: IsoDate, afgerond: number | null): { since: IsoDate; delta: number } | null {
  if (afgerond === null) return null;
  const own = groupLogsByTarget(logs).get(targetKey) ?? [];
  let last: DddReminderLogRow | undefined;
  for (let i = own.length - 1; i >= 0 && !last; i--) {
    const l = own[i]!;
    if (l.day < today && (l.kind === "herinnering" || l.kind === "later") && l.afgerond !== null) last = l;
  }
  return last ? { since: last.day, delta: afgerond - last.afgerond! } : null;
}

// A run composes a card per target from the same logs (a season's worth): grouped once per log
// list instead of scanning them all for every card.
const logsByTarget = new WeakMap<readonly DddReminderLogRow[], Map<string, DddReminderLogRow[]>>();

function groupLogsByTarget(logs: readonly DddReminderLogRow[]): Map<string, DddReminderLogRow[]> {
  let grouped = logsByTarget.get(logs);
  if (!grouped) {
    grouped = new Map();
    for (const l of logs) {
      const list = grouped.get(l.targetKey);
      if (list) list.push(l);
      else grouped.set(l.targetKey, [l]);
    }
    logsByTarget.set(logs, grouped);
  }
  return grouped;
}

/**
 * What the decaan's and the mentor's card share, for one target (a school, or one of its mentor
 * groups): figures, the snapshot they came from, the forecast, and where the campaign stands.
 */
function composeCardBase(
  pc: ProgressContext,
  target: { figures: DddFigures | null; snapshot: DddSnapshotRow | null; points: SchoolView["points"]; targetKey: string },
  options: { kind: ReminderKind; step: CampaignStep | null; firstMessage?: boolean; greetingName: string | null; canAskHelp: boolean; notice?: CardNotice },
  contact: string,
): DddCardBase {
  const { ctx } = pc;
  return {
    schoolYear: ctx.schoolYear,
    figures: target.figures,
    version: target.snapshot?.version ?? 0,
    sourceLabel: describeSource(target.snapshot, pc.names, pc.zone),
    forecast: forecastCompletion({ points: target.points, today: ctx.today, deadlineDay: ctx.plan.deadlineDay, normPercent: pc.norms.ddd, index: ctx.index }),
    plan: ctx.plan,
    today: ctx.today,
    route: pc.route,
    kind: options.kind,
    step: options.step,
    firstMessage: options.firstMessage,
    greetingName: options.greetingName,
    change: options.kind === "stand" ? null : findChangeSinceLastReminder(pc.logs, target.targetKey, ctx.today, target.figures?.afgerond ?? null),
    canAskHelp: options.canAskHelp,
    notice: options.notice,
    contact,
  };
}

export type DecaanCardOptions = {
  kind: ReminderKind;
  step: CampaignStep | null;
  firstMessage?: boolean;
  greetingName: string | null;
  canEdit: boolean;
  canAskHelp: boolean;
  snoozesLeft: number | null;
  notice?: CardNotice;
  form?: { values: Partial<Record<DddFigureField, unknown>>; open: boolean };
};

export function composeDecaanCard(pc: ProgressContext, view: SchoolView, options: DecaanCardOptions, contact: string): DddCardView {
  const base = composeCardBase(pc, { figures: view.figures, snapshot: view.total, points: view.points, targetKey: buildTargetKey(view.school.id) }, options, contact);
  const card: DecaanCardInput = {
    ...base,
    school: { id: view.school.id, naam: view.school.naam, brin: view.school.brin },
    groups: view.groups.map((g) => ({ mentorGroup: g.mentorGroup, figures: figuresOf(g.latest), acknowledged: g.acknowledged })),
    inBeeldNorm: pc.norms.inBeeld,
    canEdit: options.canEdit,
    snoozesLeft: options.snoozesLeft,
    form: options.form,
  };
  return { kind: "decaan", card };
}

export type MentorCardOptions = {
  kind: ReminderKind;
  step: CampaignStep | null;
  firstMessage?: boolean;
  greetingName: string | null;
  canMarkDone: boolean;
  canAskHelp: boolean;
  notice?: CardNotice;
};

export function composeMentorCard(pc: ProgressContext, view: SchoolView, group: GroupView, options: MentorCardOptions, contact: string): DddCardView {
  const targetKey = buildTargetKey(view.school.id, group.mentorGroup);
  const base = composeCardBase(pc, { figures: figuresOf(group.latest), snapshot: group.latest, points: group.points, targetKey }, options, contact);
  const card: MentorCardInput = {
    ...base,
    school: { id: view.school.id, naam: view.school.naam },
    mentorGroup: group.mentorGroup,
    acknowledgedOn: group.acknowledged && group.acknowledgedAt ? toIsoDate(group.acknowledgedAt, pc.zone) : null,
    canMarkDone: options.canMarkDone,
  };
  return { kind: "mentor", card };
}

export function composeDankCard(pc: ProgressContext, view: SchoolView, group: GroupView | null, greetingName: string | null, contact: string): DddCardView | null {
  // A group is thanked because its school is complete; when the group's own (older) figures do
  // not say so, the school's figures and name are the true ones to show ("15 van 25" under "Klaar" misleads).
  const own = group ? figuresOf(group.latest) : null;
  const useGroup = group !== null && own !== null && isComplete(own);
  const figures = useGroup ? own : view.figures;
  if (!figures || figures.overstappers === 0) return null;
  return {
    kind: "dank",
    card: {
      subject: useGroup ? `groep ${group.mentorGroup} van ${view.school.naam}` : view.school.naam,
      schoolYear: pc.ctx.schoolYear,
      figures,
      greetingName,
      deadlineLabel: pc.ctx.plan.deadlineLabel,
      onTime: pc.ctx.today <= pc.ctx.plan.deadlineDay,
      contact,
    },
  };
}

/** The registration phase's card to a school's decanen (see domain/ddd/registration-planner.ts). */
export function composeRegistratieCard(
  pc: ProgressContext,
  view: SchoolView,
  options: { step: RegistrationStep; firstMessage: boolean; greetingName: string | null },
  contact: string,
): DddCardView {
  return {
    kind: "registratie",
    card: {
      school: { id: view.school.id, naam: view.school.naam },
      schoolYear: pc.ctx.schoolYear,
      plan: pc.ctx.plan,
      step: options.step,
      firstMessage: options.firstMessage,
      figures: view.figures,
      sourceLabel: describeSource(view.total, pc.names, pc.zone),
      greetingName: options.greetingName,
      canAskHelp: true,
      contact,
    },
  };
}

/** Loads one school and composes its decaan card (chat, card actions). Null for an unknown school. */
export async function loadDecaanCard(deps: DddCardDeps, now: Date, schoolId: number, options: DecaanCardOptions): Promise<DddCardView | null> {
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  return view ? composeDecaanCard(pc, view, options, deps.config.projectteamContact) : null;
}

export async function loadMentorCard(deps: DddCardDeps, now: Date, schoolId: number, mentorGroup: string, options: MentorCardOptions): Promise<DddCardView | null> {
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  const group = view?.groups.find((g) => g.mentorGroup === mentorGroup);
  return view && group ? composeMentorCard(pc, view, group, options, deps.config.projectteamContact) : null;
}
