/**
 * A dispatcher in a process of its own, for the crash test and the benchmarks: runs the
 * server's dispatcher loop (configured by the environment, like the server) until the outbox
 * has nothing pending or sending, then prints its totals as one JSON line and exits.
 * With DRILL_JOB_SLOTS=n it first claims the job slots drill:0 .. drill:n-1, as every instance's
 * scheduler would claim the same slot (the multi-instance drill counts that each ran once).
 * Usage: DATABASE_PATH=... node --import tsx tests/support/dispatcher-process.ts
 */
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { claimJobRun, finishJobRun } from "../../src/db/job-runs.js";
import { countOutstandingOutboxRows } from "../../src/db/outbox.js";
import { createLogger } from "../../src/logger.js";

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel, process.stderr as never);
const ctx = await createCliContext({ config, logger });
const delivery = ctx.jobDeps.delivery;
const started = performance.now();
let jobSlotsWon = 0;
const slots = Number(process.env.DRILL_JOB_SLOTS ?? 0);
if (slots > 0) {
  const slot = new Date("2027-03-01T06:00:00Z");
  const won = await Promise.all(
    Array.from({ length: slots }, async (_, i) => {
      const id = await claimJobRun(ctx.db, { key: `drill:${i}`, job: "drill", slot, trigger: "schedule", at: new Date() });
      if (id !== null) await finishJobRun(ctx.db, id, { status: "succeeded", result: { pid: process.pid }, at: new Date() });
      return id !== null;
    }),
  );
  jobSlotsWon = won.filter(Boolean).length;
}
delivery.start();
for (;;) {
  const outstanding = await countOutstandingOutboxRows(ctx.db);
  if (outstanding.pending === 0 && outstanding.sending === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await delivery.stop();
console.log(JSON.stringify({ ...delivery.metrics(), jobSlotsWon, wallMs: Math.round(performance.now() - started), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
await ctx.close();
