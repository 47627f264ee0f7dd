import type { Config } from "../../config.js";
import { IMPORT_TRANSACTION, runInTransaction, type Db } from "../../db/client.js";
import { claimReminderDays, listSnoozes, mapPersonNames, resolveSnoozes, type DddSnoozeRow } from "../../db/ddd.js";
import type { WorkCalendar } from "../../domain/calendar/index.js";
import {
  buildTargetKey,
  findStep,
  firstName,
  planRegistrationReminders,
  planReminders,
  type DueSnooze,
  type PlannedItem,
  type ReminderAction,
  type ReminderHistoryEntry,
  type ReminderPlan,
} from "../../domain/ddd/index.js";
import type { Logger } from "../../logger.js";
import type { EnqueueMessages, OpenCase, OutboundMessage } from "../ports.js";
import { composeDankCard, composeDecaanCard, composeMentorCard, composeRegistratieCard, loadProgressContext, type ProgressContext } from "./cards.js";
import type { DddCardView, RenderDddCard } from "./views.js";
import { figuresOf, toCampaignTargets, type GroupView, type SchoolView } from "./progress.js";

/**
 * The `ddd-reminders` job: plan (pure, see domain/ddd/planner.ts), then one transaction that
 * claims every planned target's day in the reminder log, enqueues a card per recipient through
 * the delivery port, and opens an escalation case where the plan says so. Claiming the day
 * first makes the job idempotent: a second run (the same day, or in parallel) finds the day
 * taken and enqueues nothing. Everything is read before and written in slices, so a run costs
 * a few queries, not a few per item.
 */

export type DddJobDeps = {
  db: Db;
  logger: Logger;
  config: Pick<Config, "ddd" | "projectteamContact">;
  calendar: WorkCalendar;
  enqueueMany: EnqueueMessages;
  openCase: OpenCase;
  /** Renders the cards the job sends (src/cards/ddd-cards.ts): the service gives the data. */
  render: RenderDddCard;
};

/** How many times a decaan may snooze one step's reminder. */
export const MAX_SNOOZES_PER_STEP = 2;

export const DDD_PURPOSES: Record<Exclude<ReminderAction, "stil">, string> = {
  herinnering: "ddd-herinnering",
  dank: "ddd-dank",
  later: "ddd-herinnering-later",
};

/** The registration phase's messages, apart in `verzending`. */
export const DDD_REGISTRATION_PURPOSE = "ddd-registratie";

export function toHistory(logs: ProgressContext["logs"]): ReminderHistoryEntry[] {
  return logs.map((l) => ({ targetKey: l.targetKey, day: l.day, kind: l.kind as ReminderAction, coveredSteps: l.coveredSteps ? l.coveredSteps.split(",") : [] }));
}

function toDueSnoozes(rows: readonly DddSnoozeRow[]): DueSnooze[] {
  return rows.filter((r) => r.resolvedDay === null).map((r) => ({ id: r.id, targetKey: buildTargetKey(r.schoolId), personId: r.personId, stepId: r.stepId, dueDay: r.dueDay }));
}

export type PlannedRun = { pc: ProgressContext; plan: ReminderPlan; snoozes: DddSnoozeRow[] };

/**
 * Loads everything and asks the planner of the phase `now` falls in (the registration phase before
 * the campaign's start, the campaign from then on); sends nothing.
 */
export async function planDddReminders(deps: Pick<DddJobDeps, "db" | "calendar" | "config">, now: Date): Promise<PlannedRun> {
  const pc = await loadProgressContext(deps, now);
  if (pc.ctx.today < pc.ctx.plan.startDay) {
    const plan = planRegistrationReminders({ now, plan: pc.ctx.plan, calendar: deps.calendar, targets: toCampaignTargets(pc.views), history: toHistory(pc.logs) });
    return { pc, plan, snoozes: [] };
  }
  const snoozes = await listSnoozes(deps.db, pc.ctx.schoolYear);
  const plan = planReminders({
    now,
    plan: pc.ctx.plan,
    calendar: deps.calendar,
    targets: toCampaignTargets(pc.views),
    history: toHistory(pc.logs),
    snoozes: toDueSnoozes(snoozes),
    normPercent: pc.norms.ddd,
    index: pc.ctx.index,
  });
  return { pc, plan, snoozes };
}

/** The people an item goes to: a snooze only to who asked (if still decaan), else every decaan or the group's mentors. */
export function resolveRecipients(item: PlannedItem, view: SchoolView, group: GroupView | null): number[] {
  if (item.action === "stil") return [];
  if (group) return group.mentorIds;
  if (item.action === "later") return item.personIds.filter((id) => view.school.decaanIds.includes(id));
  return view.school.decaanIds;
}

/** Idempotency key of one message: school year, step (or "dank"), target and person. */
export function buildMessageKey(schoolYear: string, item: PlannedItem, personId: number, today: string): string {
  const target = item.mentorGroup ? `school-${item.schoolId}:groep-${item.mentorGroup}` : `school-${item.schoolId}`;
  if (item.action === "dank") return `ddd:${schoolYear}:dank:${target}:person-${personId}`;
  if (item.action === "later") return `ddd:${schoolYear}:${item.stepId}:${target}:later-${today}:person-${personId}`;
  return `ddd:${schoolYear}:${item.stepId}:${target}:person-${personId}`;
}

export type DddReminderRunResult = {
  schoolYear: string;
  /** The registration phase (after the herfstvakantie) or the campaign (from January). */
  phase: ReminderPlan["phase"];
  /** The campaign's state at this moment ("actief", "geen-werkmoment", ...); not the job run's status. */
  campaign: ReminderPlan["status"];
  stepsToday: string[];
  planned: number;
  enqueued: number;
  reminders: number;
  thanks: number;
  later: number;
  silent: number;
  escalations: number;
  /** Targets without anyone to send to (no decaan, or a group without mentor). */
  noRecipient: number;
  alreadyToday: number;
  /** Items another run claimed first. */
  lostRace: number;
  nextSendMoment: string;
};

export async function runDddReminders(deps: DddJobDeps, now: Date): Promise<DddReminderRunResult> {
  const { pc, plan, snoozes } = await planDddReminders(deps, now);
  const { ctx } = pc;
  const result: DddReminderRunResult = {
    schoolYear: ctx.schoolYear,
    phase: plan.phase,
    campaign: plan.status,
    stepsToday: plan.stepsToday.map((s) => s.id),
    planned: plan.items.length,
    enqueued: 0,
    reminders: 0,
    thanks: 0,
    later: 0,
    silent: 0,
    escalations: 0,
    noRecipient: 0,
    alreadyToday: plan.alreadyToday.length,
    lostRace: 0,
    nextSendMoment: plan.nextSendMoment.toISOString(),
  };
  if (plan.status !== "actief") return result;

  const views = new Map(pc.views.map((v) => [v.school.id, v]));
  const recipientsOf = new Map<PlannedItem, number[]>();
  for (const item of plan.items) {
    const view = views.get(item.schoolId)!;
    recipientsOf.set(item, resolveRecipients(item, view, item.mentorGroup ? (view.groups.find((g) => g.mentorGroup === item.mentorGroup) ?? null) : null));
  }
  const names = await mapPersonNames(deps.db, [...recipientsOf.values()].flat());
  const snoozesUsed = (schoolId: number, personId: number, stepId: string | null) =>
    snoozes.filter((s) => s.schoolId === schoolId && s.personId === personId && s.stepId === stepId).length;
  const contact = deps.config.projectteamContact;
  const groupOf = (item: PlannedItem, view: SchoolView) => (item.mentorGroup ? (view.groups.find((g) => g.mentorGroup === item.mentorGroup) ?? null) : null);

  // One transaction for the whole run, in a few statements per slice: claiming every target's
  // day first makes it idempotent (a second run, the same day or in parallel, finds the days
  // taken and enqueues nothing), and the cards, snoozes and cases of the claimed items commit with them.
  await runInTransaction(
    deps.db,
    async (tx) => {
      const claimed = await claimReminderDays(
        tx,
        plan.items.map((item) => {
          const view = views.get(item.schoolId)!;
          const group = groupOf(item, view);
          const figures = group ? figuresOf(group.latest) : view.figures;
          return {
            schoolYear: ctx.schoolYear,
            targetKey: item.targetKey,
            schoolId: item.schoolId,
            mentorGroup: item.mentorGroup ?? "",
            day: ctx.today,
            kind: item.action,
            stepId: item.stepId,
            coveredSteps: item.coveredSteps.join(","),
            recipients: recipientsOf.get(item)!.length,
            afgerond: figures?.afgerond ?? null,
            overstappers: figures?.overstappers ?? null,
            snapshotVersion: (group ? group.latest?.version : view.total?.version) ?? null,
            source: "job",
            createdAt: now,
          };
        }),
      );
      const items = plan.items.filter((item) => claimed.has(item.targetKey));
      result.lostRace = plan.items.length - items.length;
      await resolveSnoozes(tx, items.flatMap((item) => item.snoozeIds), ctx.today);

      const messages: OutboundMessage[] = [];
      for (const item of items) {
        if (item.action === "stil") {
          result.silent++;
          continue;
        }
        if (item.action === "herinnering") result.reminders++;
        else if (item.action === "dank") result.thanks++;
        else result.later++;
        const view = views.get(item.schoolId)!;
        const group = groupOf(item, view);
        const recipients = recipientsOf.get(item)!;
        if (recipients.length === 0) result.noRecipient++;
        const step = findStep(ctx.plan, item.stepId) ?? null;
        const registration = plan.phase === "registratie" ? ctx.plan.registration.steps.find((s) => s.id === item.stepId) : undefined;
        const kind = item.action === "later" ? "later" : "herinnering";
        for (const personId of recipients) {
          const greetingName = firstName(names.get(personId));
          const card: DddCardView | null = registration
            ? composeRegistratieCard(pc, view, { step: registration, firstMessage: item.firstMessage, greetingName }, contact)
            : item.action === "dank"
              ? composeDankCard(pc, view, group, greetingName, contact)
              : group
                ? composeMentorCard(pc, view, group, { kind, step, firstMessage: item.firstMessage, greetingName, canMarkDone: true, canAskHelp: true }, contact)
                : composeDecaanCard(
                    pc,
                    view,
                    { kind, step, firstMessage: item.firstMessage, greetingName, canEdit: true, canAskHelp: true, snoozesLeft: Math.max(0, MAX_SNOOZES_PER_STEP - snoozesUsed(view.school.id, personId, item.stepId)) },
                    contact,
                  );
          if (!card) continue;
          messages.push({ key: buildMessageKey(ctx.schoolYear, item, personId, ctx.today), purpose: registration ? DDD_REGISTRATION_PURPOSE : DDD_PURPOSES[item.action], recipient: { personId }, card: deps.render(card), notBefore: item.sendAt });
        }
      }
      result.enqueued = (await deps.enqueueMany(tx, messages, now)).filter((outcome) => outcome.enqueued).length;

      for (const item of items) {
        if (!item.escalation) continue;
        await deps.openCase(
          tx,
          { type: "ddd-achterstand", subject: { kind: "school", schoolId: item.schoolId }, reason: item.escalation.reason, severity: item.escalation.severity, source: "job", actorPersonId: null },
          now,
        );
        result.escalations++;
      }
    },
    IMPORT_TRANSACTION,
  );
  deps.logger.info({ day: ctx.today, ...result }, "ddd reminders planned");
  return result;
}
