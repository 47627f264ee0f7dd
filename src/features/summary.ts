import { weeklySummaryJob } from "../jobs/weekly-summary.js";
import { exportSamenvattingCommand } from "../teams/commands/export-samenvatting.js";
import { koppelStuurgroepCommand } from "../teams/commands/koppel-stuurgroep.js";
import { samenvattingCommand } from "../teams/commands/samenvatting.js";
import type { Feature } from "./feature.js";

/** The weekly KPI summary for the stuurgroep channel, on demand and as a download. */
export const summaryFeature: Feature = {
  name: "samenvatting",
  commands: [samenvattingCommand, exportSamenvattingCommand, koppelStuurgroepCommand],
  jobs: [weeklySummaryJob],
};
