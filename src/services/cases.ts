import { buildCaseCardData, renderCaseCard, type CardMention } from "../cards/case-card.js";
import type { AdaptiveCard } from "../domain/adaptive-card.js";
import {
  appendCaseEvent,
  countCases,
  countOpenCasesByOwner,
  createCase,
  findCaseById,
  findCaseByOpenKey,
  findCasePeople,
  findLastCaseEvent,
  findSchoolForCase,
  listCaseEvents,
  listCaseIdsDue,
  listCases,
  listPeopleWithRole,
  setNextEscalationHint,
  updateCaseIfVersion,
  type CaseListFilter,
  type CasePerson,
  type CaseRecord,
  type CaseUpdate,
} from "../db/cases.js";
import { findChannelLink } from "../db/channel-links.js";
import { isUniqueViolation, runInTransaction, type Db, type DbTx } from "../db/client.js";
import { nextSendMoment, type WorkCalendar } from "../domain/calendar/index.js";
import { assertFreeTextAllowed } from "./free-text.js";
import {
  BSN_REFUSAL,
  CURRENT_POLICY_VERSION,
  OVERSTAP_REFERENCE_REFUSAL,
  SEVERITIES,
  authorizeCaseAction,
  buildOpenKey,
  buildSubjectKey,
  chooseOverstapSchool,
  containsBsn,
  decideCaseAction,
  describeLevel,
  findPolicyLevel,
  getEscalationPolicy,
  getTopLevel,
  isCaseState,
  isCaseType,
  isSeverity,
  planEscalation,
  type CaseAction,
  type CaseActorScope,
  type CaseChanges,
  type CaseSnapshot,
  type CaseSubject,
  type CaseType,
  type CaseVia,
  type EscalationAudience,
  type EscalationLevel,
  type EscalationPolicy,
  type OverstapReason,
  type Severity,
} from "../domain/cases/index.js";
import { AppError } from "../errors.js";
import { describeErrorForLog, type Logger } from "../logger.js";
import type { EnqueueMessage, OutboundMessage } from "./ports.js";

/**
 * Escalation cases: opening (with dedupe), the escalation ladder, and every human action on a
 * case. Each change is one transaction holding the case update (conditional on the version that
 * was read), its audit event and its notifications, so a change is either fully there or not.
 */
export type CaseDeps = { calendar: WorkCalendar; enqueue: EnqueueMessage };

/** Who acts: the directory person (null for the job) and their roles with school scope. */
export type CaseActor = CaseActorScope & { naam: string | null };

export const SYSTEM_ACTOR: CaseActor = { personId: null, naam: null, roles: [] };

/** The role name a directory import may use for a school's leadership contact (see README). */
export const SCHOOL_LEADERSHIP_ROLE = "schoolleiding";

export type OpenCaseInput = {
  type: CaseType;
  subject: CaseSubject;
  /** Why, in Dutch, without personal data of pupils (a BSN-like number is refused). */
  reason: string;
  severity?: Severity;
  source: CaseVia;
  actorPersonId?: number | null;
};

export type OpenCaseResult = { case: CaseRecord; created: boolean };

const OVERSTAP_REFERENCE = /^[A-Za-z0-9][A-Za-z0-9._/-]{2,39}$/;

/** A pseudonymous reference: letters, digits and - . _ /, at least one digit, never a BSN. */
export function validateOverstapReference(reference: string): string | null {
  if (!OVERSTAP_REFERENCE.test(reference) || !/\d/.test(reference)) {
    return "Gebruik als kenmerk alleen het pseudonieme nummer uit het overstapsysteem (letters, cijfers en streepjes, bijvoorbeeld OS-2027-0042), nooit een naam.";
  }
  if (containsBsn(reference)) return BSN_REFUSAL;
  return null;
}


async function findActorName(tx: DbTx, personId: number | null | undefined): Promise<string | null> {
  if (!personId) return null;
  const [person] = await findCasePeople(tx, [personId]);
  return person?.naam ?? null;
}

async function describeSubject(tx: DbTx, subject: CaseSubject): Promise<{ label: string; schoolId: number | null }> {
  const schoolId = subject.kind === "school" ? subject.schoolId : (subject.schoolId ?? null);
  const school = schoolId ? await findSchoolForCase(tx, schoolId) : null;
  if (schoolId && !school) throw new AppError("NOT_FOUND", `school ${schoolId} not found`, { userMessage: "Die school ken ik niet." });
  const atSchool = school ? `${school.naam} (${school.brin})` : null;
  switch (subject.kind) {
    case "school":
      return { label: atSchool!, schoolId };
    case "activity":
      return { label: `activiteit ${subject.activityId}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
    case "contact": {
      const [person] = await findCasePeople(tx, [subject.personId]);
      if (!person) throw new AppError("NOT_FOUND", `person ${subject.personId} not found`, { userMessage: "Die contactpersoon ken ik niet." });
      return { label: `contactpersoon ${person.naam}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
    }
    case "overstap":
      return { label: `overstapzaak ${subject.reference.toUpperCase()}${atSchool ? `, ${atSchool}` : ""}`, schoolId };
  }
}

function toSnapshot(record: CaseRecord): CaseSnapshot {
  return {
    id: record.id,
    state: isCaseState(record.state) ? record.state : "open",
    level: record.level,
    levelSince: record.levelSince,
    pausedUntil: record.pausedUntil,
    pausedFrom: record.pausedFrom && isCaseState(record.pausedFrom) ? record.pausedFrom : null,
    policyVersion: record.policyVersion,
    round: record.round,
  };
}

/** When the job should look at the case again; null when nothing will happen by itself. */
function planHint(snapshot: CaseSnapshot, now: Date, cal: WorkCalendar): Date | null {
  const step = planEscalation(snapshot, getEscalationPolicy(snapshot.policyVersion), now, cal);
  if (step.kind === "wait" || step.kind === "escalate") return step.dueAt;
  if (step.kind === "paused") return step.until;
  if (step.kind === "resume") return step.at;
  return null;
}

/**
 * Opens a case, or finds the unresolved one for the same subject and type (dedupe). Other
 * features call this inside their own transaction when they detect a problem. A repeated call
 * with a new reason or a higher severity updates the case and records that; an identical one
 * changes nothing. The first level (L0) fires at the escalation job's next run.
 */
export async function openOrUpdateCase(tx: DbTx, input: OpenCaseInput, now: Date): Promise<OpenCaseResult> {
  if (!isCaseType(input.type)) throw new AppError("VALIDATION", `unknown case type ${input.type}`);
  const severity = input.severity ?? "normaal";
  if (!isSeverity(severity)) throw new AppError("VALIDATION", `unknown severity ${severity}`);
  const reason = input.reason.trim();
  if (reason === "") throw new AppError("VALIDATION", "case without a reason", { userMessage: "Geef een reden op voor de zaak." });
  if (input.subject.kind === "overstap") {
    const problem = validateOverstapReference(input.subject.reference);
    if (problem) throw new AppError("VALIDATION", "invalid overstap reference", { userMessage: problem });
  }
  await assertFreeTextAllowed(tx, [reason]);

  const subjectKey = buildSubjectKey(input.subject);
  const openKey = buildOpenKey(input.type, subjectKey);
  const actorName = await findActorName(tx, input.actorPersonId);
  const existing = await findCaseByOpenKey(tx, openKey);
  if (existing) {
    const raiseSeverity = SEVERITIES.indexOf(severity) > SEVERITIES.indexOf(existing.severity as Severity);
    // A new report about an overstap may name another risk; the card's title follows it, as the reason does.
    const newOverstapReason = input.subject.kind === "overstap" && input.subject.reason !== existing.overstapReason ? input.subject.reason : null;
    if (existing.reason === reason && !raiseSeverity && newOverstapReason === null) return { case: existing, created: false };
    const update: CaseUpdate = { reason, ...(raiseSeverity ? { severity } : {}), ...(newOverstapReason ? { overstapReason: newOverstapReason } : {}) };
    if (!(await updateCaseIfVersion(tx, existing.id, existing.version, update))) {
      throw new AppError("CONFLICT", `case ${existing.id} changed while updating`);
    }
    await appendCaseEvent(tx, {
      caseId: existing.id, kind: "updated", at: now, actorPersonId: input.actorPersonId ?? null, actorName, via: input.source,
      level: existing.level, note: reason, data: raiseSeverity ? { severity } : null,
    });
    return { case: (await findCaseById(tx, existing.id))!, created: false };
  }

  const { label, schoolId } = await describeSubject(tx, input.subject);
  const subject = input.subject;
  const record = await createCaseOrFindWinner(tx, openKey, {
    type: input.type,
    subjectKind: subject.kind,
    subjectKey,
    subjectLabel: label,
    schoolId,
    activityId: subject.kind === "activity" ? subject.activityId : null,
    contactPersonId: subject.kind === "contact" ? subject.personId : null,
    overstapRef: subject.kind === "overstap" ? subject.reference.toUpperCase() : null,
    overstapReason: subject.kind === "overstap" ? subject.reason : null,
    reason,
    severity,
    openedById: input.actorPersonId ?? null,
    openKey,
    policyVersion: CURRENT_POLICY_VERSION,
    levelSince: now,
    // Due at once: the job decides the exact working moment with the calendar.
    nextEscalationAt: now,
    openedAt: now,
  });
  if ("existing" in record) return { case: record.existing, created: false };
  await appendCaseEvent(tx, {
    caseId: record.id, kind: "opened", at: now, actorPersonId: input.actorPersonId ?? null, actorName, via: input.source,
    level: -1, note: reason, data: { policyVersion: CURRENT_POLICY_VERSION, severity },
  });
  return { case: record, created: true };
}

/**
 * Creates the case; if a concurrent writer stored one with the same dedupe key first (the
 * unique openKey), returns theirs. On SQLite a failed statement leaves the transaction usable;
 * a PostgreSQL port would wrap the insert in a savepoint.
 */
async function createCaseOrFindWinner(tx: DbTx, openKey: string, data: Parameters<typeof createCase>[1]): Promise<CaseRecord | { existing: CaseRecord }> {
  try {
    return await createCase(tx, data);
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const winner = await findCaseByOpenKey(tx, openKey);
    if (!winner) throw error;
    return { existing: winner };
  }
}

// ---------------------------------------------------------------------------------------------
// Who a case concerns and who hears about it

/** The people responsible for the subject (L0), plus the owner. */
async function listResponsiblePeople(tx: DbTx, record: CaseRecord): Promise<CasePerson[]> {
  const people: CasePerson[] = [];
  if (record.subjectKind === "school" && record.schoolId) people.push(...(await listPeopleWithRole(tx, "decaan", { schoolId: record.schoolId })));
  if (record.subjectKind === "activity" && record.activityId) people.push(...(await listPeopleWithRole(tx, "eigenaar", { activityId: record.activityId })));
  if (record.subjectKind === "contact" && record.contactPersonId) people.push(...(await findCasePeople(tx, [record.contactPersonId])));
  if (record.subjectKind === "overstap") {
    if (record.openedById) people.push(...(await findCasePeople(tx, [record.openedById])));
    if (people.length === 0 && record.schoolId) people.push(...(await listPeopleWithRole(tx, "decaan", { schoolId: record.schoolId })));
  }
  if (record.owner) people.unshift(record.owner);
  return dedupePeople(people);
}

function dedupePeople(people: CasePerson[]): CasePerson[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

function toMention(person: CasePerson): CardMention | null {
  const id = person.teamsUserId ?? person.aadObjectId;
  return id ? { id, name: person.naam } : null;
}

/** The school's leadership contact; the decanen when the directory knows none (documented fallback). */
async function listSchoolLeadership(tx: DbTx, schoolId: number): Promise<{ people: CasePerson[]; fallback: boolean }> {
  const leaders = await listPeopleWithRole(tx, SCHOOL_LEADERSHIP_ROLE, { schoolId });
  if (leaders.length > 0) return { people: leaders, fallback: false };
  return { people: await listPeopleWithRole(tx, "decaan", { schoolId }), fallback: true };
}

/**
 * Who the projectteam assigns at L1: the current owner when that is a projectteam member;
 * otherwise (nobody, or a decaan who picked the case up before it was reopened or raised) the
 * member with the fewest unresolved cases (lowest id on a tie).
 */
async function pickAssignee(tx: DbTx, current: CasePerson | null): Promise<CasePerson | null> {
  const team = await listPeopleWithRole(tx, "projectteam");
  if (team.length === 0) return null;
  if (current && team.some((p) => p.id === current.id)) return current;
  const load = await countOpenCasesByOwner(tx, team.map((p) => p.id));
  return [...team].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id)[0]!;
}

// ---------------------------------------------------------------------------------------------
// The case card

export type CaseCardOptions = { notice?: string; headline?: string };

/** The case card as everyone sees it now: facts, history, mentions, buttons, auto-refresh list. */
export async function buildCaseCard(tx: DbTx, deps: CaseDeps, record: CaseRecord, now: Date, options: CaseCardOptions = {}): Promise<AdaptiveCard> {
  const policy = getEscalationPolicy(record.policyVersion);
  const events = await listCaseEvents(tx, record.id);
  const step = planEscalation(toSnapshot(record), policy, now, deps.calendar);
  const concerned = await listResponsiblePeople(tx, record);
  const projectteam = await listPeopleWithRole(tx, "projectteam");
  const mentions = concerned.slice(0, 6).map(toMention).filter((m): m is CardMention => m !== null);
  // From L2 the programmaleider has the card too; it refreshes for them like for the projectteam.
  const leadership = record.level >= 2 ? await listPeopleWithRole(tx, "programmaleider") : [];
  const refreshUserIds = dedupePeople([...concerned, ...projectteam, ...leadership]).map((p) => p.teamsUserId).filter((id): id is string => Boolean(id));
  return renderCaseCard(
    buildCaseCardData({
      record,
      events,
      policy,
      nextDue: step.kind === "wait" || step.kind === "escalate" ? { level: step.level.level, at: step.dueAt } : null,
      mentions,
      refreshUserIds,
      headline: options.headline,
      notice: options.notice,
      now,
    }),
  );
}

// ---------------------------------------------------------------------------------------------
// Escalation: firing a level

type CaseRecipient = { personId: number } | { conversationId: string };

function describeRecipient(recipient: CaseRecipient): string {
  return "personId" in recipient ? `p${recipient.personId}` : `c${recipient.conversationId}`;
}

function buildHeadline(policy: EscalationPolicy, level: number, extra: { assignee?: CasePerson | null; leadershipFallback?: boolean; manual?: boolean }): string {
  const manual = extra.manual ? " (handmatig)" : "";
  switch (level) {
    case 0:
      return "Herinnering: deze zaak vraagt actie. Pak hem op met de knop hieronder, of laat het projectteam weten wat er speelt.";
    case 1:
      return `Geëscaleerd naar het projectteam${manual}.${extra.assignee ? ` Toegewezen aan <at>${extra.assignee.naam}</at>.` : ""}`;
    case 2:
      return `Geëscaleerd naar de programmaleider VSV en de schoolleiding${manual}${extra.leadershipFallback ? " (geen schoolleiding bekend: de decanen van de school)" : ""}.`;
    default:
      return `Geëscaleerd: ${describeLevel(policy, level)}${manual}.`;
  }
}

type LevelAudience = { recipients: CaseRecipient[]; mentions: CasePerson[]; leadershipFallback: boolean };

/** Who a level reaches: the policy's audiences resolved to people and channels, each once. */
async function findLevelAudience(tx: DbTx, record: CaseRecord, definition: EscalationLevel | undefined, assignee: CasePerson | null): Promise<LevelAudience> {
  const recipients: CaseRecipient[] = [];
  const mentions: CasePerson[] = [];
  let leadershipFallback = false;
  for (const audience of (definition?.audiences ?? []) as readonly EscalationAudience[]) {
    if (audience === "responsible") {
      for (const p of await listResponsiblePeople(tx, record)) recipients.push({ personId: p.id });
    } else if (audience === "projectteam-channel") {
      const channel = await findChannelLink(tx, "projectteam");
      if (channel) recipients.push({ conversationId: channel.conversationId });
      else for (const p of await listPeopleWithRole(tx, "projectteam")) recipients.push({ personId: p.id });
      if (assignee) mentions.push(assignee);
    } else if (audience === "programmaleider") {
      for (const p of await listPeopleWithRole(tx, "programmaleider")) recipients.push({ personId: p.id });
    } else if (audience === "school-leadership" && record.schoolId) {
      const leadership = await listSchoolLeadership(tx, record.schoolId);
      leadershipFallback = leadership.fallback;
      for (const p of leadership.people) recipients.push({ personId: p.id });
    }
    // "stuurgroep-summary": no message; the summary lists cases at this level.
  }
  return { recipients: [...new Map(recipients.map((r) => [describeRecipient(r), r])).values()], mentions, leadershipFallback };
}

/**
 * Sends a level's card to its audience (enqueued inside the transaction). Keys are per case,
 * round, level and recipient, so repeating a run never sends a level twice.
 */
async function sendLevel(tx: DbTx, deps: CaseDeps, record: CaseRecord, level: number, now: Date, audience: LevelAudience, extra: { assignee?: CasePerson | null; manual?: boolean }): Promise<void> {
  if (audience.recipients.length === 0) return;
  const policy = getEscalationPolicy(record.policyVersion);
  const card = await buildCaseCard(tx, deps, record, now, { headline: buildHeadline(policy, level, { ...extra, leadershipFallback: audience.leadershipFallback }) });
  if (audience.mentions.length > 0) addMentions(card, audience.mentions);
  const notBefore = nextSendMoment(now, deps.calendar);
  for (const recipient of audience.recipients) {
    const message: OutboundMessage = {
      key: `zaak-${record.id}-ronde-${record.round}-niveau-${level}-${describeRecipient(recipient)}`,
      purpose: "zaak-escalatie",
      recipient,
      card,
      notBefore,
    };
    await deps.enqueue(tx, message, now);
  }
}

/** Adds mention entities for people named in a headline (e.g. the L1 assignee). */
function addMentions(card: AdaptiveCard, people: CasePerson[]): void {
  const msteams = (card.msteams ?? {}) as { entities?: { mentioned: { id: string } }[] };
  const entities = msteams.entities ?? [];
  for (const person of people) {
    const mention = toMention(person);
    if (mention && !entities.some((e) => e.mentioned.id === mention.id)) {
      entities.push({ type: "mention", text: `<at>${mention.name}</at>`, mentioned: { id: mention.id, name: mention.name } } as never);
    }
  }
  card.msteams = { ...msteams, entities };
}

export type AdvanceOutcome =
  | { kind: "escalated"; caseId: number; level: number; messages: number }
  | { kind: "resumed"; caseId: number }
  | { kind: "waiting"; caseId: number; dueAt: Date | null }
  | { kind: "none"; caseId: number }
  | { kind: "conflict"; caseId: number };

/**
 * Moves one case at most one step: ends a pause whose date passed, or fires the next level if
 * it is due and the case is still open. Used by the job and right after a case is opened by hand.
 */
export async function advanceCase(tx: DbTx, deps: CaseDeps, caseId: number, now: Date): Promise<AdvanceOutcome> {
  const record = await findCaseById(tx, caseId);
  if (!record) return { kind: "none", caseId };
  const snapshot = toSnapshot(record);
  const policy = getEscalationPolicy(record.policyVersion);
  const step = planEscalation(snapshot, policy, now, deps.calendar);

  if (step.kind === "resume") {
    const decision = decideCaseAction({ ...snapshot, ownerId: record.ownerId }, { kind: "resume" }, null, now, getTopLevel(policy));
    if (!decision.ok) return { kind: "none", caseId };
    const applied = await applyChanges(tx, deps, record, decision.changes, now);
    if (!applied) return { kind: "conflict", caseId };
    await appendCaseEvent(tx, { caseId, kind: decision.event.kind, at: now, actorPersonId: null, actorName: null, via: "job", level: record.level });
    return { kind: "resumed", caseId };
  }
  if (step.kind !== "escalate") {
    const hint = step.kind === "wait" ? step.dueAt : step.kind === "paused" ? step.until : null;
    // The hint only narrows the job's query; it is not a visible change, so no version bump.
    if ((hint?.getTime() ?? null) !== (record.nextEscalationAt?.getTime() ?? null)) await setNextEscalationHint(tx, caseId, hint);
    return step.kind === "wait" ? { kind: "waiting", caseId, dueAt: step.dueAt } : { kind: "none", caseId };
  }
  return fireLevel(tx, deps, record, step.level.level, now, { via: "job", actor: SYSTEM_ACTOR });
}

async function fireLevel(
  tx: DbTx,
  deps: CaseDeps,
  record: CaseRecord,
  level: number,
  now: Date,
  options: { via: CaseVia; actor: CaseActor; note?: string; manual?: boolean },
): Promise<AdvanceOutcome> {
  const policy = getEscalationPolicy(record.policyVersion);
  const definition = findPolicyLevel(policy, level);
  let assignee: CasePerson | null = null;
  if (definition?.audiences.includes("projectteam-channel")) assignee = await pickAssignee(tx, record.owner);
  const changes: CaseChanges = { state: "open", level, levelSince: now, pausedUntil: null, pausedFrom: null, ...(assignee && assignee.id !== record.ownerId ? { ownerId: assignee.id } : {}) };
  const applied = await applyChanges(tx, deps, record, changes, now);
  if (!applied) return { kind: "conflict", caseId: record.id };
  const audience = await findLevelAudience(tx, applied, definition, assignee);
  const messages = audience.recipients.length;
  // A level meant to reach people that reached nobody is worth seeing in the history (e.g. a school without a decaan).
  const unreachable = messages === 0 && definition !== undefined && definition.audiences.some((a) => a !== "stuurgroep-summary");
  // The event goes in before the card is made, so the card announcing the level shows it in its history.
  await appendCaseEvent(tx, {
    caseId: record.id, kind: "escalated", at: now, actorPersonId: options.actor.personId, actorName: options.actor.naam, via: options.via,
    level, note: options.note ?? (unreachable ? "niemand bereikbaar: geen contactpersoon of Teams-gesprek bekend" : null),
    data: { messages, recipients: messages, ...(assignee ? { assigneeId: assignee.id } : {}), ...(options.manual ? { manual: true } : {}) },
  });
  await sendLevel(tx, deps, applied, level, now, audience, { assignee, manual: options.manual });
  return { kind: "escalated", caseId: record.id, level, messages };
}

/** Writes changes conditional on the version read, with a fresh plan hint; null on a lost race. */
async function applyChanges(tx: DbTx, deps: CaseDeps, record: CaseRecord, changes: CaseChanges, now: Date, extra: CaseUpdate = {}): Promise<CaseRecord | null> {
  const { holdsOpenKey, ...fields } = changes;
  const next = { ...toSnapshot(record), ...stripUndefined(fields), ...(extra.policyVersion ? { policyVersion: extra.policyVersion } : {}) } as CaseSnapshot;
  const update: CaseUpdate = { ...stripUndefined(fields), ...extra, nextEscalationAt: planHint(next, now, deps.calendar) };
  if (holdsOpenKey === false) update.openKey = null;
  if (holdsOpenKey === true) update.openKey = buildOpenKey(record.type as CaseType, record.subjectKey);
  if (!(await updateCaseIfVersion(tx, record.id, record.version, update))) return null;
  return findCaseById(tx, record.id);
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

// ---------------------------------------------------------------------------------------------
// Human actions

export type CaseActionResult =
  | { kind: "done"; case: CaseRecord; message: string; card: AdaptiveCard }
  /** Someone else changed the case since the actor's card was made: nothing was changed. */
  | { kind: "conflict"; case: CaseRecord; changedBy: string | null; card: AdaptiveCard }
  | { kind: "refused"; message: string; case: CaseRecord | null }
  | { kind: "not-found"; message: string };

export type CaseActionInput = {
  caseId: number;
  action: CaseAction;
  actor: CaseActor;
  via: CaseVia;
  /** The version on the card the actor pressed; absent for chat commands (they act on the latest state). */
  expectedVersion?: number;
};

const DONE_MESSAGES: Record<CaseAction["kind"], (id: number) => string> = {
  acknowledge: (id) => `Je hebt zaak ${id} opgepakt en bent nu eigenaar. De escalatie staat stil zolang jij eraan werkt.`,
  comment: (id) => `Je opmerking staat bij zaak ${id}.`,
  pause: (id) => `Zaak ${id} is gepauzeerd.`,
  resolve: (id) => `Zaak ${id} is gesloten.`,
  reopen: (id) => `Zaak ${id} is heropend en begint opnieuw bij L0.`,
  escalate: (id) => `Zaak ${id} is geëscaleerd.`,
  resume: (id) => `Zaak ${id} is hervat.`,
};

export function conflictNotice(changedBy: string | null): string {
  return `Deze zaak is net gewijzigd door ${changedBy ?? "iemand anders"}, dit is de nieuwe stand. Er is niets van jou verwerkt; kijk of je actie nog nodig is.`;
}

async function performInTx(tx: DbTx, deps: CaseDeps, input: CaseActionInput, now: Date): Promise<CaseActionResult> {
  const record = await findCaseById(tx, input.caseId);
  if (!record) return { kind: "not-found", message: `Zaak ${input.caseId} bestaat niet. Typ **zaken** voor de openstaande zaken.` };
  const authorized = authorizeCaseAction(input.actor, input.action.kind, record.schoolId, record.openedById);
  if (!authorized.ok) return { kind: "refused", message: authorized.message, case: null };
  const conflict = async (): Promise<CaseActionResult> => {
    const fresh = (await findCaseById(tx, input.caseId))!;
    // Comments do not change the version, so the one who made the card stale made the last other event.
    const last = await findLastCaseEvent(tx, fresh.id, { exceptKinds: ["commented"] });
    const changedBy = last?.actorName ?? (last?.via === "job" ? "Aanjager (automatische escalatie)" : null);
    return { kind: "conflict", case: fresh, changedBy, card: await buildCaseCard(tx, deps, fresh, now, { notice: conflictNotice(changedBy) }) };
  };
  // A comment adds to the history and cannot overwrite anything, so an older card may still comment.
  if (input.expectedVersion !== undefined && input.expectedVersion !== record.version && input.action.kind !== "comment") return conflict();

  const notes = input.action.kind === "comment" || input.action.kind === "resolve" ? [input.action.note] : input.action.kind === "escalate" ? [input.action.note] : [];
  await assertFreeTextAllowed(tx, notes);

  const policy = getEscalationPolicy(record.policyVersion);
  const decision = decideCaseAction({ ...toSnapshot(record), ownerId: record.ownerId }, input.action, input.actor.personId, now, getTopLevel(policy));
  if (!decision.ok) return { kind: "refused", message: decision.message, case: record };

  if (input.action.kind === "escalate") {
    const outcome = await fireLevel(tx, deps, record, decision.event.level!, now, { via: input.via, actor: input.actor, note: decision.event.note, manual: true });
    if (outcome.kind === "conflict") return conflict();
  } else {
    if (input.action.kind === "reopen") {
      const other = await findCaseByOpenKey(tx, buildOpenKey(record.type as CaseType, record.subjectKey));
      if (other && other.id !== record.id) return { kind: "refused", message: `Er is al een open zaak over hetzelfde onderwerp: zaak ${other.id}. Werk daarmee verder.`, case: record };
    }
    // A new round runs under the policy in force now; the old round's version stays in its events.
    const extra: CaseUpdate = input.action.kind === "reopen" ? { policyVersion: CURRENT_POLICY_VERSION } : {};
    const applied = await applyChanges(tx, deps, record, decision.changes, now, extra);
    if (!applied) return conflict();
    await appendCaseEvent(tx, {
      caseId: record.id, kind: decision.event.kind, at: now, actorPersonId: input.actor.personId, actorName: input.actor.naam, via: input.via,
      level: decision.event.level ?? record.level, note: decision.event.note ?? null, data: decision.event.data ?? null,
    });
  }
  const fresh = (await findCaseById(tx, record.id))!;
  return { kind: "done", case: fresh, message: DONE_MESSAGES[input.action.kind](record.id), card: await buildCaseCard(tx, deps, fresh, now) };
}

/** One human action on a case (chat or card), atomically and without lost updates. */
export async function performCaseAction(db: Db, deps: CaseDeps, input: CaseActionInput, now: Date): Promise<CaseActionResult> {
  return runInTransaction(db, (tx) => performInTx(tx, deps, input, now));
}

/**
 * `escaleer <school> [reden]`: opens a "werkafspraak" case about the school and fires L0 now,
 * or, when that case is already open, raises it one level now.
 */
export async function escalateSchool(
  db: Db,
  deps: CaseDeps,
  input: { schoolId: number; reason: string; actor: CaseActor; via: CaseVia },
  now: Date,
): Promise<CaseActionResult & { created?: boolean }> {
  const authorized = authorizeCaseAction(input.actor, "escalate", input.schoolId);
  if (!authorized.ok) return { kind: "refused", message: authorized.message, case: null };
  // The reason is screened for pupil data where it is stored: in openOrUpdateCase or performInTx.
  return runInTransaction(db, async (tx) => {
    const subjectKey = buildSubjectKey({ kind: "school", schoolId: input.schoolId });
    const existing = await findCaseByOpenKey(tx, buildOpenKey("werkafspraak", subjectKey));
    if (existing) {
      const result = await performInTx(tx, deps, { caseId: existing.id, action: { kind: "escalate", note: input.reason || undefined }, actor: input.actor, via: input.via }, now);
      return { ...result, created: false };
    }
    const reason = input.reason || `Werkafspraak niet nagekomen; handmatig geëscaleerd door ${input.actor.naam ?? "het projectteam"}.`;
    const opened = await openOrUpdateCase(tx, { type: "werkafspraak", subject: { kind: "school", schoolId: input.schoolId }, reason, source: input.via, actorPersonId: input.actor.personId }, now);
    await advanceCase(tx, deps, opened.case.id, now);
    const fresh = (await findCaseById(tx, opened.case.id))!;
    return { kind: "done", case: fresh, created: true, message: `Zaak ${fresh.id} is geopend over ${fresh.subjectLabel}.`, card: await buildCaseCard(tx, deps, fresh, now) };
  });
}

/**
 * An overstap case reported by hand (projectteam or decaan), about a pupil known only by a
 * pseudonymous reference. A reference that is already an open case is added to it, but only by
 * someone who may see that case: a decaan reporting another school's reference is refused and
 * changes nothing.
 */
export async function openOverstapCase(
  db: Db,
  deps: CaseDeps,
  input: { reference: string; reason: OverstapReason; note: string; actor: CaseActor; via: CaseVia },
  now: Date,
): Promise<{ case: CaseRecord; created: boolean; card: AdaptiveCard }> {
  const schoolId = chooseOverstapSchool(input.actor);
  const authorized = authorizeCaseAction(input.actor, "open-overstap", schoolId);
  if (!authorized.ok) throw new AppError("FORBIDDEN", "overstap case refused", { userMessage: authorized.message });
  return runInTransaction(db, async (tx) => {
    const opened = await openOrUpdateCase(
      tx,
      {
        type: "overstap",
        subject: { kind: "overstap", reference: input.reference, reason: input.reason, schoolId },
        reason: input.note,
        severity: input.reason === "zomerlek" || input.reason === "niet-ingeschreven" ? "hoog" : "normaal",
        source: input.via,
        actorPersonId: input.actor.personId,
      },
      now,
    );
    // Checked on the case the report landed on, so a concurrent report cannot slip past it;
    // throwing rolls back the update of the other case.
    if (!authorizeCaseAction(input.actor, "view", opened.case.schoolId, opened.case.openedById).ok) {
      throw new AppError("FORBIDDEN", "overstap reference belongs to a case the reporter may not see", { userMessage: OVERSTAP_REFERENCE_REFUSAL });
    }
    if (opened.created) await advanceCase(tx, deps, opened.case.id, now);
    const fresh = (await findCaseById(tx, opened.case.id))!;
    return { case: fresh, created: opened.created, card: await buildCaseCard(tx, deps, fresh, now) };
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

export async function getCaseCardFor(db: Db, deps: CaseDeps, caseId: number, actor: CaseActor, now: Date, options: CaseCardOptions = {}): Promise<{ card: AdaptiveCard; case: CaseRecord } | { refused: string }> {
  return runInTransaction(db, async (tx) => {
    const record = await findCaseById(tx, caseId);
    if (!record) return { refused: `Zaak ${caseId} bestaat niet. Typ **zaken** voor de openstaande zaken.` };
    const authorized = authorizeCaseAction(actor, "view", record.schoolId, record.openedById);
    if (!authorized.ok) return { refused: authorized.message };
    return { card: await buildCaseCard(tx, deps, record, now, options), case: record };
  });
}

function scopeFilterTo(actor: CaseActor, filter: CaseListFilter): CaseListFilter {
  const staff = authorizeCaseAction(actor, "escalate", null).ok;
  const schoolIds = staff ? undefined : actor.roles.filter((r) => r.role === "decaan" && r.schoolId !== null).map((r) => r.schoolId!);
  // A decaan also sees the overstap cases they reported without a school.
  return { ...filter, ...(schoolIds ? { schoolIds, ...(actor.personId !== null ? { reporterId: actor.personId } : {}) } : {}) };
}

/** Cases the actor may see with the filter: everything for staff, their own schools for a decaan. */
export async function listCasesFor(db: Db, actor: CaseActor, filter: CaseListFilter): Promise<CaseRecord[]> {
  return listCases(db, scopeFilterTo(actor, filter));
}

/** How many cases `listCasesFor` would find without its limit, so a list can say it is cut short. */
export async function countCasesFor(db: Db, actor: CaseActor, filter: CaseListFilter): Promise<number> {
  return countCases(db, scopeFilterTo(actor, filter));
}

/** Unresolved cases that reached the stuurgroep level (L3), for the weekly stuurgroep summary. */
export async function listStuurgroepCases(db: Db | DbTx): Promise<CaseRecord[]> {
  return listCases(db, { minLevel: 3, limit: 200 });
}

export type EscalationRunSummary = { workingDay: boolean; due: number; escalated: number; resumed: number; waiting: number; conflicts: number; failed: number; notifications: number; byLevel: Record<string, number> };

/**
 * The escalation job's work: every case whose pause ended or whose next level may be due, each
 * in its own transaction so one bad case cannot hold up the rest. Idempotent: a second run at
 * the same moment finds nothing due (and the outbox ignores repeated keys).
 */
export async function runEscalations(db: Db, deps: CaseDeps, now: Date, options: { workingDay: boolean; logger?: Logger }): Promise<EscalationRunSummary> {
  const ids = await listCaseIdsDue(db, now);
  const summary: EscalationRunSummary = { workingDay: options.workingDay, due: ids.length, escalated: 0, resumed: 0, waiting: 0, conflicts: 0, failed: 0, notifications: 0, byLevel: {} };
  for (const id of ids) {
    let outcome: AdvanceOutcome;
    try {
      outcome = await runInTransaction(db, async (tx) => {
        const record = await findCaseById(tx, id);
        // Off working days pauses still end, but no level fires: nobody is at school to act on it.
        if (!options.workingDay && record?.state !== "gepauzeerd") return { kind: "none", caseId: id } as AdvanceOutcome;
        return advanceCase(tx, deps, id, now);
      });
    } catch (error) {
      // One broken case must not stop the others; it stays due and is tried again next run.
      summary.failed++;
      options.logger?.error({ caseId: id, err: describeErrorForLog(error) }, "escalation of case failed");
      continue;
    }
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
