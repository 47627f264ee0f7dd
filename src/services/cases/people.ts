import { countOpenCasesByOwner, findCasePeople, listPeopleWithRole, type CasePerson, type CaseRecord } from "../../db/cases.js";
import type { DbTx } from "../../db/client.js";
import { SCHOOL_LEADERSHIP_ROLE } from "./types.js";
import type { CaseMention } from "./view.js";

// ---------------------------------------------------------------------------------------------
// Who a case concerns and who hears about it

/** The people responsible for the subject (L0), plus the owner. */
export async function listResponsiblePeople(tx: DbTx, record: CaseRecord): Promise<CasePerson[]> {
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

export function dedupePeople(people: CasePerson[]): CasePerson[] {
  return [...new Map(people.map((p) => [p.id, p])).values()];
}

export function toMention(person: CasePerson): CaseMention | null {
  const id = person.teamsUserId ?? person.aadObjectId;
  return id ? { id, name: person.naam } : null;
}

/** The school's leadership contact; the decanen when the directory knows none (documented fallback). */
export async function listSchoolLeadership(tx: DbTx, schoolId: number): Promise<{ people: CasePerson[]; fallback: boolean }> {
  const leaders = await listPeopleWithRole(tx, SCHOOL_LEADERSHIP_ROLE, { schoolId });
  if (leaders.length > 0) return { people: leaders, fallback: false };
  return { people: await listPeopleWithRole(tx, "decaan", { schoolId }), fallback: true };
}

/**
 * Who the projectteam assigns at L1: the current owner when that is a projectteam member;
 * otherwise (nobody, or a decaan who picked the case up before it was reopened or raised) the
 * member with the fewest unresolved cases (lowest id on a tie).
 */
export async function pickAssignee(tx: DbTx, current: CasePerson | null): Promise<CasePerson | null> {
  const team = await listPeopleWithRole(tx, "projectteam");
  if (team.length === 0) return null;
  if (current && team.some((p) => p.id === current.id)) return current;
  const load = await countOpenCasesByOwner(tx, team.map((p) => p.id));
  return [...team].sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id)[0]!;
}
