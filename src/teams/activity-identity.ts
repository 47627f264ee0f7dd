import type { Activity } from "botbuilder";
import { TurnContext } from "botbuilder";
import type { ConversationKind, ConversationRefInput } from "../db/conversation-refs.js";

export type ActivityIdentity = { teamsUserId: string | null; aadObjectId: string | null; tenantId: string | null };

export function readActivityIdentity(activity: Partial<Activity>): ActivityIdentity {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: string } };
  return {
    teamsUserId: activity.from?.id ?? null,
    aadObjectId: activity.from?.aadObjectId ?? null,
    tenantId: activity.conversation?.tenantId ?? channelData.tenant?.id ?? null,
  };
}

function readConversationKind(activity: Partial<Activity>): ConversationKind {
  const type = activity.conversation?.conversationType;
  if (type === "channel") return "channel";
  if (type === "groupChat") return "groupChat";
  return "personal";
}

/** What we store to reach this conversation later, from any incoming activity. */
export function buildConversationRefInput(activity: Partial<Activity>, personId: number | null): ConversationRefInput | null {
  if (!activity.conversation?.id || !activity.serviceUrl || !activity.recipient?.id) return null;
  const channelData = (activity.channelData ?? {}) as { team?: { id?: string }; channel?: { id?: string } };
  const kind = readConversationKind(activity);
  const identity = readActivityIdentity(activity);
  return {
    conversationId: activity.conversation.id,
    kind,
    serviceUrl: activity.serviceUrl,
    tenantId: identity.tenantId,
    teamId: channelData.team?.id ?? null,
    channelId: channelData.channel?.id ?? null,
    botId: activity.recipient.id,
    userTeamsId: kind === "personal" ? identity.teamsUserId : null,
    userAadObjectId: kind === "personal" ? identity.aadObjectId : null,
    personId: kind === "personal" ? personId : null,
    reference: TurnContext.getConversationReference(activity),
  };
}
