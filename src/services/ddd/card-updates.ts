import { runInTransaction } from "../../db/client.js";
import { appendSnapshotIfCurrent, claimReminderDay, createAcknowledgement, createSnooze, listReminderLogs, listSnoozes, markReminderDayThanked } from "../../db/ddd.js";
import { addWorkingDays, toIsoDate } from "../../domain/calendar/index.js";
import { buildTargetKey, completionRatio, findStep, formatPercent, formatWeekdayDayMonth, isComplete, validateFigures, type DddFigureField } from "../../domain/ddd/index.js";
import type { Logger } from "../../logger.js";
import type { Actor } from "../actor.js";
import type { EnqueueMessage, OpenCase } from "../ports.js";
import { composeDecaanCard, composeMentorCard, loadProgressContext, type DddCardDeps, type ProgressContext } from "./cards.js";
import { resolveCampaign } from "./campaign.js";
import { MAX_SNOOZES_PER_STEP } from "./reminders.js";
import type { CardNotice, DddCardView } from "./views.js";

/**
 * What the buttons on the DDD cards do. Every outcome is a refreshed card (with a Dutch notice at
 * the top saying what happened, or why nothing changed) or, when the person may not touch this
 * school at all, a short Dutch message that Teams shows on the card.
 */

export type CardUpdateDeps = DddCardDeps & { logger: Logger; openCase: OpenCase; enqueue: EnqueueMessage };

export type CardOutcome = { card: DddCardView } | { message: string };

export function isDecaanOf(actor: Actor, schoolId: number): boolean {
  return actor.person?.roles.some((r) => r.role === "decaan" && r.schoolId === schoolId) ?? false;
}

export function isMentorOf(actor: Actor, schoolId: number, mentorGroup: string): boolean {
  return actor.person?.roles.some((r) => r.role === "mentor" && r.schoolId === schoolId && r.mentorGroup === mentorGroup) ?? false;
}

const NOT_YOUR_SCHOOL = "Je kunt alleen de DDD-cijfers van je eigen school bijwerken. Er is niets veranderd.";
const NOT_YOUR_GROUP = "Deze kaart hoort bij een mentorgroep die niet van jou is. Er is niets veranderd.";
const UNKNOWN_SCHOOL = "Deze school ken ik niet (meer). Er is niets veranderd.";

async function snoozesLeft(deps: CardUpdateDeps, pc: ProgressContext, schoolId: number, personId: number, stepId: string | null): Promise<number | null> {
  if (!stepId || !findStep(pc.ctx.plan, stepId)) return null;
  const used = await listSnoozes(deps.db, pc.ctx.schoolYear, { schoolId, personId, stepId });
  return Math.max(0, MAX_SNOOZES_PER_STEP - used.length);
}

async function decaanCard(deps: CardUpdateDeps, now: Date, actor: Actor, schoolId: number, stepId: string | null, extra: { notice?: CardNotice; form?: { values: Partial<Record<DddFigureField, unknown>>; open: boolean } }): Promise<CardOutcome> {
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  if (!view) return { message: UNKNOWN_SCHOOL };
  const step = findStep(pc.ctx.plan, stepId) ?? null;
  const card = composeDecaanCard(
    pc,
    view,
    {
      kind: step ? "herinnering" : "stand",
      step,
      greetingName: null,
      canEdit: true,
      canAskHelp: true,
      snoozesLeft: actor.person ? await snoozesLeft(deps, pc, schoolId, actor.person.id, step?.id ?? null) : null,
      ...extra,
    },
    deps.config.projectteamContact,
  );
  return { card };
}

/**
 * "Cijfers bijwerken" → "Opslaan". Validated on the server (the card's own checks can be
 * bypassed); written as a compare-and-swap on the version the card showed, so a card that is
 * older than the figures in the database refreshes instead of overwriting them.
 */
export async function updateSchoolFigures(
  deps: CardUpdateDeps,
  input: { actor: Actor; schoolId: number; version: number; stepId: string | null; values: Partial<Record<DddFigureField, unknown>>; now: Date },
): Promise<CardOutcome> {
  const { actor, schoolId, now } = input;
  if (!actor.person || !isDecaanOf(actor, schoolId)) return { message: NOT_YOUR_SCHOOL };
  const validation = validateFigures(input.values);
  if (!validation.ok) {
    return decaanCard(deps, now, actor, schoolId, input.stepId, {
      notice: { tone: "fout", text: "Niet opgeslagen: er is niets veranderd. Verbeter dit en sla opnieuw op:", lines: validation.issues.map((i) => i.message) },
      form: { values: input.values, open: true },
    });
  }
  const ctx = resolveCampaign(now, deps.calendar, deps.config);
  const figures = validation.figures;
  const written = await appendSnapshotIfCurrent(deps.db, ctx.schoolYear, { schoolId, mentorGroup: "", source: "kaart", actorPersonId: actor.person.id, ...figures }, input.version, now);
  if (!written.ok) {
    deps.logger.info({ schoolId, cardVersion: input.version, latestVersion: written.latest?.version ?? 0 }, "ddd figures from a stale card refused");
    return decaanCard(deps, now, actor, schoolId, input.stepId, {
      notice: {
        tone: "let-op",
        text: "Er zijn intussen nieuwere cijfers binnengekomen dan op jouw kaart stonden. Je wijziging is daarom niet opgeslagen, zodat die nieuwe cijfers niet overschreven worden. Hieronder staat de actuele stand; pas die zo nodig opnieuw aan.",
      },
    });
  }
  deps.logger.info({ schoolId, version: written.snapshot.version, personId: actor.person.id }, "ddd figures updated from card");
  const done = isComplete(figures);
  if (done) {
    // The refreshed card is the thank-you: log it so the job does not send a second one.
    const logs = await listReminderLogs(deps.db, ctx.schoolYear, { schoolIds: [schoolId] });
    const targetKey = buildTargetKey(schoolId);
    if (!logs.some((l) => l.targetKey === targetKey && l.kind === "dank")) {
      // One transaction: either the day is claimed as "dank", or this morning's reminder already
      // holds the day and is marked thanked (else the job thanks again tomorrow).
      await runInTransaction(deps.db, async (tx) => {
        const claimed = await claimReminderDay(tx, {
          schoolYear: ctx.schoolYear,
          targetKey,
          schoolId,
          mentorGroup: "",
          day: ctx.today,
          kind: "dank",
          stepId: null,
          coveredSteps: "",
          recipients: 0,
          afgerond: figures.afgerond,
          overstappers: figures.overstappers,
          snapshotVersion: written.snapshot.version,
          source: "kaart",
          createdAt: now,
        });
        if (!claimed) await markReminderDayThanked(tx, { schoolYear: ctx.schoolYear, targetKey, day: ctx.today });
      });
    }
  }
  return decaanCard(deps, now, actor, schoolId, input.stepId, {
    notice: done
      ? { tone: "goed", text: `Opgeslagen: alle ${figures.overstappers} dossiers zijn afgerond en aangeleverd. Dank je wel!` }
      : { tone: "goed", text: `Opgeslagen: ${figures.afgerond} van ${figures.overstappers} afgerond (${formatPercent(completionRatio(figures))}). Dank je!` },
  });
}

/** "Later herinneren": again on the next working day, at most twice per step. */
export async function snoozeReminder(deps: CardUpdateDeps, input: { actor: Actor; schoolId: number; stepId: string; now: Date }): Promise<CardOutcome> {
  const { actor, schoolId, now } = input;
  if (!actor.person || !isDecaanOf(actor, schoolId)) return { message: NOT_YOUR_SCHOOL };
  const ctx = resolveCampaign(now, deps.calendar, deps.config);
  const step = findStep(ctx.plan, input.stepId);
  if (!step) return decaanCard(deps, now, actor, schoolId, null, { notice: { tone: "let-op", text: "Deze herinnering hoort bij een eerdere campagne en kan niet meer worden uitgesteld." } });
  const mine = await listSnoozes(deps.db, ctx.schoolYear, { schoolId, personId: actor.person.id, stepId: step.id });
  const open = mine.find((s) => s.resolvedDay === null);
  if (open) {
    return decaanCard(deps, now, actor, schoolId, step.id, { notice: { tone: "info", text: `Je krijgt deze herinnering al opnieuw op ${formatWeekdayDayMonth(open.dueDay)}.` } });
  }
  if (mine.length >= MAX_SNOOZES_PER_STEP) {
    return decaanCard(deps, now, actor, schoolId, step.id, {
      notice: { tone: "let-op", text: `Je hebt deze herinnering al ${MAX_SNOOZES_PER_STEP} keer uitgesteld. Lukt het niet? Kies Hulp vragen, dan denkt het projectteam mee.` },
    });
  }
  const dueDay = addWorkingDays(toIsoDate(now, deps.calendar.zone), 1, deps.calendar);
  if (dueDay > ctx.plan.deadlineDay) {
    return decaanCard(deps, now, actor, schoolId, step.id, { notice: { tone: "let-op", text: `Uitstellen kan niet meer: de volgende werkdag valt na de deadline van ${ctx.plan.deadlineLabel}.` } });
  }
  await createSnooze(deps.db, { schoolYear: ctx.schoolYear, schoolId, personId: actor.person.id, stepId: step.id, dueDay, createdAt: now });
  deps.logger.info({ schoolId, personId: actor.person.id, stepId: step.id, dueDay }, "ddd reminder snoozed");
  const left = MAX_SNOOZES_PER_STEP - mine.length - 1;
  return decaanCard(deps, now, actor, schoolId, step.id, {
    notice: { tone: "goed", text: `Goed, ik herinner je op ${formatWeekdayDayMonth(dueDay)} opnieuw.${left === 0 ? " Dat was de laatste keer uitstellen voor deze herinnering." : ""}` },
  });
}

/** "Hulp vragen": opens (or joins) the school's ddd-hulp case for the projectteam. */
export async function askForHelp(deps: CardUpdateDeps, input: { actor: Actor; schoolId: number; mentorGroup: string; stepId?: string | null; now: Date }): Promise<CardOutcome> {
  const { actor, schoolId, mentorGroup, now } = input;
  const asMentor = mentorGroup !== "";
  if (!actor.person || (asMentor ? !isMentorOf(actor, schoolId, mentorGroup) : !isDecaanOf(actor, schoolId))) return { message: asMentor ? NOT_YOUR_GROUP : NOT_YOUR_SCHOOL };
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  if (!view) return { message: UNKNOWN_SCHOOL };
  const group = asMentor ? view.groups.find((g) => g.mentorGroup === mentorGroup) : undefined;
  if (asMentor && !group) return { message: NOT_YOUR_GROUP };
  const figures = group ? group.latest : view.figures;
  const status = figures ? `${figures.afgerond} van ${figures.overstappers} afgerond (${formatPercent(completionRatio(figures))})` : "nog geen cijfers";
  const reason = asMentor ? `Mentor van groep ${mentorGroup} vraagt hulp bij het DDD (${status}).` : `Decaan vraagt hulp bij het DDD (${status}).`;
  const opened = await runInTransaction(deps.db, (tx) =>
    deps.openCase(tx, { type: "hulp-gevraagd", subject: { kind: "school", schoolId }, reason, severity: "normaal", source: "card", actorPersonId: actor.person!.id }, now),
  );
  deps.logger.info({ schoolId, caseNumber: opened.caseNumber, created: opened.created, personId: actor.person.id }, "ddd help requested");
  const notice: CardNotice = opened.created
    ? { tone: "goed", text: `Je hulpvraag staat bij het projectteam (zaak ${opened.caseNumber}). Je hoort zo snel mogelijk van ons.` }
    : { tone: "info", text: `Er loopt al een hulpvraag voor ${view.school.naam} (zaak ${opened.caseNumber}); jouw vraag is erbij gezet en het projectteam weet ervan.` };
  const step = findStep(pc.ctx.plan, input.stepId) ?? null;
  if (group) {
    return { card: composeMentorCard(pc, view, group, { kind: step ? "herinnering" : "stand", step, greetingName: null, canMarkDone: true, canAskHelp: true, notice }, deps.config.projectteamContact) };
  }
  return decaanCard(deps, now, actor, schoolId, step?.id ?? null, { notice });
}

/** A mentor's "Gedaan": their part for the group is done; no reminders until newer figures. */
export async function markGroupDone(deps: CardUpdateDeps, input: { actor: Actor; schoolId: number; mentorGroup: string; stepId: string | null; now: Date }): Promise<CardOutcome> {
  const { actor, schoolId, mentorGroup, now } = input;
  if (!actor.person || !isMentorOf(actor, schoolId, mentorGroup)) return { message: NOT_YOUR_GROUP };
  const ctx = resolveCampaign(now, deps.calendar, deps.config);
  await createAcknowledgement(deps.db, { schoolYear: ctx.schoolYear, schoolId, mentorGroup, personId: actor.person.id, stepId: input.stepId || null, at: now });
  deps.logger.info({ schoolId, personId: actor.person.id }, "ddd mentor group marked done");
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  const group = view?.groups.find((g) => g.mentorGroup === mentorGroup);
  if (!view || !group) return { message: NOT_YOUR_GROUP };
  const step = findStep(pc.ctx.plan, input.stepId) ?? null;
  return {
    card: composeMentorCard(
      pc,
      view,
      group,
      {
        kind: step ? "herinnering" : "stand",
        step,
        greetingName: null,
        canMarkDone: false,
        canAskHelp: true,
        notice: {
          tone: "goed",
          text: `Dank je! Genoteerd dat jouw deel voor groep ${mentorGroup} klaar is. Tot er nieuwe cijfers zijn, krijg je voor deze groep geen herinneringen; staan er dan nog dossiers open, dan hoor je weer van me.`,
        },
      },
      deps.config.projectteamContact,
    ),
  };
}
