/**
 * The escalation job of Thursday 18 March 2027 08:35 (just after the office opens), run through
 * the job runner on the generated region (2,000 cases, a few hundred due: new ones at L0, older
 * ones at L1-L3) and on the doubled region, three times each on a fresh copy, with the real
 * outbox. Goal: at most 1 s on the region, and per doubling at most 1.1x per case it escalates.
 * Prints one JSON line.
 */
import { atLocal, benchDailyJob, REGION_DAY } from "./generated-region.js";

await benchDailyJob({
  benchmark: "escalations",
  job: "escalations",
  at: atLocal(REGION_DAY, "08:35"),
  goalMs: 1000,
  itemsOf: (result) => Number(result.due ?? 0),
});
