import type { EnqueueMessage, OpenCase, OpenCaseInput, OutboundMessage } from "../../src/services/ports.js";

export type RecordedMessage = OutboundMessage & { at: Date };
export type RecordedCase = OpenCaseInput & { at: Date; caseNumber: number; created: boolean };

/**
 * Recording fakes of the delivery and escalation ports. `calls` has every enqueue call (so a
 * test sees a feature enqueueing the same key twice); `messages` has the accepted ones, with the
 * outbox's contract that a known key is a no-op.
 */
export function createRecordingPorts() {
  const calls: RecordedMessage[] = [];
  const messages: RecordedMessage[] = [];
  const cases: RecordedCase[] = [];
  const caseNumbers = new Map<string, number>();
  const enqueue: EnqueueMessage = async (_tx, message, now) => {
    calls.push({ ...message, at: now });
    if (messages.some((m) => m.key === message.key)) return { enqueued: false };
    messages.push({ ...message, at: now });
    return { enqueued: true };
  };
  const openCase: OpenCase = async (_tx, input, now) => {
    const key = `${input.type}|${JSON.stringify(input.subject)}`;
    const existing = caseNumbers.get(key);
    const caseNumber = existing ?? 100 + caseNumbers.size + 1;
    if (existing === undefined) caseNumbers.set(key, caseNumber);
    cases.push({ ...input, at: now, caseNumber, created: existing === undefined });
    return { caseId: caseNumber, caseNumber, created: existing === undefined };
  };
  return {
    enqueue,
    openCase,
    calls,
    messages,
    cases,
    reset() {
      calls.length = 0;
      messages.length = 0;
      cases.length = 0;
      caseNumbers.clear();
    },
  };
}

export type RecordingPorts = ReturnType<typeof createRecordingPorts>;

/**
 * A recording outbox alone, for tests of features that only enqueue (cases, summaries, forms):
 * `messages` has the accepted messages, one per key, as the outbox would take them.
 */
export function createRecordingOutbox() {
  const messages: OutboundMessage[] = [];
  const keys = new Set<string>();
  const enqueue: EnqueueMessage = async (_tx, message) => {
    if (keys.has(message.key)) return { enqueued: false };
    keys.add(message.key);
    messages.push(message);
    return { enqueued: true };
  };
  return { enqueue, messages, keys };
}
