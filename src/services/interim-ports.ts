import type { TeamsAdapter } from "@microsoft/teams-ai";
import { CardFactory, type ConversationReference } from "botbuilder";
import type { Config } from "../config.js";
import { findPersonalConversation } from "../db/conversation-refs.js";
import type { Logger } from "../logger.js";
import type { EnqueueMessage, OpenCase, OpenCaseInput } from "./ports.js";

/**
 * TEMPORARY implementations of the two ports, so the DDD campaign runs end to end before the
 * delivery outbox (issue 4) and the escalation cases (issue 6) are merged. The lead replaces
 * both at merge and deletes this file; nothing else imports it except src/app.ts.
 *
 * - enqueue: sends at once through the adapter to the person's stored personal conversation when
 *   `notBefore` has come, and otherwise only logs that it skipped. No outbox, no retries, no
 *   rate limiting, and not idempotent by itself (the DDD job's reminder log is).
 * - openCase: logs and returns a synthetic case, one per (type, subject) per process.
 */
export function createInterimEnqueue(deps: { adapter: TeamsAdapter; config: Config; logger: Logger }): EnqueueMessage {
  return async (tx, message, now) => {
    const log = deps.logger.child({ port: "interim-enqueue", key: message.key, purpose: message.purpose });
    if (message.notBefore && message.notBefore.getTime() > now.getTime()) {
      log.info({ notBefore: message.notBefore.toISOString() }, "not due yet: skipped (the outbox will defer it)");
      return { enqueued: false };
    }
    if (!("personId" in message.recipient)) {
      log.info("recipient is not a person: skipped");
      return { enqueued: false };
    }
    const ref = await findPersonalConversation(tx, message.recipient.personId);
    if (!ref) {
      log.info({ personId: message.recipient.personId }, "no personal conversation: skipped");
      return { enqueued: false };
    }
    try {
      await deps.adapter.continueConversationAsync(deps.config.auth.appId ?? "", ref.reference as Partial<ConversationReference>, async (context) => {
        await context.sendActivity({ attachments: [CardFactory.adaptiveCard(message.card)] });
      });
      log.info({ personId: message.recipient.personId }, "sent");
      return { enqueued: true };
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, "send failed (no retry in the interim port)");
      return { enqueued: false };
    }
  };
}

export function createInterimOpenCase(deps: { logger: Logger }): OpenCase {
  const cases = new Map<string, number>();
  return async (_tx, input: OpenCaseInput) => {
    const key = `${input.type}|${JSON.stringify(input.subject)}`;
    const existing = cases.get(key);
    const caseNumber = existing ?? cases.size + 1;
    if (existing === undefined) cases.set(key, caseNumber);
    deps.logger.info({ port: "interim-open-case", type: input.type, subject: input.subject, severity: input.severity ?? null, source: input.source, caseNumber, created: existing === undefined }, "case (interim)");
    return { caseId: caseNumber, caseNumber, created: existing === undefined };
  };
}
