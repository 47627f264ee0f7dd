import { judgeReachability, type Reachability, type ReachabilityFacts } from "../domain/reachability.js";
import type { Db } from "./client.js";
import type { StoredConversationRef } from "./conversation-refs.js";

/**
 * What the database knows about reaching a person in Teams. A 403 from Teams (the person blocked
 * Aanjager, the app was removed, writes are blocked) marks the person unreachable; their personal
 * chat becoming active again (see upsertConversationRef) clears it. The decision itself is
 * domain/reachability.ts.
 */
export type PersonReachability = { personId: number } & (Reachability | { reachable: false; reason: "unknown-person"; detail: null; since: null });

export type DeliveryPerson = {
  id: number;
  teamsUserId: string | null;
  aadObjectId: string | null;
  unreachableSince: Date | null;
  unreachableReason: string | null;
  /** The person's latest personal chat, whatever its status. */
  personalChat: StoredConversationRef | null;
};

/** A person's latest personal chat with the bot: the one the decision reads. */
const LATEST_PERSONAL_CHAT = { where: { kind: "personal" }, orderBy: [{ updatedAt: "desc" as const }, { id: "desc" as const }], take: 1 };

/** What the dispatcher needs to reach a person, in one query. */
export async function findDeliveryPerson(db: Db, personId: number): Promise<DeliveryPerson | null> {
  const row = await db.person.findUnique({
    where: { id: personId },
    select: {
      id: true,
      teamsUserId: true,
      aadObjectId: true,
      unreachableSince: true,
      unreachableReason: true,
      conversations: LATEST_PERSONAL_CHAT,
    },
  });
  if (!row) return null;
  const { conversations, ...person } = row;
  const chat = conversations[0];
  return { ...person, personalChat: chat ? { ...chat, reference: JSON.parse(chat.reference) as unknown } : null };
}

/** Marks a person unreachable (keeping the first moment it happened) and blocks their personal chats. */
export async function markPersonUnreachable(db: Db, personId: number, reason: string, at: Date): Promise<void> {
  await db.person.updateMany({ where: { id: personId, unreachableSince: null }, data: { unreachableSince: at } });
  await db.person.updateMany({ where: { id: personId }, data: { unreachableReason: reason } });
  await db.conversationRef.updateMany({ where: { personId, kind: "personal", status: "active" }, data: { status: "blocked", blockedAt: at, blockedReason: reason } });
}

export function toReachabilityFacts(person: {
  teamsUserId: string | null;
  aadObjectId: string | null;
  unreachableSince: Date | null;
  unreachableReason: string | null;
  personalChat: ReachabilityFacts["latestPersonalChat"];
}): ReachabilityFacts {
  return {
    hasTeamsIdentity: Boolean(person.teamsUserId || person.aadObjectId),
    refused: person.unreachableSince ? { since: person.unreachableSince, reason: person.unreachableReason } : null,
    latestPersonalChat: person.personalChat,
  };
}

export async function readPersonReachability(db: Db, personId: number): Promise<PersonReachability> {
  const person = await findDeliveryPerson(db, personId);
  if (!person) return { personId, reachable: false, reason: "unknown-person", detail: null, since: null };
  return { personId, ...judgeReachability(toReachabilityFacts(person)) };
}

export type UnreachablePerson = { personId: number; naam: string; reason: "blocked" | "uninstalled"; detail: string | null; since: Date | null };

/** Everyone Teams refused or whose latest personal chat was blocked or removed. */
export async function listUnreachablePeople(db: Db): Promise<UnreachablePerson[]> {
  const people = await db.person.findMany({
    // A superset (any blocked or removed chat); the decision below keeps the unreachable ones.
    where: { OR: [{ unreachableSince: { not: null } }, { conversations: { some: { kind: "personal", status: { in: ["blocked", "uninstalled"] } } } }] },
    orderBy: { naam: "asc" },
    select: {
      id: true,
      naam: true,
      teamsUserId: true,
      aadObjectId: true,
      unreachableSince: true,
      unreachableReason: true,
      conversations: { ...LATEST_PERSONAL_CHAT, select: { status: true, blockedAt: true, blockedReason: true, uninstalledAt: true } },
    },
  });
  return people.flatMap((p) => {
    const verdict = judgeReachability(toReachabilityFacts({ ...p, personalChat: p.conversations[0] ?? null }));
    if (verdict.reachable || verdict.reason === "no-teams-identity") return [];
    return [{ personId: p.id, naam: p.naam, reason: verdict.reason, detail: verdict.detail, since: verdict.since }];
  });
}
