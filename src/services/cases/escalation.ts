import { appendCaseEvent, appendCaseEvents, findCasesByIds, listCaseEventsOf, listCaseIdsDue, listSchoolBoardPeople, listSubregioChainPeople, setNextEscalationHint, type CaseEventInput, type CasePerson, type CaseRecord } from "../../db/cases.js";
import { recordChainGap } from "../../db/chain-gaps.js";
import { IMPORT_TRANSACTION, runInTransaction, type Db, type DbTx } from "../../db/client.js";
import { nextSendMoment } from "../../domain/calendar/index.js";
import { decideCaseAction, describeLevel, findPolicyLevel, listPolicyTops, getEscalationPolicy, getTopLevel, planEscalation, type CaseChanges, type CaseVia, type EscalationAudience, type EscalationLevel, type EscalationPolicy } from "../../domain/cases/index.js";
import { describeErrorForLog, type Logger } from "../../logger.js";
import { enqueueOneByOne, type OutboundMessage } from "../ports.js";
import { listResponsiblePeople, loadCasePeople, toMention, listSchoolLeadership, pickAssignee, type CasePeople } from "./people.js";
import { toSnapshot, writeChanges } from "./state.js";
import { SCHOOL_LEADERSHIP_ROLE, SYSTEM_ACTOR, type CaseActor, type CaseDeps, type ChainGapAudience } from "./types.js";
import { composeCaseView, type CaseMention } from "./view.js";

// ---------------------------------------------------------------------------------------------
// Escalation: firing a level

type CaseRecipient = { personId: number } | { conversationId: string };

function describeRecipient(recipient: CaseRecipient): string {
  return "personId" in recipient ? `p${recipient.personId}` : `c${recipient.conversationId}`;
}

function buildHeadline(policy: EscalationPolicy, level: number, extra: { assignee?: CasePerson | null; leadershipFallback?: boolean; manual?: boolean; gaps?: readonly ChainGap[] }): string {
  const manual = extra.manual ? " (handmatig)" : "";
  const audiences = findPolicyLevel(policy, level)?.audiences ?? [];
  // Who could not be reached is said on the card, so nobody waits for an answer that cannot come.
  const gaps = extra.gaps && extra.gaps.length > 0 ? ` ${extra.gaps.map((g) => g.cardText).join(" ")} De beheerder is ingelicht.` : "";
  if (level === 0) return "Herinnering: deze zaak vraagt actie. Pak hem op met de knop hieronder, of laat het projectteam weten wat er speelt.";
  if (audiences.includes("projectteam-channel")) return `Geëscaleerd naar het projectteam${manual}.${extra.assignee ? ` Toegewezen aan <at>${extra.assignee.naam}</at>.` : ""}`;
  if (audiences.includes("programmaleider")) {
    return `Geëscaleerd naar de programmaleider VSV en de schoolleiding${manual}${extra.leadershipFallback ? " (geen schoolleiding bekend: de decanen van de school)" : ""}.${gaps}`;
  }
  return `Geëscaleerd: ${describeLevel(policy, level)}${manual}.${gaps}`;
}

/** An audience of a level that reached nobody: said on the card, recorded once, told to the beheerder. */
type ChainGap = { audience: ChainGapAudience; key: string; schoolId: number | null; subregioId: string | null; cardText: string; where: string };

type LevelAudience = { recipients: CaseRecipient[]; mentions: CasePerson[]; leadershipFallback: boolean; gaps: ChainGap[] };

/** The school's board, or the gap when the school names none or its board has nobody in the directory. */
async function findBoardAudience(tx: DbTx, record: CaseRecord): Promise<{ people: CasePerson[]; gap: ChainGap | null }> {
  const school = record.school!;
  const board = await listSchoolBoardPeople(tx, school.id);
  if (board.people.length > 0) return { people: board.people, gap: null };
  const where = `${school.naam} (${school.brin})`;
  return {
    people: [],
    gap: {
      audience: "school-board", key: `school-board|school:${school.id}`, schoolId: school.id, subregioId: school.subregioId, where,
      cardText: board.hasBoard ? "Van het schoolbestuur staat niemand in de contactenlijst." : "Van deze school is geen schoolbestuur bekend.",
    },
  };
}

/** RMC and leerplicht of the subregio of the pupil's school; without a school there is no region to ask. */
async function findRegionAudience(tx: DbTx, record: CaseRecord): Promise<{ people: CasePerson[]; gap: ChainGap | null }> {
  const subregioId = record.school?.subregioId ?? null;
  if (!subregioId) {
    return { people: [], gap: { audience: "rmc-leerplicht", key: `rmc-leerplicht|zaak:${record.id}`, schoolId: null, subregioId: null, where: `zaak ${record.id} (geen school bekend)`, cardText: "Zonder school is de subregio van de leerling onbekend, dus ook RMC en leerplicht." } };
  }
  const people = await listSubregioChainPeople(tx, subregioId);
  if (people.length > 0) return { people, gap: null };
  return { people: [], gap: { audience: "rmc-leerplicht", key: `rmc-leerplicht|subregio:${subregioId}`, schoolId: null, subregioId, where: `subregio ${subregioId}`, cardText: "Voor deze subregio staat niemand van RMC of leerplicht in de contactenlijst." } };
}

/**
 * Who a level reaches. The ladder's usual audiences come from the people read once for the run;
 * a school's board and a subregio's RMC and leerplicht are read per case, as only the few cases
 * reaching the top of their ladder need them.
 */
async function findLevelAudience(tx: DbTx, people: CasePeople, record: CaseRecord, definition: EscalationLevel | undefined, assignee: CasePerson | null): Promise<LevelAudience> {
  const recipients: CaseRecipient[] = [];
  const mentions: CasePerson[] = [];
  const gaps: ChainGap[] = [];
  let leadershipFallback = false;
  for (const audience of (definition?.audiences ?? []) as readonly EscalationAudience[]) {
    if (audience === "responsible") {
      for (const p of listResponsiblePeople(people, record)) recipients.push({ personId: p.id });
    } else if (audience === "projectteam-channel") {
      if (people.channel) recipients.push({ conversationId: people.channel.conversationId });
      else for (const p of people.withRole("projectteam")) recipients.push({ personId: p.id });
      if (assignee) mentions.push(assignee);
    } else if (audience === "programmaleider") {
      for (const p of people.withRole("programmaleider")) recipients.push({ personId: p.id });
    } else if (audience === "school-leadership" && record.schoolId) {
      const leadership = listSchoolLeadership(people, record.schoolId);
      leadershipFallback = leadership.fallback;
      for (const p of leadership.people) recipients.push({ personId: p.id });
    } else if (audience === "schoolleiding" && record.school) {
      const leaders = people.withRole(SCHOOL_LEADERSHIP_ROLE, { schoolId: record.school.id });
      for (const p of leaders) recipients.push({ personId: p.id });
      if (leaders.length === 0) {
        const { id, naam, brin, subregioId } = record.school;
        gaps.push({ audience: "schoolleiding", key: `schoolleiding|school:${id}`, schoolId: id, subregioId, where: `${naam} (${brin})`, cardText: "Van de schoolleiding staat niemand in de contactenlijst." });
      }
    } else if (audience === "school-board" && record.school) {
      const board = await findBoardAudience(tx, record);
      for (const p of board.people) recipients.push({ personId: p.id });
      if (board.gap) gaps.push(board.gap);
    } else if (audience === "rmc-leerplicht") {
      const region = await findRegionAudience(tx, record);
      for (const p of region.people) recipients.push({ personId: p.id });
      if (region.gap) gaps.push(region.gap);
    }
    // "stuurgroep-summary": no message; the summary lists cases at this level (never pupil cases).
  }
  return { recipients: [...new Map(recipients.map((r) => [describeRecipient(r), r])).values()], mentions, leadershipFallback, gaps };
}

/**
 * Tells the beheerder about a level that reached nobody, once per gap (recorded in ChainGap and
 * listed by `contacten`), instead of quietly sending the case to someone else. The notice names
 * the case number and the school or subregio, never a pupil reference.
 */
async function reportChainGaps(tx: DbTx, deps: CaseDeps, people: CasePeople, record: CaseRecord, level: number, gaps: readonly ChainGap[], now: Date): Promise<number> {
  let told = 0;
  for (const gap of gaps) {
    const created = await recordChainGap(tx, { key: gap.key, audience: gap.audience, schoolId: gap.schoolId, subregioId: gap.subregioId, caseId: record.id, level }, now);
    if (!created) continue;
    const card = deps.renderChainGapNotice({ caseId: record.id, level, audience: gap.audience, where: gap.where });
    for (const beheerder of people.withRole("beheerder")) {
      await deps.enqueue(tx, { key: `keten-gat-${gap.key}-p${beheerder.id}`, purpose: "keten-gat", recipient: { personId: beheerder.id }, card, notBefore: nextSendMoment(now, deps.calendar) }, now);
      told++;
    }
  }
  return told;
}

export type AdvanceOutcome =
  | { kind: "escalated"; caseId: number; level: number; messages: number }
  | { kind: "resumed"; caseId: number }
  | { kind: "waiting"; caseId: number; dueAt: Date | null }
  | { kind: "none"; caseId: number }
  | { kind: "conflict"; caseId: number };

/**
 * Moves one case at most one step: ends a pause whose date passed, or fires the next level if
 * it is due and the case is still open. Used right after a case is opened by hand.
 */
export async function advanceCase(tx: DbTx, deps: CaseDeps, caseId: number, now: Date): Promise<AdvanceOutcome> {
  return (await advanceCases(tx, deps, [caseId], now, { workingDay: true }))[0]!;
}

/**
 * `advanceCase` for many cases in one transaction (the escalation job): the cases, the people
 * they reach and their trails are read once, each case's change is its own conditional update,
 * and the events and cards of all fired levels are written at once. Off working days only
 * pauses end: nobody is at school to act on a level.
 */
export async function advanceCases(tx: DbTx, deps: CaseDeps, caseIds: readonly number[], now: Date, options: { workingDay: boolean }): Promise<AdvanceOutcome[]> {
  const records = new Map((await findCasesByIds(tx, caseIds)).map((r) => [r.id, r]));
  const people = await loadCasePeople(tx, [...records.values()], { firing: true });
  const outcomes = new Map<number, AdvanceOutcome>();
  const firings: LevelRequest[] = [];
  for (const caseId of caseIds) {
    const record = records.get(caseId);
    if (!record || (!options.workingDay && record.state !== "gepauzeerd")) {
      outcomes.set(caseId, { kind: "none", caseId });
      continue;
    }
    const snapshot = toSnapshot(record);
    const policy = getEscalationPolicy(record.policyVersion, record.subjectKind);
    const step = planEscalation(snapshot, policy, now, deps.calendar);
    if (step.kind === "resume") {
      const decision = decideCaseAction({ ...snapshot, ownerId: record.ownerId }, { kind: "resume" }, null, now, getTopLevel(policy));
      if (!decision.ok) outcomes.set(caseId, { kind: "none", caseId });
      else if (!(await writeChanges(tx, deps, record, decision.changes, now))) outcomes.set(caseId, { kind: "conflict", caseId });
      else {
        await appendCaseEvent(tx, { caseId, kind: decision.event.kind, at: now, actorPersonId: null, actorName: null, via: "job", level: record.level });
        outcomes.set(caseId, { kind: "resumed", caseId });
      }
    } else if (step.kind === "escalate") {
      firings.push({ record, level: step.level.level, options: { via: "job", actor: SYSTEM_ACTOR } });
    } else {
      const hint = step.kind === "wait" ? step.dueAt : step.kind === "paused" ? step.until : null;
      // The hint only narrows the job's query; it is not a visible change, so no version bump.
      if ((hint?.getTime() ?? null) !== (record.nextEscalationAt?.getTime() ?? null)) await setNextEscalationHint(tx, caseId, hint);
      outcomes.set(caseId, step.kind === "wait" ? { kind: "waiting", caseId, dueAt: step.dueAt } : { kind: "none", caseId });
    }
  }
  for (const outcome of await fireLevels(tx, deps, people, firings, now)) outcomes.set(outcome.caseId, outcome);
  return caseIds.map((id) => outcomes.get(id)!);
}

type FireOptions = { via: CaseVia; actor: CaseActor; note?: string; manual?: boolean };
type LevelRequest = { record: CaseRecord; level: number; options: FireOptions };

export async function fireLevel(tx: DbTx, deps: CaseDeps, record: CaseRecord, level: number, now: Date, options: FireOptions): Promise<AdvanceOutcome> {
  const people = await loadCasePeople(tx, [record], { firing: true });
  return (await fireLevels(tx, deps, people, [{ record, level, options }], now))[0]!;
}

/**
 * Fires a level of each case: the case's conditional update (with the L1 assignee), then the
 * "escalated" events in one insert, the cases and trails read back at once, and every level's
 * card enqueued in one go. Keys are per case, round, level and recipient, so repeating a run
 * never sends a level twice.
 */
async function fireLevels(tx: DbTx, deps: CaseDeps, people: CasePeople, requests: readonly LevelRequest[], now: Date): Promise<AdvanceOutcome[]> {
  const outcomes: AdvanceOutcome[] = [];
  const events: CaseEventInput[] = [];
  const fired: { id: number; level: number; audience: LevelAudience; assignee: CasePerson | null; manual?: boolean }[] = [];
  const gapReports: { record: CaseRecord; level: number; gaps: readonly ChainGap[] }[] = [];
  for (const { record, level, options } of requests) {
    const definition = findPolicyLevel(getEscalationPolicy(record.policyVersion, record.subjectKind), level);
    const assignee = definition?.audiences.includes("projectteam-channel") ? pickAssignee(people, record.owner) : null;
    const changes: CaseChanges = { state: "open", level, levelSince: now, pausedUntil: null, pausedFrom: null, ...(assignee && assignee.id !== record.ownerId ? { ownerId: assignee.id } : {}) };
    if (!(await writeChanges(tx, deps, record, changes, now))) {
      outcomes.push({ kind: "conflict", caseId: record.id });
      continue;
    }
    const audience = await findLevelAudience(tx, people, { ...record, owner: changes.ownerId !== undefined ? assignee : record.owner }, definition, assignee);
    const messages = audience.recipients.length;
    // A level meant to reach people that reached nobody is worth seeing in the history (e.g. a school without a decaan).
    const unreachable = messages === 0 && definition !== undefined && definition.audiences.some((a) => a !== "stuurgroep-summary");
    events.push({
      caseId: record.id, kind: "escalated", at: now, actorPersonId: options.actor.personId, actorName: options.actor.naam, via: options.via,
      level, note: options.note ?? (unreachable ? "niemand bereikbaar: geen contactpersoon of Teams-gesprek bekend" : null),
      data: { messages, recipients: messages, ...(assignee ? { assigneeId: assignee.id } : {}), ...(options.manual ? { manual: true } : {}), ...(audience.gaps.length > 0 ? { gaps: audience.gaps.map((g) => g.key) } : {}) },
    });
    fired.push({ id: record.id, level, audience, assignee, manual: options.manual });
    gapReports.push({ record, level, gaps: audience.gaps });
    outcomes.push({ kind: "escalated", caseId: record.id, level, messages });
  }
  // The events go in before the cards are made, so the card announcing a level shows it in its history.
  await appendCaseEvents(tx, events);
  const reached = fired.filter((f) => f.audience.recipients.length > 0);
  const applied = new Map((await findCasesByIds(tx, reached.map((f) => f.id))).map((r) => [r.id, r]));
  const trails = await listCaseEventsOf(tx, reached.map((f) => f.id));
  const notBefore = nextSendMoment(now, deps.calendar);
  const messages: OutboundMessage[] = [];
  for (const { id, level, audience, assignee, manual } of reached) {
    const record = applied.get(id)!;
    const card = deps.renderCaseCard(
      composeCaseView(deps, record, trails.get(id) ?? [], people, now, {
        headline: buildHeadline(getEscalationPolicy(record.policyVersion, record.subjectKind), level, { assignee, manual, leadershipFallback: audience.leadershipFallback, gaps: audience.gaps }),
        headlineMentions: audience.mentions.map(toMention).filter((m): m is CaseMention => m !== null),
      }),
    );
    for (const recipient of audience.recipients) {
      messages.push({ key: `zaak-${record.id}-ronde-${record.round}-niveau-${level}-${describeRecipient(recipient)}`, purpose: "zaak-escalatie", recipient, card, notBefore });
    }
  }
  await (deps.enqueueMany ?? enqueueOneByOne(deps.enqueue))(tx, messages, now);
  for (const { record, level, gaps } of gapReports) await reportChainGaps(tx, deps, people, record, level, gaps, now);
  return outcomes;
}


export type EscalationRunSummary = { workingDay: boolean; due: number; escalated: number; resumed: number; waiting: number; conflicts: number; failed: number; notifications: number; byLevel: Record<string, number> };

/** Cases per transaction of the job: a run of a busy region commits in a few slices. */
const CASES_PER_TRANSACTION = 500;

/**
 * The escalation job's work: every case whose pause ended or whose next level may be due, a
 * slice of cases per transaction. Should a slice fail, its cases are tried again one per
 * transaction, so one bad case cannot hold up the rest. Idempotent: a second run at the same
 * moment finds nothing due (and the outbox ignores repeated keys).
 */
export async function runEscalations(db: Db, deps: CaseDeps, now: Date, options: { workingDay: boolean; logger?: Logger }): Promise<EscalationRunSummary> {
  // Only cases something can happen to are read: the job runs every day and open cases at the
  // top level (and, off working days, every open case) would otherwise be looked at each day.
  const ids = await listCaseIdsDue(db, now, { topLevels: listPolicyTops(), pausesOnly: !options.workingDay });
  const summary: EscalationRunSummary = { workingDay: options.workingDay, due: ids.length, escalated: 0, resumed: 0, waiting: 0, conflicts: 0, failed: 0, notifications: 0, byLevel: {} };
  const advance = (slice: readonly number[]) => runInTransaction(db, (tx) => advanceCases(tx, deps, slice, now, { workingDay: options.workingDay }), IMPORT_TRANSACTION);
  const outcomes: AdvanceOutcome[] = [];
  for (let i = 0; i < ids.length; i += CASES_PER_TRANSACTION) {
    const slice = ids.slice(i, i + CASES_PER_TRANSACTION);
    try {
      outcomes.push(...(await advance(slice)));
    } catch {
      for (const id of slice) {
        try {
          outcomes.push(...(await advance([id])));
        } catch (error) {
          // One broken case must not stop the others; it stays due and is tried again next run.
          summary.failed++;
          options.logger?.error({ caseId: id, err: describeErrorForLog(error) }, "escalation of case failed");
        }
      }
    }
  }
  for (const outcome of outcomes) {
    if (outcome.kind === "escalated") {
      summary.escalated++;
      summary.notifications += outcome.messages;
      summary.byLevel[`L${outcome.level}`] = (summary.byLevel[`L${outcome.level}`] ?? 0) + 1;
    } else if (outcome.kind === "resumed") summary.resumed++;
    else if (outcome.kind === "waiting") summary.waiting++;
    else if (outcome.kind === "conflict") summary.conflicts++;
  }
  return summary;
}
