import type { Db } from "../db/client.js";
import { markConversationsUninstalled, refreshConversationRef, type ConversationRefInput } from "../db/conversation-refs.js";
import type { Logger } from "../logger.js";

/**
 * Remembers where a person or channel can be reached; called for every install and every incoming
 * activity. Returns the owner of a personal chat (null for other chats) as now stored.
 */
export async function recordConversation(db: Db, logger: Logger, input: ConversationRefInput, at: Date): Promise<{ personId: number | null }> {
  const stored = await refreshConversationRef(db, input, at);
  logger.debug({ conversationId: input.conversationId, kind: input.kind, personId: input.personId }, "conversation reference stored");
  return stored;
}

/** On uninstall: a personal chat or group chat by conversation, a team with all its channels. */
export async function recordUninstall(db: Db, logger: Logger, where: { conversationId?: string; teamId?: string }, at: Date): Promise<number> {
  const count = await markConversationsUninstalled(db, where, at);
  logger.info({ ...where, count }, "conversation marked uninstalled");
  return count;
}
