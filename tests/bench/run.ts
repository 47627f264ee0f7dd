/**
 * `npm run bench`: runs every benchmark in tests/bench/ in its own process (so memory figures
 * are not mixed) and prints one JSON document with all results. BENCH_QUICK=1 runs small sizes (CI).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

const dir = import.meta.dirname;
const only = process.argv.slice(2);
const files = fs
  .readdirSync(dir)
  // generated-region.ts builds the region the job benchmarks run on; it is not a benchmark.
  .filter((f) => f.endsWith(".ts") && f !== "run.ts" && f !== "generated-region.ts" && !f.endsWith(".d.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
  .sort();

const results: Record<string, unknown> = {};
let failed = false;
for (const file of files) {
  const run = spawnSync(process.execPath, ["--import", "tsx", path.join(dir, file)], { encoding: "utf8", env: process.env, maxBuffer: 64 * 1024 * 1024 });
  const lines = run.stdout.trim().split("\n").filter((l) => l.startsWith("{"));
  const name = file.replace(/\.ts$/, "");
  if (run.status !== 0) failed = true;
  if (lines.length === 0) results[name] = { error: `exit ${run.status}`, stderr: run.stderr.slice(-2000) };
  // A benchmark that missed its goal exits 1 and still reports its figures.
  else results[name] = { ...(JSON.parse(lines[lines.length - 1]!) as object), ...(run.status !== 0 ? { exit: run.status } : {}) };
}
console.log(JSON.stringify({ quick: Boolean(process.env.BENCH_QUICK), results }, null, 2));
process.exitCode = failed ? 1 : 0;
