import { openOrUpdateCase } from "./cases/index.js";
import type { OpenCase } from "./ports.js";

/** The OpenCase port (src/services/ports.ts) on top of the escalation service. */
export function createOpenCase(): OpenCase {
  return async (tx, input, now) => {
    const { case: record, created } = await openOrUpdateCase(tx, input, now);
    return { caseId: record.id, caseNumber: record.id, created };
  };
}
