/**
 * A dispatcher in a process of its own, for the crash test and the benchmark: runs the
 * server's dispatcher loop (configured by the environment, like the server) until the outbox
 * has nothing pending or sending, then prints its totals as one JSON line and exits.
 * Usage: DATABASE_PATH=... node --import tsx tests/support/dispatcher-process.ts
 */
import { createCliContext } from "../../src/app.js";
import { loadConfig } from "../../src/config.js";
import { countOutstandingOutboxRows } from "../../src/db/outbox.js";
import { createLogger } from "../../src/logger.js";

const config = loadConfig(process.env);
const logger = createLogger(config.logLevel, process.stderr as never);
const ctx = await createCliContext({ config, logger });
const delivery = ctx.jobDeps.delivery;
const started = performance.now();
delivery.start();
for (;;) {
  const outstanding = await countOutstandingOutboxRows(ctx.db);
  if (outstanding.pending === 0 && outstanding.sending === 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
await delivery.stop();
console.log(JSON.stringify({ ...delivery.metrics(), wallMs: Math.round(performance.now() - started), maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
await ctx.close();
