import type { DbTx } from "./client.js";

/**
 * Where a case message goes, for the direct-send fallback notifier: the stored Bot Framework
 * conversation reference of a person's personal chat or of a channel. (The durable outbox does
 * its own lookups; this exists so the fallback works without it.)
 */
export async function findDeliveryReference(tx: DbTx, recipient: { personId: number } | { conversationId: string }): Promise<unknown | null> {
  const row =
    "personId" in recipient
      ? await tx.conversationRef.findFirst({ where: { personId: recipient.personId, kind: "personal", status: "active" }, orderBy: { updatedAt: "desc" } })
      : await tx.conversationRef.findFirst({ where: { conversationId: recipient.conversationId, status: "active" } });
  return row ? (JSON.parse(row.reference) as unknown) : null;
}
