import { DateTime } from "luxon";
import { deleteExpiredDownloads } from "../db/downloads.js";
import { deleteJobRunsBefore } from "../db/job-runs.js";
import type { JobDefinition } from "./types.js";

/** Job history older than this is pruned: the slot keys that matter are all recent. */
const JOB_RUN_RETENTION_DAYS = 90;

export const housekeepingJob: JobDefinition = {
  name: "housekeeping",
  description: "Ruimt oude job-historie op (ouder dan 90 dagen) en verlopen downloadbestanden.",
  schedule: { kind: "daily", time: "03:15" },
  catchUp: true,
  async run(deps, now) {
    const before = DateTime.fromJSDate(now).minus({ days: JOB_RUN_RETENTION_DAYS }).toJSDate();
    const prunedJobRuns = await deleteJobRunsBefore(deps.db, before);
    const prunedDownloads = await deleteExpiredDownloads(deps.db, now);
    return { prunedJobRuns, prunedDownloads };
  },
};
