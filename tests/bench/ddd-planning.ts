/**
 * The DDD reminder job of Thursday 18 March 2027 08:15 (step w2: every decaan and mentor group of
 * the campaign), run through the job runner on the generated region and on the doubled region
 * (tests/bench/generated-region.ts), three times each on a fresh copy, with the real outbox and
 * case service. Goal: at most 1 s on the region, and per doubling at most 1.1x per item sent.
 * Prints one JSON line.
 */
import { atLocal, benchDailyJob, REGION_DAY } from "./generated-region.js";

await benchDailyJob({
  benchmark: "ddd-planning",
  job: "ddd-reminders",
  at: atLocal(REGION_DAY, "08:15"),
  goalMs: 1000,
  itemsOf: (result) => Number(result.planned ?? 0),
});
