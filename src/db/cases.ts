import type { Prisma } from "../generated/prisma/client.js";
import { queryInChunks } from "./chunks.js";
import type { DbTx } from "./client.js";

/**
 * Repository for escalation cases and their audit trail. Every function takes a transaction
 * client (or the client itself) so that a change, its audit event and its notifications commit
 * together. Case events are only ever inserted here; there is no update or delete.
 */
const caseInclude = {
  owner: { select: { id: true, naam: true, teamsUserId: true, aadObjectId: true } },
  school: { select: { id: true, naam: true, brin: true, subregioId: true } },
  receiverSchool: { select: { id: true, naam: true, brin: true, subregioId: true } },
} as const;

export type CaseRecord = {
  id: number;
  type: string;
  subjectKind: string;
  subjectKey: string;
  subjectLabel: string;
  schoolId: number | null;
  activityId: string | null;
  contactPersonId: number | null;
  overstapRef: string | null;
  overstapReason: string | null;
  reason: string;
  severity: string;
  state: string;
  pausedFrom: string | null;
  pausedUntil: Date | null;
  ownerId: number | null;
  openedById: number | null;
  openKey: string | null;
  policyVersion: string;
  level: number;
  levelSince: Date;
  nextEscalationAt: Date | null;
  round: number;
  resolution: string | null;
  openedAt: Date;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  version: number;
  updatedAt: Date;
  owner: { id: number; naam: string; teamsUserId: string | null; aadObjectId: string | null } | null;
  school: { id: number; naam: string; brin: string; subregioId: string | null } | null;
  /** Warme overdracht: the receiving mbo institution, and when and by whom it confirmed. */
  receiverSchoolId: number | null;
  receiverSchool: { id: number; naam: string; brin: string; subregioId: string | null } | null;
  receivedAt: Date | null;
  receivedById: number | null;
};

/** A case as opened: the subject and reason, with the policy fixed and the first wait started. */
export type NewCase = Pick<
  CaseRecord,
  | "type"
  | "subjectKind"
  | "subjectKey"
  | "subjectLabel"
  | "schoolId"
  | "activityId"
  | "contactPersonId"
  | "overstapRef"
  | "overstapReason"
  | "reason"
  | "severity"
  | "openedById"
  | "policyVersion"
  | "levelSince"
  | "nextEscalationAt"
  | "openedAt"
> & { openKey: string; receiverSchoolId?: number | null };

export type CaseUpdate = Partial<{
  state: string;
  level: number;
  levelSince: Date;
  nextEscalationAt: Date | null;
  pausedUntil: Date | null;
  pausedFrom: string | null;
  ownerId: number | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  resolution: string | null;
  round: number;
  openKey: string | null;
  reason: string;
  severity: string;
  overstapReason: string | null;
  policyVersion: string;
  receivedAt: Date | null;
  receivedById: number | null;
}>;

export async function createCase(tx: DbTx, data: NewCase): Promise<CaseRecord> {
  return tx.case.create({ data: { ...data, state: "open", level: -1 }, include: caseInclude });
}

export async function findCaseById(tx: DbTx, id: number): Promise<CaseRecord | null> {
  return tx.case.findUnique({ where: { id }, include: caseInclude });
}

/** Many cases at once (a run of the escalation job), in id order. */
export async function findCasesByIds(tx: DbTx, ids: readonly number[]): Promise<CaseRecord[]> {
  const rows = await queryInChunks(ids, (slice) => tx.case.findMany({ where: { id: { in: slice } }, include: caseInclude }));
  return rows.sort((a, b) => a.id - b.id);
}

export async function findCaseByOpenKey(tx: DbTx, openKey: string): Promise<CaseRecord | null> {
  return tx.case.findUnique({ where: { openKey }, include: caseInclude });
}

/** What deciding about a repeated report needs of the open case, without its people and schools (a query each). */
export async function findCaseStateByOpenKey(tx: DbTx, openKey: string): Promise<{ id: number; version: number; level: number; reason: string; severity: string; overstapReason: string | null } | null> {
  return tx.case.findUnique({ where: { openKey }, select: { id: true, version: true, level: true, reason: true, severity: true, overstapReason: true } });
}

/**
 * Applies a change only if nobody changed the case since `version` was read, and bumps the
 * version. False means someone else was first: the caller reloads and tells the user.
 */
export async function updateCaseIfVersion(tx: DbTx, id: number, version: number, data: CaseUpdate): Promise<boolean> {
  const result = await tx.case.updateMany({ where: { id, version }, data: { ...data, version: { increment: 1 } } });
  return result.count === 1;
}

/** The job's planning hint: not a visible change of the case, so the version stays. */
export async function setNextEscalationHint(tx: DbTx, id: number, at: Date | null): Promise<void> {
  await tx.case.update({ where: { id }, data: { nextEscalationAt: at } });
}

export type CaseEventInput = {
  caseId: number;
  kind: string;
  at: Date;
  actorPersonId: number | null;
  actorName: string | null;
  via: string;
  level?: number | null;
  note?: string | null;
  data?: Record<string, unknown> | null;
};

export type CaseEventRecord = {
  id: number;
  caseId: number;
  kind: string;
  at: Date;
  actorPersonId: number | null;
  actorName: string | null;
  via: string;
  level: number | null;
  note: string | null;
  data: Record<string, unknown> | null;
};

function toEventRow(event: CaseEventInput) {
  return {
    caseId: event.caseId,
    kind: event.kind,
    at: event.at,
    actorPersonId: event.actorPersonId,
    actorName: event.actorName,
    via: event.via,
    level: event.level ?? null,
    note: event.note ?? null,
    data: event.data ? JSON.stringify(event.data) : null,
  };
}

export async function appendCaseEvent(tx: DbTx, event: CaseEventInput): Promise<void> {
  await tx.caseEvent.create({ data: toEventRow(event) });
}

/** Events of many cases in one insert, in the given order. */
export async function appendCaseEvents(tx: DbTx, events: readonly CaseEventInput[]): Promise<void> {
  if (events.length > 0) await tx.caseEvent.createMany({ data: events.map(toEventRow) });
}

/** The trail of a case, oldest first. */
export async function listCaseEvents(tx: DbTx, caseId: number): Promise<CaseEventRecord[]> {
  const rows = await tx.caseEvent.findMany({ where: { caseId }, orderBy: { id: "asc" } });
  return rows.map((r) => ({ ...r, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null }));
}

/** The trails of many cases, each oldest first. */
export async function listCaseEventsOf(tx: DbTx, caseIds: readonly number[]): Promise<Map<number, CaseEventRecord[]>> {
  const rows = await queryInChunks(caseIds, (slice) => tx.caseEvent.findMany({ where: { caseId: { in: slice } }, orderBy: { id: "asc" } }));
  const trails = new Map<number, CaseEventRecord[]>(caseIds.map((id) => [id, []]));
  for (const r of rows.sort((a, b) => a.id - b.id)) trails.get(r.caseId)?.push({ ...r, data: r.data ? (JSON.parse(r.data) as Record<string, unknown>) : null });
  return trails;
}

/** The latest event, optionally skipping kinds (e.g. comments, which change nothing on the case). */
export async function findLastCaseEvent(tx: DbTx, caseId: number, options: { exceptKinds?: string[] } = {}): Promise<CaseEventRecord | null> {
  const row = await tx.caseEvent.findFirst({ where: { caseId, ...(options.exceptKinds ? { kind: { notIn: options.exceptKinds } } : {}) }, orderBy: { id: "desc" } });
  return row ? { ...row, data: row.data ? (JSON.parse(row.data) as Record<string, unknown>) : null } : null;
}

export type CaseListFilter = {
  resolved?: boolean;
  type?: string;
  subregioId?: string;
  schoolIds?: number[];
  /** With schoolIds: also the cases without a school that this person opened. */
  reporterId?: number;
  ownerId?: number;
  minLevel?: number;
  /** Leave out pupil-level (overstap) cases: they carry a pupil reference. */
  withoutPupilCases?: boolean;
  limit?: number;
};

function buildCaseWhere(filter: CaseListFilter) {
  return {
    state: filter.resolved ? "opgelost" : { not: "opgelost" },
    ...(filter.type ? { type: filter.type } : {}),
    ...(filter.subregioId ? { school: { subregioId: filter.subregioId } } : {}),
    ...(filter.schoolIds
      ? filter.reporterId !== undefined
        ? { OR: [{ schoolId: { in: filter.schoolIds } }, { schoolId: null, openedById: filter.reporterId }] }
        : { schoolId: { in: filter.schoolIds } }
      : {}),
    ...(filter.ownerId !== undefined ? { ownerId: filter.ownerId } : {}),
    ...(filter.minLevel !== undefined ? { level: { gte: filter.minLevel } } : {}),
    ...(filter.withoutPupilCases ? { subjectKind: { not: "overstap" } } : {}),
  };
}

/** How many cases match the filter in all (listCases returns at most `limit`). */
export async function countCases(tx: DbTx, filter: CaseListFilter = {}): Promise<number> {
  return tx.case.count({ where: buildCaseWhere(filter) });
}

export async function listCases(tx: DbTx, filter: CaseListFilter = {}): Promise<CaseRecord[]> {
  return tx.case.findMany({
    where: buildCaseWhere(filter),
    include: caseInclude,
    orderBy: filter.resolved ? [{ resolvedAt: "desc" }] : [{ level: "desc" }, { openedAt: "asc" }],
    take: filter.limit ?? 50,
  });
}

/**
 * Cases the escalation job must look at: open ones whose next level may be due, and pauses that
 * ended. `topLevels` (per policy version and ladder, its top level) leaves out open cases that reached the top
 * of their policy: nothing fires for them any more, yet their hint is null, so without this every
 * one of them cost the job a transaction each day for as long as it stayed open. A case with an
 * unknown policy version is still listed (it fails loudly in the job). `pausesOnly` is for days
 * on which no level fires (weekends, holidays): only ended pauses are worth a transaction then.
 */
export async function listCaseIdsDue(
  tx: DbTx,
  now: Date,
  options: { topLevels?: readonly { policyVersion: string; pupil: boolean | null; level: number }[]; pausesOnly?: boolean } = {},
): Promise<number[]> {
  // `pupil` picks the ladder: overstap cases (true), the others (false), or every case (null).
  const atTop = (options.topLevels ?? []).map(({ policyVersion, pupil, level }): Prisma.CaseWhereInput => ({
    policyVersion,
    level: { gte: level },
    ...(pupil === null ? {} : pupil ? { subjectKind: "overstap" } : { subjectKind: { not: "overstap" } }),
  }));
  const open: Prisma.CaseWhereInput = { state: "open", OR: [{ nextEscalationAt: null }, { nextEscalationAt: { lte: now } }], ...(atTop.length > 0 ? { NOT: { OR: atTop } } : {}) };
  const pauses: Prisma.CaseWhereInput = { state: "gepauzeerd", pausedUntil: { lte: now } };
  const rows = await tx.case.findMany({
    where: { OR: options.pausesOnly ? [pauses] : [open, pauses] },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

export async function countCasesByState(tx: DbTx): Promise<Record<string, number>> {
  const rows = await tx.case.groupBy({ by: ["state"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.state, r._count._all]));
}

/** A person as the case features need them: who to notify and how to mention them. */
export type CasePerson = { id: number; naam: string; teamsUserId: string | null; aadObjectId: string | null };

const personSelect = { id: true, naam: true, teamsUserId: true, aadObjectId: true } as const;

/** The people holding a role (in a school or for an activity), each once, by id. */
export async function listPeopleWithRole(tx: DbTx, role: string, scope: { schoolId?: number; activityId?: string } = {}): Promise<CasePerson[]> {
  const holders = await listRoleHolders(tx, [role], scope);
  return [...new Map(holders.map((h) => [h.person.id, h.person])).values()].sort((a, b) => a.id - b.id);
}

export type RoleHolder = { role: string; schoolId: number | null; activityId: string | null; person: CasePerson };

/**
 * Role assignments with their person, read from the role table (indexed on role and school) and
 * joined to the person: asking the person table for "some role like this" made SQLite test every
 * person in the directory, each time.
 */
export async function listRoleHolders(tx: DbTx, roles: readonly string[], scope: { schoolId?: number; activityId?: string } = {}): Promise<RoleHolder[]> {
  return tx.roleAssignment.findMany({
    where: {
      role: { in: [...roles] },
      ...(scope.schoolId !== undefined ? { schoolId: scope.schoolId } : {}),
      ...(scope.activityId !== undefined ? { activityId: scope.activityId } : {}),
    },
    select: { role: true, schoolId: true, activityId: true, person: { select: personSelect } },
    orderBy: [{ personId: "asc" }, { id: "asc" }],
  });
}

export async function findCasePeople(tx: DbTx, ids: readonly number[]): Promise<CasePerson[]> {
  const rows = await queryInChunks([...new Set(ids)], (slice) => tx.person.findMany({ where: { id: { in: slice } }, select: personSelect }));
  return rows.sort((a, b) => a.id - b.id);
}

/** Unresolved cases owned per person, to hand a new L1 case to the least busy projectteam member. */
export async function countOpenCasesByOwner(tx: DbTx, ownerIds: number[]): Promise<Map<number, number>> {
  const rows = await tx.case.groupBy({ by: ["ownerId"], where: { ownerId: { in: ownerIds }, state: { not: "opgelost" } }, _count: { _all: true } });
  return new Map(rows.filter((r) => r.ownerId !== null).map((r) => [r.ownerId!, r._count._all]));
}

export async function findSchoolForCase(tx: DbTx, id: number): Promise<{ id: number; naam: string; brin: string; subregioId: string | null; soort: string } | null> {
  return tx.school.findUnique({ where: { id }, select: { id: true, naam: true, brin: true, subregioId: true, soort: true } });
}

export async function listSchoolsForMatching(tx: DbTx): Promise<{ id: number; naam: string; brin: string; subregioId: string | null; soort: string }[]> {
  return tx.school.findMany({ select: { id: true, naam: true, brin: true, subregioId: true, soort: true }, orderBy: { naam: "asc" } });
}

export async function listSubregios(tx: DbTx): Promise<{ id: string; naam: string }[]> {
  return tx.subregio.findMany({ orderBy: { naam: "asc" } });
}

/** The people with role "bestuur" of a school's board; `hasBoard` false when the school names no board. */
export async function listSchoolBoardPeople(tx: DbTx, schoolId: number): Promise<{ hasBoard: boolean; people: CasePerson[] }> {
  const school = await tx.school.findUnique({ where: { id: schoolId }, select: { bestuurId: true } });
  if (!school?.bestuurId) return { hasBoard: false, people: [] };
  const people = await tx.person.findMany({ where: { roles: { some: { role: "bestuur", organisationId: school.bestuurId } } }, select: personSelect, orderBy: { id: "asc" } });
  return { hasBoard: true, people };
}

/** RMC and leerplicht of a subregio: people with those roles at a gemeente of that subregio. */
export async function listSubregioChainPeople(tx: DbTx, subregioId: string, roles: readonly string[] = ["rmc", "leerplicht"]): Promise<CasePerson[]> {
  return tx.person.findMany({
    where: { roles: { some: { role: { in: [...roles] }, organisation: { subregioId } } } },
    select: personSelect,
    orderBy: { id: "asc" },
  });
}

/** Warme overdrachten to a receiving institution: still waiting for its confirmation, and confirmed. Counts only. */
export async function countHandoversTo(tx: DbTx, receiverSchoolId: number): Promise<{ waiting: number; received: number }> {
  const [waiting, received] = await Promise.all([
    tx.case.count({ where: { receiverSchoolId, overstapReason: "warme-overdracht", receivedAt: null, state: { not: "opgelost" } } }),
    tx.case.count({ where: { receiverSchoolId, overstapReason: "warme-overdracht", receivedAt: { not: null } } }),
  ]);
  return { waiting, received };
}
