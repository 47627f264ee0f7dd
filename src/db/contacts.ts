import type { ReachabilityFacts } from "../domain/reachability.js";
import { toReachabilityFacts } from "./reachability.js";
import type { Db, DbOrTx } from "./client.js";
import type { ContactChange } from "../domain/contacts.js";

/** The roles that make someone a contact of a school on the "klopt dit nog?" card. */
export const SCHOOL_CONTACT_ROLES = ["decaan", "mentor"] as const;

export type SchoolContactRow = {
  personId: number;
  naam: string;
  email: string;
  aadObjectId: string | null;
  teamsUserId: string | null;
  roles: { role: string; mentorGroup: string | null }[];
  reachability: ReachabilityFacts;
  confirmation: { confirmedAt: Date; confirmedById: number | null } | null;
};

export type SchoolWithContacts = {
  id: number;
  brin: string;
  naam: string;
  soort: string;
  subregio: string | null;
  contacts: SchoolContactRow[];
};

/**
 * Schools with their decanen and mentors, the facts contact validity needs (Teams link, whether
 * Teams can reach them, this school year's confirmation), in two queries whatever the region size.
 */
export async function listSchoolsWithContacts(db: Db, input: { schoolYear: string; soorten?: readonly string[]; schoolIds?: readonly number[] }): Promise<SchoolWithContacts[]> {
  const schools = await db.school.findMany({
    where: { ...(input.soorten ? { soort: { in: [...input.soorten] } } : {}), ...(input.schoolIds ? { id: { in: [...input.schoolIds] } } : {}) },
    include: {
      subregio: { select: { naam: true } },
      roles: {
        where: { role: { in: [...SCHOOL_CONTACT_ROLES] } },
        include: {
          person: {
            include: {
              conversations: { where: { kind: "personal" }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, blockedReason: true, blockedAt: true, uninstalledAt: true } },
              confirmations: { where: { schoolYear: input.schoolYear }, select: { schoolId: true, confirmedAt: true, confirmedById: true } },
            },
          },
        },
      },
    },
    orderBy: [{ subregioId: "asc" }, { naam: "asc" }],
  });
  return schools.map((school) => {
    const contacts = new Map<number, SchoolContactRow>();
    for (const role of school.roles) {
      const p = role.person;
      let contact = contacts.get(p.id);
      if (!contact) {
        const confirmation = p.confirmations.find((c) => c.schoolId === school.id) ?? null;
        contact = {
          personId: p.id,
          naam: p.naam,
          email: p.email,
          aadObjectId: p.aadObjectId,
          teamsUserId: p.teamsUserId,
          roles: [],
          reachability: toReachabilityFacts({ ...p, personalChat: p.conversations[0] ?? null }),
          confirmation: confirmation ? { confirmedAt: confirmation.confirmedAt, confirmedById: confirmation.confirmedById } : null,
        };
        contacts.set(p.id, contact);
      }
      contact.roles.push({ role: role.role, mentorGroup: role.mentorGroup });
    }
    // Decanen first, then mentors by group, then by name: the order a decaan reads their team in.
    const rank = (c: SchoolContactRow) => (c.roles.some((r) => r.role === "decaan") ? 0 : 1);
    const group = (c: SchoolContactRow) => c.roles.map((r) => r.mentorGroup ?? "").sort()[0] ?? "";
    const sorted = [...contacts.values()].sort((a, b) => rank(a) - rank(b) || group(a).localeCompare(group(b)) || a.naam.localeCompare(b.naam));
    return { id: school.id, brin: school.brin, naam: school.naam, soort: school.soort, subregio: school.subregio?.naam ?? null, contacts: sorted };
  });
}

/** Records (or refreshes) the confirmation of these contacts for the school year. */
export async function confirmContacts(db: Db, input: { schoolId: number; personIds: readonly number[]; schoolYear: string; confirmedById: number; at: Date }): Promise<number> {
  await db.$transaction(
    input.personIds.map((personId) =>
      db.contactConfirmation.upsert({
        where: { personId_schoolId_schoolYear: { personId, schoolId: input.schoolId, schoolYear: input.schoolYear } },
        create: { personId, schoolId: input.schoolId, schoolYear: input.schoolYear, confirmedAt: input.at, confirmedById: input.confirmedById },
        update: { confirmedAt: input.at, confirmedById: input.confirmedById },
      }),
    ),
  );
  return input.personIds.length;
}

/** E-mail address to person id, for the uniqueness check of corrections. */
export async function findPersonIdsByEmail(db: DbOrTx, emails: readonly string[]): Promise<Map<string, number>> {
  if (emails.length === 0) return new Map();
  const rows = await db.person.findMany({ where: { email: { in: [...emails] } }, select: { id: true, email: true } });
  return new Map(rows.map((r) => [r.email, r.id]));
}

/** Of these people, those with a role other than decaan or mentor at this school (another school, a programme role). */
export async function findPeopleWorkingElsewhere(db: DbOrTx, input: { schoolId: number; personIds: readonly number[] }): Promise<Set<number>> {
  if (input.personIds.length === 0) return new Set();
  const rows = await db.roleAssignment.findMany({
    where: { personId: { in: [...input.personIds] }, NOT: { schoolId: input.schoolId, role: { in: [...SCHOOL_CONTACT_ROLES] } } },
    select: { personId: true },
  });
  return new Set(rows.map((r) => r.personId));
}

/**
 * Applies a decaan's corrections in one transaction. A new e-mail address also drops the
 * person's Teams link: it was made through the old address, so it may belong to someone else;
 * the next roster sync or message links the right account again. "Gone" removes the person's
 * decaan and mentor roles at this school only (they may still work elsewhere).
 */
export async function applyContactChanges(db: Db, input: { schoolId: number; changes: readonly ContactChange[] }): Promise<{ renamed: number; emailChanged: number; removed: number }> {
  return db.$transaction(async (tx) => {
    let renamed = 0;
    let emailChanged = 0;
    let removed = 0;
    for (const change of input.changes) {
      if (change.gone) {
        const { count } = await tx.roleAssignment.deleteMany({ where: { personId: change.personId, schoolId: input.schoolId, role: { in: [...SCHOOL_CONTACT_ROLES] } } });
        if (count > 0) removed++;
        continue;
      }
      const data: { naam?: string; email?: string; aadObjectId?: null; teamsUserId?: null } = {};
      if (change.naam !== undefined) {
        data.naam = change.naam;
        renamed++;
      }
      if (change.email !== undefined) {
        Object.assign(data, { email: change.email, aadObjectId: null, teamsUserId: null });
        emailChanged++;
        await tx.conversationRef.updateMany({ where: { personId: change.personId, kind: "personal" }, data: { personId: null } });
      }
      await tx.person.update({ where: { id: change.personId }, data });
    }
    return { renamed, emailChanged, removed };
  });
}
