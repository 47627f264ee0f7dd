import type { Db, DbTx } from "./client.js";

/**
 * Which Teams channel serves which purpose: "projectteam" (case cards at L1) and "stuurgroep"
 * (the weekly summary). One channel per purpose; linking again moves it.
 */
export const CHANNEL_PURPOSES = ["projectteam", "stuurgroep"] as const;
export type ChannelPurpose = (typeof CHANNEL_PURPOSES)[number];

export type ChannelLinkRecord = { purpose: string; conversationId: string; teamId: string | null; channelId: string | null; linkedById: number | null; linkedAt: Date };

export async function upsertChannelLink(
  db: Db | DbTx,
  input: { purpose: ChannelPurpose; conversationId: string; teamId: string | null; channelId: string | null; linkedById: number | null },
  at: Date,
): Promise<ChannelLinkRecord> {
  const data = { conversationId: input.conversationId, teamId: input.teamId, channelId: input.channelId, linkedById: input.linkedById, linkedAt: at };
  return db.channelLink.upsert({ where: { purpose: input.purpose }, create: { purpose: input.purpose, ...data }, update: data });
}

export async function findChannelLink(db: Db | DbTx, purpose: ChannelPurpose): Promise<ChannelLinkRecord | null> {
  return db.channelLink.findUnique({ where: { purpose } });
}
