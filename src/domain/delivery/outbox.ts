/**
 * The outbox vocabulary shared by the repository, the dispatcher and the status card.
 */
export const OUTBOX_STATES = ["pending", "sending", "sent", "failed", "blocked"] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export type OutboxKind = "send" | "update";

/** Who a message is for: a person (their 1:1 chat, created when needed) or a known conversation (channel, group chat). */
export type Recipient = { personId: number } | { conversationId: string };

/**
 * Teams channel conversations are addressed per thread ("19:...@thread.tacv2;messageid=...").
 * A proactive post goes to the channel itself, so the thread suffix is dropped: the channel
 * is one conversation for Teams' limits and for where a new post lands.
 */
export function toBaseConversationId(conversationId: string): string {
  const cut = conversationId.indexOf(";messageid=");
  return cut === -1 ? conversationId : conversationId.slice(0, cut);
}

/** The key the rate limiter counts a message under: one per conversation a message can land in. */
export function buildRouteKey(recipient: { personId: number | null; conversationId: string | null }): string {
  if (recipient.personId !== null) return `person:${recipient.personId}`;
  return `conversation:${toBaseConversationId(recipient.conversationId ?? "")}`;
}

/** The key of the n-th in-place update of a message, so two requests for one revision stay one row. */
export function buildUpdateKey(key: string, revision: number): string {
  return `${key}#update#${revision}`;
}

const REASONS: [RegExp, string][] = [
  [/ConversationBlockedByUser/i, "heeft Aanjager geblokkeerd"],
  [/BotDisabledByAdmin|AppDisabled/i, "Aanjager is door de beheerder uitgeschakeld"],
  [/MessageWritesBlocked/i, "berichten naar dit gesprek zijn geblokkeerd"],
  [/BotNotInConversationRoster|not part of the conversation roster/i, "Aanjager is niet (meer) geïnstalleerd"],
  [/^uninstalled/, "Aanjager is verwijderd"],
  [/^403/, "Teams weigert berichten (403)"],
  [/^404|ConversationNotFound/i, "gesprek bestaat niet meer"],
  [/^no-teams-identity/, "geen Teams-account bekend"],
  [/^no-route/, "nog geen Teams-verbinding om een chat te starten"],
  [/^conversation-unknown/, "gesprek onbekend"],
  [/^recipient-missing/, "ontvanger bestaat niet meer"],
  [/^target-not-delivered/, "oorspronkelijke bericht is niet bezorgd"],
  [/^max-attempts/, "bleef mislukken"],
  [/^invalid-payload/, "ongeldig bericht"],
];

/** Dutch explanation of a lastError for the status card; the raw code stays in brackets for the projectteam. */
export function describeDeliveryProblem(lastError: string | null): string {
  if (!lastError) return "onbekende reden";
  const hit = REASONS.find(([pattern]) => pattern.test(lastError));
  return hit ? `${hit[1]} (${lastError})` : lastError;
}
