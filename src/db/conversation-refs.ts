import type { Db } from "./client.js";

export type ConversationKind = "personal" | "channel" | "groupChat";

export type ConversationRefInput = {
  conversationId: string;
  kind: ConversationKind;
  serviceUrl: string;
  tenantId: string | null;
  teamId: string | null;
  channelId: string | null;
  botId: string;
  userTeamsId: string | null;
  userAadObjectId: string | null;
  personId: number | null;
  reference: unknown;
};

export type StoredConversationRef = {
  id: number;
  conversationId: string;
  kind: string;
  serviceUrl: string;
  tenantId: string | null;
  teamId: string | null;
  channelId: string | null;
  userTeamsId: string | null;
  userAadObjectId: string | null;
  personId: number | null;
  status: string;
  blockedAt: Date | null;
  blockedReason: string | null;
  uninstalledAt: Date | null;
  reference: unknown;
};

/** Insert or refresh; a conversation seen again after an uninstall becomes active again. */
export async function upsertConversationRef(db: Db, input: ConversationRefInput, at: Date): Promise<void> {
  const data = {
    kind: input.kind,
    serviceUrl: input.serviceUrl,
    tenantId: input.tenantId,
    teamId: input.teamId,
    channelId: input.channelId,
    botId: input.botId,
    userTeamsId: input.userTeamsId,
    userAadObjectId: input.userAadObjectId,
    reference: JSON.stringify(input.reference),
    status: "active",
    uninstalledAt: null,
    blockedAt: null,
    blockedReason: null,
  };
  await db.conversationRef.upsert({
    where: { conversationId: input.conversationId },
    create: { conversationId: input.conversationId, ...data, personId: input.personId, installedAt: at },
    // Keep an earlier link to a person when this activity could not resolve one.
    update: { ...data, ...(input.personId !== null ? { personId: input.personId } : {}) },
  });
  // Someone whose personal chat is active again (they wrote, or installed the app) is reachable again.
  if (input.kind === "personal" && input.personId !== null) {
    await db.person.updateMany({ where: { id: input.personId, unreachableSince: { not: null } }, data: { unreachableSince: null, unreachableReason: null } });
  }
}

/** A stored reference is rewritten at least this often while its chat is used ("most recently active" orderings). */
const REWRITE_AFTER_MS = 60 * 60 * 1000;

/** The reference without the id of the activity it was taken from: that id differs every turn and is never sent to (see proactive-sender). */
function referenceWithoutActivity(reference: unknown): string {
  const { activityId: _activityId, ...rest } = (reference ?? {}) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/**
 * What `upsertConversationRef` does, for the conversation of an incoming turn, but without writing
 * when nothing changed: nearly every turn comes from a chat stored a moment ago, and the upsert and
 * the person's update cost two writes (about 2.5 ms of CPU per turn through Prisma) for nothing.
 * It writes when anything Aanjager sends by differs, when the chat is blocked or uninstalled (seen
 * again: active again), when it gains its person, when that person is marked unreachable, or when
 * it was last written an hour ago or more. Returns the personal chat's owner as it is now stored.
 */
export async function refreshConversationRef(db: Db, input: ConversationRefInput, at: Date): Promise<{ personId: number | null }> {
  const stored = await db.conversationRef.findUnique({ where: { conversationId: input.conversationId }, include: { person: { select: { unreachableSince: true } } } });
  const ownerNow = input.personId ?? stored?.personId ?? null;
  const current =
    stored !== null &&
    stored.status === "active" &&
    stored.blockedAt === null &&
    stored.uninstalledAt === null &&
    (input.personId === null || stored.personId === input.personId) &&
    (stored.person === null || stored.person.unreachableSince === null) &&
    stored.kind === input.kind &&
    stored.serviceUrl === input.serviceUrl &&
    stored.tenantId === input.tenantId &&
    stored.teamId === input.teamId &&
    stored.channelId === input.channelId &&
    stored.botId === input.botId &&
    stored.userTeamsId === input.userTeamsId &&
    stored.userAadObjectId === input.userAadObjectId &&
    // Prisma stamps updatedAt with the real time, whatever clock the turn runs on.
    Date.now() - stored.updatedAt.getTime() < REWRITE_AFTER_MS &&
    referenceWithoutActivity(JSON.parse(stored.reference)) === referenceWithoutActivity(input.reference);
  if (!current) await upsertConversationRef(db, input, at);
  return { personId: input.kind === "personal" ? ownerNow : null };
}

/** Marks the conversation, or every conversation of a team, as uninstalled. Returns how many. */
export async function markConversationsUninstalled(db: Db, where: { conversationId?: string; teamId?: string }, at: Date): Promise<number> {
  const filter = where.teamId ? { teamId: where.teamId } : { conversationId: where.conversationId ?? "" };
  const result = await db.conversationRef.updateMany({ where: { ...filter, status: "active" }, data: { status: "uninstalled", uninstalledAt: at } });
  return result.count;
}

export async function findConversationRef(db: Db, conversationId: string): Promise<StoredConversationRef | null> {
  const row = await db.conversationRef.findUnique({ where: { conversationId } });
  return row ? { ...row, reference: JSON.parse(row.reference) as unknown } : null;
}

/**
 * One reference per team the bot is installed in, for proactive calls about the team (roster
 * sync). The conversation is pointed at the team id itself (the General channel's id in
 * Teams), since a stored channel reference may be a reply thread (`...;messageid=...`).
 */
export async function listActiveTeams(db: Db): Promise<{ teamId: string; reference: unknown }[]> {
  const rows = await db.conversationRef.findMany({ where: { kind: "channel", status: "active", teamId: { not: null } }, orderBy: { updatedAt: "desc" } });
  const teams = new Map<string, { teamId: string; reference: unknown }>();
  for (const row of rows) {
    const teamId = row.teamId!;
    const existing = teams.get(teamId);
    if (existing && row.conversationId !== teamId) continue;
    const reference = JSON.parse(row.reference) as { conversation?: Record<string, unknown> };
    teams.set(teamId, { teamId, reference: { ...reference, conversation: { ...(reference.conversation ?? {}), id: teamId } } });
  }
  return [...teams.values()];
}

/** Teams refused a message here (403): nothing more is sent until the conversation is seen again. */
export async function markConversationBlocked(db: Db, conversationId: string, reason: string, at: Date): Promise<void> {
  await db.conversationRef.updateMany({ where: { conversationId }, data: { status: "blocked", blockedAt: at, blockedReason: reason } });
}

export type TenantRoute = { serviceUrl: string; tenantId: string | null; botId: string };

/**
 * Where to create a new 1:1 chat in a tenant: Teams needs the service url and the bot's id
 * there, which every stored reference of that tenant carries. The most recently active one wins.
 */
export async function findTenantRoute(db: Db, tenantId: string | null): Promise<TenantRoute | null> {
  const row = await db.conversationRef.findFirst({
    where: { status: "active", ...(tenantId ? { tenantId } : {}) },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    select: { serviceUrl: true, tenantId: true, botId: true },
  });
  return row;
}

/** The person a personal chat belongs to, when known. */
export async function findConversationPersonId(db: Db, conversationId: string): Promise<number | null> {
  const row = await db.conversationRef.findUnique({ where: { conversationId }, select: { personId: true, kind: true } });
  return row?.kind === "personal" ? row.personId : null;
}
