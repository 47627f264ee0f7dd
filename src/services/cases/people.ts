import { countOpenCasesByOwner, findCasePeople, listRoleHolders, type CasePerson, type CaseRecord, type RoleHolder } from "../../db/cases.js";
import { findChannelLink } from "../../db/channel-links.js";
import type { DbTx } from "../../db/client.js";
import { SCHOOL_LEADERSHIP_ROLE } from "./types.js";
import type { CaseMention } from "./view.js";

// ---------------------------------------------------------------------------------------------
// Who a case concerns and who hears about it

/** The roles the escalation ladder and the case card address. */
const CASE_ROLES = ["decaan", "eigenaar", "projectteam", "programmaleider", SCHOOL_LEADERSHIP_ROLE, "beheerder"] as const;

/**
 * The people cases reach, read once for a set of cases (a run of the escalation job, or the one
 * case of a card): the role holders of the directory, the contact persons and reporters of those
 * cases, and, when levels are to be fired, the projectteam channel and the projectteam's caseload.
 * Reading them once keeps a run at a few queries, whatever the number of cases and people.
 */
export type CasePeople = {
  withRole: (role: string, scope?: { schoolId?: number; activityId?: string }) => CasePerson[];
  byId: (id: number) => CasePerson | undefined;
  /** The linked projectteam channel (only when loaded for firing levels). */
  channel: { conversationId: string } | null;
  /** Unresolved cases per projectteam member; `pickAssignee` keeps it current as a run assigns cases. */
  caseload: Map<number, number>;
};

export async function loadCasePeople(tx: DbTx, records: readonly CaseRecord[], options: { firing: boolean }): Promise<CasePeople> {
  const holders = await listRoleHolders(tx, CASE_ROLES);
  const others = await findCasePeople(tx, records.flatMap((r) => [r.contactPersonId, r.openedById]).filter((id): id is number => id !== null));
  const people = new Map([...holders.map((h) => [h.person.id, h.person] as const), ...others.map((p) => [p.id, p] as const)]);
  const withRole = (role: string, scope: { schoolId?: number; activityId?: string } = {}) =>
    dedupePeople(holders.filter((h: RoleHolder) => h.role === role && (scope.schoolId === undefined || h.schoolId === scope.schoolId) && (scope.activityId === undefined || h.activityId === scope.activityId)).map((h) => h.person));
  if (!options.firing) return { withRole, byId: (id) => people.get(id), channel: null, caseload: new Map() };
  const channel = await findChannelLink(tx, "projectteam");
  const caseload = await countOpenCasesByOwner(tx, withRole("projectteam").map((p) => p.id));
  return { withRole, byId: (id) => people.get(id), channel: channel ? { conversationId: channel.conversationId } : null, caseload };
}

/** The people responsible for the subject (L0), plus the owner. */
export function listResponsiblePeople(people: CasePeople, record: CaseRecord): CasePerson[] {
  const found: CasePerson[] = [];
  const person = (id: number | null) => (id ? [people.byId(id)].filter((p): p is CasePerson => p !== undefined) : []);
  if (record.subjectKind === "school" && record.schoolId) found.push(...people.withRole("decaan", { schoolId: record.schoolId }));
  if (record.subjectKind === "activity" && record.activityId) found.push(...people.withRole("eigenaar", { activityId: record.activityId }));
  if (record.subjectKind === "contact") found.push(...person(record.contactPersonId));
  if (record.subjectKind === "overstap") {
    found.push(...person(record.openedById));
    if (found.length === 0 && record.schoolId) found.push(...people.withRole("decaan", { schoolId: record.schoolId }));
  }
  if (record.owner) found.unshift(record.owner);
  return dedupePeople(found);
}

export function dedupePeople(people: CasePerson[]): CasePerson[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

export function toMention(person: CasePerson): CaseMention | null {
  const id = person.teamsUserId ?? person.aadObjectId;
  return id ? { id, name: person.naam } : null;
}

/** The school's leadership contact; the decanen when the directory knows none (documented fallback). */
export function listSchoolLeadership(people: CasePeople, schoolId: number): { people: CasePerson[]; fallback: boolean } {
  const leaders = people.withRole(SCHOOL_LEADERSHIP_ROLE, { schoolId });
  if (leaders.length > 0) return { people: leaders, fallback: false };
  return { people: people.withRole("decaan", { schoolId }), fallback: true };
}

/**
 * Who the projectteam assigns at L1: the current owner when that is a projectteam member;
 * otherwise (nobody, or a decaan who picked the case up before it was reopened or raised) the
 * member with the fewest unresolved cases (lowest id on a tie), who then has one more.
 */
export function pickAssignee(people: CasePeople, current: CasePerson | null): CasePerson | null {
  const team = people.withRole("projectteam");
  if (team.length === 0) return null;
  if (current && team.some((p) => p.id === current.id)) return current;
  const load = people.caseload;
  const chosen = [...team].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id)[0]!;
  load.set(chosen.id, (load.get(chosen.id) ?? 0) + 1);
  return chosen;
}
