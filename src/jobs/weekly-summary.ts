import { renderSummaryView } from "../cards/summary-card.js";
import { runWeeklySummary, summaryDepsOf } from "../services/summary/weekly-summary.js";
import type { JobDefinition } from "./types.js";

/**
 * The weekly KPI summary in the stuurgroep channel. It runs every day at the summary time
 * (SUMMARY_TIME, default 08:30) and the domain decides whether this week's summary is due: on
 * the summary weekday (SUMMARY_WEEKDAY, default Monday), or on the next working day when that
 * day is a holiday (Tweede Paasdag: Tuesday). Missed slots are caught up at start-up, so a bot
 * that was down on Monday posts when it comes back, marked "later verstuurd". Idempotent: the
 * summary row is unique per week and posting is claimed on it.
 */
export const weeklySummaryJob: JobDefinition = {
  name: "weekly-summary",
  description: "Plaatst de wekelijkse KPI-samenvatting in het stuurgroepkanaal (maandag 08:30, bij een feestdag de eerstvolgende werkdag).",
  schedule: { kind: "daily", time: "08:30" },
  configureSchedule: (config) => ({ kind: "daily", time: config.summary.time }),
  catchUp: true,
  async run(deps, now) {
    const result = await runWeeklySummary(
      deps.db,
      { ...summaryDepsOf(deps), enqueue: deps.enqueue, renderCards: renderSummaryView },
      now,
    );
    return { ...result };
  },
};
