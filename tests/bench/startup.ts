/**
 * Start-up time (process start until /readyz answers 200, migrations included) and resident
 * memory of the idle bot, measured on a fresh database. Prints one JSON line.
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..", "..");
const runs = process.env.BENCH_QUICK ? 1 : 3;

function readRssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
}

async function measureOnce(port: number) {
  const db = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-startup-")), "a.db");
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: db, LOG_LEVEL: "warn" },
    stdio: "ignore",
  });
  let readyMs = 0;
  while (performance.now() - started < 60_000) {
    const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then((r) => r.status === 200).catch(() => false);
    if (ok) {
      readyMs = performance.now() - started;
      break;
    }
    await new Promise((r) => setTimeout(r, 25));
  }
  // Idle: give the runtime a moment to settle, then read resident memory.
  await new Promise((r) => setTimeout(r, 3000));
  const rssMb = readRssMb(child.pid!);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  return { readyMs, rssMb };
}

const samples = [];
for (let i = 0; i < runs; i++) samples.push(await measureOnce(39_000 + i));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
console.log(
  JSON.stringify({
    benchmark: "startup",
    runs,
    startupToReadyMsMedian: Math.round(median(samples.map((s) => s.readyMs))),
    idleRssMbMedian: Math.round(median(samples.map((s) => s.rssMb)) * 10) / 10,
    samples: samples.map((s) => ({ readyMs: Math.round(s.readyMs), rssMb: Math.round(s.rssMb * 10) / 10 })),
  }),
);
