import type { Db } from "../../db/client.js";
import { listUnreachablePeople as listUnreachable, readPersonReachability, type PersonReachability, type UnreachablePerson } from "../../db/reachability.js";

export type { PersonReachability, UnreachablePerson };

/**
 * Whether Aanjager can reach a person in Teams, for the directory's contact validity: false
 * after Teams refused a message (403: blocked, app removed) or when the person's personal chat
 * was removed, and when no Teams account of the person is known at all.
 */
export async function isPersonReachable(db: Db, personId: number): Promise<boolean> {
  return (await readPersonReachability(db, personId)).reachable;
}

/** The detailed answer: how the person is reached, or why not and since when. */
export async function getPersonReachability(db: Db, personId: number): Promise<PersonReachability> {
  return readPersonReachability(db, personId);
}

/** Everyone known to be unreachable (blocked or removed), by name. */
export async function listUnreachablePeople(db: Db): Promise<UnreachablePerson[]> {
  return listUnreachable(db);
}
