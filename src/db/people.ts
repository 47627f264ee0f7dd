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
