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
