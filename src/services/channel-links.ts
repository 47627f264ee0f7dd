import type { Db } from "../db/client.js";
import { upsertConversationRef, type ConversationRefInput } from "../db/conversation-refs.js";
import { findChannelLink, upsertChannelLink, type ChannelLinkRecord, type ChannelPurpose } from "../db/channel-links.js";

export { CHANNEL_PURPOSES, type ChannelPurpose, type ChannelLinkRecord } from "../db/channel-links.js";

/**
 * Links a Teams channel to a purpose ("projectteam": case cards from L1; "stuurgroep": the
 * weekly summary). A channel message's conversation id points at the thread it was typed in
 * ("19:...;messageid=..."); the link stores the channel itself, with a conversation reference
 * of its own, so later posts start new threads in the channel instead of replying in that one.
 */
export async function linkChannel(db: Db, input: { purpose: ChannelPurpose; ref: ConversationRefInput; linkedById: number | null }, now: Date): Promise<ChannelLinkRecord> {
  const channelConversationId = input.ref.channelId ?? input.ref.conversationId.split(";")[0]!;
  const reference = { ...(input.ref.reference as Record<string, unknown>) };
  reference.conversation = { ...((reference.conversation as Record<string, unknown>) ?? {}), id: channelConversationId };
  delete reference.activityId;
  await upsertConversationRef(db, { ...input.ref, conversationId: channelConversationId, kind: "channel", reference, personId: null, userTeamsId: null, userAadObjectId: null }, now);
  return upsertChannelLink(db, { purpose: input.purpose, conversationId: channelConversationId, teamId: input.ref.teamId, channelId: input.ref.channelId, linkedById: input.linkedById }, now);
}

/** The channel linked to a purpose, or null; other features (the stuurgroep summary) post there. */
export async function findLinkedChannel(db: Db, purpose: ChannelPurpose): Promise<ChannelLinkRecord | null> {
  return findChannelLink(db, purpose);
}
