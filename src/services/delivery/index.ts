/**
 * Proactive delivery: the public API for features.
 *
 *   await runInTransaction(db, async (tx) => {
 *     await changeSomething(tx);
 *     await enqueueMessage(tx, { key, purpose: "ddd-herinnering", recipient: { personId }, card, notBefore }, now);
 *   });
 *
 * The dispatcher (running in the server, or `aanjager run dispatch`) delivers it.
 */
export { enqueueMessage, requestCardUpdate, getDeliveryStatus, buildPayload, MAX_PAYLOAD_BYTES } from "./outbox.js";
export type { EnqueueInput, EnqueueResult, CardUpdateResult, DeliveryStatus, MessageContent } from "./outbox.js";
export { isPersonReachable, getPersonReachability, listUnreachablePeople } from "./reachability.js";
export type { PersonReachability, UnreachablePerson } from "./reachability.js";
export { summarizeDelivery } from "./status.js";
export type { DeliverySummary, PurposeCounts, UndeliveredRecipient } from "./status.js";
export { createDispatcher } from "./dispatcher.js";
export type { Dispatcher, DispatcherDeps, DrainResult, DeliveryTally } from "./dispatcher.js";
export { DeliverySendError } from "./sender.js";
export type { DeliverySender, OutboundActivity } from "./sender.js";
export type { Recipient, OutboxState } from "../../domain/delivery/outbox.js";
