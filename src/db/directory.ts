import type { Db } from "./client.js";
import { buildScopeKey } from "../domain/roles.js";

export type SubregioRow = { id: string; naam: string };
export type SchoolRow = { brin: string; naam: string; soort: string; subregioId: string | null };
export type PersonRow = { email: string; naam: string; aadObjectId?: string | null };
export type RoleRow = { email: string; role: string; schoolBrin?: string | null; mentorGroup?: string | null; activityId?: string | null };

/**
 * Writes a directory (subregio's, schools, people, roles) in one transaction, inserting or
 * updating by natural key (subregio id, BRIN, e-mail, role scope). Used by the demo seed;
 * idempotent, so running it twice changes nothing.
 */
export async function upsertDirectory(db: Db, input: { subregios: SubregioRow[]; schools: SchoolRow[]; people: PersonRow[]; roles: RoleRow[] }): Promise<{ schools: number; people: number; roles: number }> {
  return db.$transaction(async (tx) => {
    for (const s of input.subregios) await tx.subregio.upsert({ where: { id: s.id }, create: s, update: { naam: s.naam } });
    const schoolIds = new Map<string, number>();
    for (const s of input.schools) {
      const row = await tx.school.upsert({ where: { brin: s.brin }, create: s, update: { naam: s.naam, soort: s.soort, subregioId: s.subregioId } });
      schoolIds.set(s.brin, row.id);
    }
    const personIds = new Map<string, number>();
    for (const p of input.people) {
      const email = p.email.toLowerCase();
      const row = await tx.person.upsert({
        where: { email },
        create: { email, naam: p.naam, aadObjectId: p.aadObjectId ?? null },
        update: { naam: p.naam, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) },
      });
      personIds.set(email, row.id);
    }
    for (const r of input.roles) {
      const personId = personIds.get(r.email.toLowerCase());
      if (personId === undefined) throw new Error(`role for unknown person (row ${input.roles.indexOf(r)})`);
      const schoolId = r.schoolBrin ? schoolIds.get(r.schoolBrin) : undefined;
      if (r.schoolBrin && schoolId === undefined) throw new Error(`role for unknown school ${r.schoolBrin}`);
      const scopeKey = buildScopeKey({ schoolBrin: r.schoolBrin, mentorGroup: r.mentorGroup, activityId: r.activityId });
      await tx.roleAssignment.upsert({
        where: { personId_role_scopeKey: { personId, role: r.role, scopeKey } },
        create: { personId, role: r.role, scopeKey, schoolId: schoolId ?? null, mentorGroup: r.mentorGroup ?? null, activityId: r.activityId ?? null },
        update: {},
      });
    }
    return { schools: input.schools.length, people: input.people.length, roles: input.roles.length };
  });
}
