import type { Db } from "./client.js";
import type { StoredConversationRef } from "./conversation-refs.js";

/**
 * Whether the bot can reach a person in Teams. A 403 from Teams (the person blocked Aanjager,
 * the app was removed, writes are blocked) marks the person unreachable; their personal chat
 * becoming active again (see upsertConversationRef) clears it. The directory uses this to
 * judge whether a contact person is valid.
 */
export type PersonReachability =
  | { personId: number; reachable: true; via: "personal-chat" | "new-chat" }
  | { personId: number; reachable: false; reason: "blocked" | "uninstalled" | "no-teams-identity" | "unknown-person"; detail: string | null; since: Date | null };

export type DeliveryPerson = {
  id: number;
  teamsUserId: string | null;
  aadObjectId: string | null;
  unreachableSince: Date | null;
  unreachableReason: string | null;
  /** The person's latest personal chat, whatever its status. */
  personalChat: StoredConversationRef | null;
};

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
      conversations: { where: { kind: "personal" }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 1 },
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

export async function readPersonReachability(db: Db, personId: number): Promise<PersonReachability> {
  const person = await findDeliveryPerson(db, personId);
  if (!person) return { personId, reachable: false, reason: "unknown-person", detail: null, since: null };
  if (person.unreachableSince) return { personId, reachable: false, reason: "blocked", detail: person.unreachableReason, since: person.unreachableSince };
  const latest = person.personalChat;
  if (latest?.status === "blocked") return { personId, reachable: false, reason: "blocked", detail: latest.blockedReason, since: latest.blockedAt };
  if (latest?.status === "uninstalled") return { personId, reachable: false, reason: "uninstalled", detail: null, since: latest.uninstalledAt };
  if (latest?.status === "active") return { personId, reachable: true, via: "personal-chat" };
  if (person.teamsUserId || person.aadObjectId) return { personId, reachable: true, via: "new-chat" };
  return { personId, reachable: false, reason: "no-teams-identity", detail: null, since: null };
}

export type UnreachablePerson = { personId: number; naam: string; reason: "blocked" | "uninstalled"; detail: string | null; since: Date | null };

/** Everyone Teams refused or whose latest personal chat was blocked or removed. */
export async function listUnreachablePeople(db: Db): Promise<UnreachablePerson[]> {
  const people = await db.person.findMany({
    where: {
      OR: [
        { unreachableSince: { not: null } },
        { AND: [{ conversations: { some: { kind: "personal", status: { in: ["blocked", "uninstalled"] } } } }, { conversations: { none: { kind: "personal", status: "active" } } }] },
      ],
    },
    orderBy: { naam: "asc" },
    select: {
      id: true,
      naam: true,
      unreachableSince: true,
      unreachableReason: true,
      conversations: { where: { kind: "personal" }, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], take: 1, select: { status: true, blockedAt: true, blockedReason: true, uninstalledAt: true } },
    },
  });
  return people.map((p) => {
    const latest = p.conversations[0];
    if (p.unreachableSince) return { personId: p.id, naam: p.naam, reason: "blocked" as const, detail: p.unreachableReason, since: p.unreachableSince };
    if (latest?.status === "uninstalled") return { personId: p.id, naam: p.naam, reason: "uninstalled" as const, detail: null, since: latest.uninstalledAt };
    return { personId: p.id, naam: p.naam, reason: "blocked" as const, detail: latest?.blockedReason ?? null, since: latest?.blockedAt ?? null };
  });
}
