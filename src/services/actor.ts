import type { Db } from "../db/client.js";
import { findPersonByEmail, findPersonByTeamsIdentity, linkPersonToTeams, type PersonWithRoles } from "../db/people.js";
import { isRole, type Role } from "../domain/roles.js";

/** Who is acting in this turn, as far as the directory knows. */
export type Actor = {
  person: PersonWithRoles | null;
  roles: Role[];
  teamsUserId: string | null;
  aadObjectId: string | null;
};

export function buildActor(person: PersonWithRoles | null, ids: { teamsUserId: string | null; aadObjectId: string | null }): Actor {
  const roles = person ? [...new Set(person.roles.map((r) => r.role).filter(isRole))] : [];
  return { person, roles, ...ids };
}

/**
 * Resolves the sender: first by AAD object id or Teams id; failing that, by the e-mail address
 * Teams reports for the member (fetched lazily, because it costs a call to the connector), and
 * then remembers the Teams ids so the next turn is a single lookup.
 */
export async function resolveActor(
  db: Db,
  ids: { teamsUserId: string | null; aadObjectId: string | null },
  fetchEmail?: () => Promise<string | null>,
): Promise<Actor> {
  let person = await findPersonByTeamsIdentity(db, ids);
  if (!person && fetchEmail) {
    const email = await fetchEmail().catch(() => null);
    if (email) {
      const byEmail = await findPersonByEmail(db, email);
      // Never re-link a person already linked to another Teams account: that is a directory error for a human to fix.
      if (byEmail && (!byEmail.aadObjectId || byEmail.aadObjectId === ids.aadObjectId)) {
        await linkPersonToTeams(db, byEmail.id, ids);
        person = { ...byEmail, aadObjectId: ids.aadObjectId ?? byEmail.aadObjectId, teamsUserId: ids.teamsUserId ?? byEmail.teamsUserId };
      }
    }
  } else if (person && ids.teamsUserId && person.teamsUserId !== ids.teamsUserId) {
    await linkPersonToTeams(db, person.id, { teamsUserId: ids.teamsUserId });
  }
  return buildActor(person, ids);
}
