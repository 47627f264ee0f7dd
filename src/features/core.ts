import { housekeepingJob } from "../jobs/housekeeping.js";
import { retentionJob } from "../jobs/retention.js";
import { syncRostersJob } from "../jobs/sync-rosters.js";
import { helpCommand } from "../teams/commands/help.js";
import { whoAmICommand } from "../teams/commands/who-am-i.js";
import type { Feature } from "./feature.js";

/** What every person has (help, who am I) and the upkeep behind everything: rosters, retention, housekeeping. */
export const coreFeature: Feature = {
  name: "basis",
  commands: [helpCommand, whoAmICommand],
  jobs: [housekeepingJob, syncRostersJob, retentionJob],
};
