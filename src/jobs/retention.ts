import { pruneClosedCases, pruneSettledOutboxRows } from "../db/retention.js";
import { withMaintenanceWindow } from "../db/maintenance.js";
import { findRetentionCutoff } from "../domain/retention.js";
import { renderOverstapDeletionCard } from "../cards/overstap-deletion-card.js";
import { applyOverstapRetention } from "../services/pupil-references.js";
import type { JobDefinition } from "./types.js";

/**
 * AVG retention, tied to purpose. Overstap cases are pupil data: they go, open or not, with their
 * history and messages on the configured day (default 1 November) of the school year in which the
 * pupil was to start, and their owner hears it a week before. Other closed cases and their audit
 * events older than the configured number of school years are deleted, and so are sent messages
 * (outbox rows) last touched before then. Other open cases keep their whole history;
 * measurements, progress snapshots and summaries are aggregates and stay.
 */
export const retentionJob: JobDefinition = {
  name: "retention",
  description: "Verwijdert overstapzaken als hun doel voorbij is (standaard 1 november), en gesloten zaken met hun geschiedenis en verstuurde berichten ouder dan de bewaartermijn (standaard 2 schooljaren).",
  schedule: { kind: "daily", time: "03:30" },
  catchUp: true,
  async run(deps, now) {
    const cutoff = findRetentionCutoff(now, deps.config.retentionSchoolYears);
    const overstap = { enqueue: deps.enqueue, calendar: deps.calendar, deleteOn: deps.config.overstapDeleteOn, contact: deps.config.projectteamContact, renderNotice: renderOverstapDeletionCard };
    const pruned = await withMaintenanceWindow(deps.db, "retention", now, async (tx) => ({
      overstap: await applyOverstapRetention(tx, overstap, now),
      ...(await pruneClosedCases(tx, cutoff)),
      messages: await pruneSettledOutboxRows(tx, cutoff),
    }));
    return { cutoff: cutoff.toISOString(), prunedCases: pruned.cases, prunedCaseEvents: pruned.events, prunedOutboxMessages: pruned.messages, ...pruned.overstap };
  },
};
