import type { Db } from "./client.js";

export type PersonWithRoles = {
  id: number;
  naam: string;
  email: string;
  aadObjectId: string | null;
  teamsUserId: string | null;
  roles: { role: string; schoolId: number | null; schoolBrin: string | null; schoolNaam: string | null; mentorGroup: string | null; activityId: string | null }[];
};

const include = { roles: { include: { school: { select: { brin: true, naam: true } } } } } as const;

function toPersonWithRoles(row: {
  id: number; naam: string; email: string; aadObjectId: string | null; teamsUserId: string | null;
  roles: { role: string; schoolId: number | null; mentorGroup: string | null; activityId: string | null; school: { brin: string; naam: string } | null }[];
}): PersonWithRoles {
  return {
    id: row.id,
    naam: row.naam,
    email: row.email,
    aadObjectId: row.aadObjectId,
    teamsUserId: row.teamsUserId,
    roles: row.roles.map((r) => ({
      role: r.role,
      schoolId: r.schoolId,
      schoolBrin: r.school?.brin ?? null,
      schoolNaam: r.school?.naam ?? null,
      mentorGroup: r.mentorGroup,
      activityId: r.activityId,
    })),
  };
}

/** Finds a person by the ids Teams gives us: the AAD object id is stable across tenants' apps, the Teams id per bot. */
export async function findPersonByTeamsIdentity(db: Db, ids: { aadObjectId?: string | null; teamsUserId?: string | null }): Promise<PersonWithRoles | null> {
  if (ids.aadObjectId) {
    const byAad = await db.person.findUnique({ where: { aadObjectId: ids.aadObjectId }, include });
    if (byAad) return toPersonWithRoles(byAad);
  }
  if (ids.teamsUserId) {
    const byTeams = await db.person.findUnique({ where: { teamsUserId: ids.teamsUserId }, include });
    if (byTeams) return toPersonWithRoles(byTeams);
  }
  return null;
}

export async function findPersonByEmail(db: Db, email: string): Promise<PersonWithRoles | null> {
  const row = await db.person.findUnique({ where: { email: email.toLowerCase() }, include });
  return row ? toPersonWithRoles(row) : null;
}

/** Remembers the Teams ids of a person once seen, so later lookups and proactive sends work. */
export async function linkPersonToTeams(db: Db, personId: number, ids: { aadObjectId?: string | null; teamsUserId?: string | null }): Promise<void> {
  const data: { aadObjectId?: string; teamsUserId?: string } = {};
  if (ids.aadObjectId) data.aadObjectId = ids.aadObjectId;
  if (ids.teamsUserId) data.teamsUserId = ids.teamsUserId;
  if (Object.keys(data).length === 0) return;
  await db.person.update({ where: { id: personId }, data });
}

export async function countPeople(db: Db): Promise<number> {
  return db.person.count();
}

export type RosterMember = { teamsUserId: string; aadObjectId: string | null; email: string | null };

/**
 * Links directory people to the Teams accounts of a roster: by AAD object id, else by e-mail.
 * The same safety rule as for a person writing to the bot: a person already linked to another
 * AAD account is never re-linked, and a Teams id held by someone else is not taken over (both
 * are directory errors for a human to fix, counted as conflicts).
 */
export async function linkRosterMembers(db: Db, members: readonly RosterMember[]): Promise<{ members: number; linked: number; alreadyLinked: number; notInDirectory: number; conflicts: number }> {
  const result = { members: members.length, linked: 0, alreadyLinked: 0, notInDirectory: 0, conflicts: 0 };
  if (members.length === 0) return result;
  const aads = members.flatMap((m) => (m.aadObjectId ? [m.aadObjectId] : []));
  const emails = members.flatMap((m) => (m.email ? [m.email] : []));
  const teamsIds = members.map((m) => m.teamsUserId);
  const people = await db.person.findMany({
    where: { OR: [{ aadObjectId: { in: aads } }, { email: { in: emails } }, { teamsUserId: { in: teamsIds } }] },
    select: { id: true, email: true, aadObjectId: true, teamsUserId: true },
  });
  const byAad = new Map(people.filter((p) => p.aadObjectId).map((p) => [p.aadObjectId!, p]));
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const byTeamsId = new Map(people.filter((p) => p.teamsUserId).map((p) => [p.teamsUserId!, p]));
  const updates: { id: number; data: { aadObjectId?: string; teamsUserId: string } }[] = [];
  for (const member of members) {
    const person = (member.aadObjectId ? byAad.get(member.aadObjectId) : undefined) ?? (member.email ? byEmail.get(member.email) : undefined);
    if (!person) {
      result.notInDirectory++;
      continue;
    }
    if (person.aadObjectId && member.aadObjectId && person.aadObjectId !== member.aadObjectId) {
      result.conflicts++;
      continue;
    }
    const holder = byTeamsId.get(member.teamsUserId);
    if (holder && holder.id !== person.id) {
      result.conflicts++;
      continue;
    }
    if (person.teamsUserId === member.teamsUserId && (person.aadObjectId || !member.aadObjectId)) {
      result.alreadyLinked++;
      continue;
    }
    updates.push({ id: person.id, data: { teamsUserId: member.teamsUserId, ...(member.aadObjectId && !person.aadObjectId ? { aadObjectId: member.aadObjectId } : {}) } });
    byTeamsId.set(member.teamsUserId, person);
  }
  if (updates.length > 0) await db.$transaction(updates.map((u) => db.person.update({ where: { id: u.id }, data: u.data })));
  result.linked = updates.length;
  return result;
}

