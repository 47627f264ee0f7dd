/**
 * Start-up time (process start until /readyz answers 200, migrations included) and resident
 * memory of the idle bot, measured on a fresh database, for both ways it runs: compiled
 * (`npm run serve`: `npm run build`, then node on dist/app with the flags of package.json) and
 * TypeScript through tsx (the loader of `npm start` and the CLI). Prints one JSON line.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../src/dev/free-port.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const runs = process.env.BENCH_QUICK ? 1 : 3;

function readRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
// The node command of `npm run serve` (after `npm run build`, below): measured exactly as production runs it.
const serveArgs = pkg.scripts.serve!.replace(/^node /, "").split(" ");
const MODES = { compiled: serveArgs, tsx: ["--import", "tsx", "src/main.ts"] } as const;

async function measureOnce(args: readonly string[]) {
  const port = await findFreePort();
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-startup-")), "a.db");
  const started = performance.now();
  const child = spawn(process.execPath, [...args], {
    cwd: root,
    env: { ...process.env, BOT_MODE: "local", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: db, LOG_LEVEL: "warn" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  let exited: number | null | undefined;
  child.once("exit", (code) => (exited = code));
  let readyMs = 0;
  while (performance.now() - started < 60_000) {
    if (exited !== undefined) throw new Error(`the bot exited with ${exited} before it was ready:\n${stderr}`);
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200).catch(() => false);
    if (ok) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // Idle: give the runtime a moment to settle, then read resident memory.
  await new Promise((r) => setTimeout(r, 3000));
  if (exited !== undefined) throw new Error(`the bot exited with ${exited} while idle:\n${stderr}`);
  const rssMb = readRssMb(child.pid!);
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await gone;
  return { readyMs, rssMb };
}

execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const results: Record<string, unknown> = {};
for (const [mode, args] of Object.entries(MODES)) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(await measureOnce(args));
  results[mode] = {
    command: `node ${args.join(" ")}`,
    startupToReadyMsMedian: Math.round(median(samples.map((s) => s.readyMs))),
    idleRssMbMedian: Math.round(median(samples.map((s) => s.rssMb)) * 10) / 10,
    samples: samples.map((s) => ({ readyMs: Math.round(s.readyMs), rssMb: Math.round(s.rssMb * 10) / 10 })),
  };
}
console.log(JSON.stringify({ benchmark: "startup", runs, ...results }));
