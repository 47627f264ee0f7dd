import { pruneClosedCases, pruneSettledOutboxRows } from "../db/retention.js";
import { withMaintenanceWindow } from "../db/maintenance.js";
import { findRetentionCutoff } from "../domain/retention.js";
import type { JobDefinition } from "./types.js";

/**
 * AVG retention: closed cases and their audit events older than the configured number of school
 * years are deleted, and so are sent messages (outbox rows) last touched before then. Open cases
 * keep their whole history; measurements, progress snapshots and summaries are aggregates and stay.
 */
export const retentionJob: JobDefinition = {
  name: "retention",
  description: "Verwijdert gesloten zaken met hun geschiedenis en verstuurde berichten ouder dan de bewaartermijn (standaard 2 schooljaren).",
  schedule: { kind: "daily", time: "03:30" },
  catchUp: true,
  async run(deps, now) {
    const cutoff = findRetentionCutoff(now, deps.config.retentionSchoolYears);
    const pruned = await withMaintenanceWindow(deps.db, "retention", now, async (tx) => ({ ...(await pruneClosedCases(tx, cutoff)), messages: await pruneSettledOutboxRows(tx, cutoff) }));
    return { cutoff: cutoff.toISOString(), prunedCases: pruned.cases, prunedCaseEvents: pruned.events, prunedOutboxMessages: pruned.messages };
  },
};
