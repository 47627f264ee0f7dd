/**
 * Start-up time (process start until /readyz answers 200, migrations included) and resident
 * memory of the idle bot, for both ways it runs: compiled (`npm run serve`: `npm run build`, then
 * exactly the command of package.json, its environment settings included) and TypeScript through
 * tsx (the loader of `npm start` and the CLI; no goal, a developer's machine).
 *
 * The compiled bot is measured on a first start (a fresh database: migrations, demo data) and on a
 * restart of the same database (nothing pending), each idle 3 s and 30 s after it was ready, and
 * resident memory is split into anonymous (heap, code, malloc) and file-backed (the node binary
 * and libraries, shared with every other node process). Goal: idle (30 s) below 150 MB resident
 * (issue 22). min / median / max of 3 runs (1 with BENCH_QUICK, idle 3 s only, no goal). Prints one JSON line.
 */
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../src/dev/free-port.js";
import { spreadOf } from "./generated-region.js";

const root = path.resolve(import.meta.dirname, "..", "..");
const quick = Boolean(process.env.BENCH_QUICK);
const runs = quick ? 1 : 3;
const IDLE_SECONDS = quick ? [3] : [3, 30];
const GOAL_RSS_MB = 150;
// Idle is after the start's one-off work has been collected: V8's memory reducer runs a few
// seconds after allocation stops. The 3 s reading still holds that garbage and is reported beside it.
const GOAL_AFTER_SECONDS = 30;

type Memory = { rss: number; anon: number; file: number };

function readMemory(pid: number): Memory {
  const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
  const mb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+) kB`).exec(status)?.[1] ?? 0) / 1024;
  return { rss: mb("VmRSS"), anon: mb("RssAnon"), file: mb("RssFile") };
}

/** `npm run serve`'s command, split into its environment settings and node's arguments. */
function parseServeCommand(command: string): { env: Record<string, string>; args: string[] } {
  const words = command.trim().split(/\s+/);
  const env: Record<string, string> = {};
  while (words[0] && /^[A-Z_][A-Z0-9_]*=/.test(words[0])) {
    const [key, ...value] = words.shift()!.split("=");
    env[key!] = value.join("=");
  }
  if (words.shift() !== "node") throw new Error(`npm run serve is not a node command: ${command}`);
  return { env, args: words };
}

const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { scripts: Record<string, string> };
const serve = parseServeCommand(pkg.scripts.serve!);

type Sample = { readyMs: number; idle: Record<number, Memory> };

async function measureOnce(args: readonly string[], env: Record<string, string>, databasePath: string, idleSeconds: readonly number[]): Promise<Sample> {
  const port = await findFreePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...args], {
    cwd: root,
    env: { ...process.env, ...env, BOT_MODE: "local", PORT: String(port), HOST: "127.0.0.1", DATABASE_PATH: databasePath, LOG_LEVEL: "warn" },
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
  if (readyMs === 0) throw new Error(`the bot was not ready within 60 s:\n${stderr}`);
  const readyAt = performance.now();
  const idle: Record<number, Memory> = {};
  for (const seconds of idleSeconds) {
    await new Promise((r) => setTimeout(r, Math.max(0, readyAt + seconds * 1000 - performance.now())));
    if (exited !== undefined) throw new Error(`the bot exited with ${exited} while idle:\n${stderr}`);
    idle[seconds] = readMemory(child.pid!);
  }
  const gone = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await gone;
  return { readyMs, idle };
}

const freshDatabase = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-bench-startup-")), "a.db");
const round1 = (n: number) => Math.round(n * 10) / 10;

function describe(samples: Sample[], withGoal: boolean) {
  const idle: Record<string, unknown> = {};
  for (const seconds of Object.keys(samples[0]!.idle).map(Number)) {
    const rss = spreadOf(samples.map((s) => s.idle[seconds]!.rss));
    idle[`${seconds}s`] = {
      rssMb: withGoal && seconds === GOAL_AFTER_SECONDS ? { ...rss, goal: `< ${GOAL_RSS_MB}`, met: rss.median < GOAL_RSS_MB } : rss,
      anonMb: spreadOf(samples.map((s) => s.idle[seconds]!.anon)),
      fileMb: spreadOf(samples.map((s) => s.idle[seconds]!.file)),
    };
  }
  return { readyMs: spreadOf(samples.map((s) => Math.round(s.readyMs))), idle };
}

execFileSync("npm", ["run", "--silent", "build"], { cwd: root, stdio: "ignore" });
const first: Sample[] = [];
const restart: Sample[] = [];
const tsxFirst: Sample[] = [];
for (let i = 0; i < runs; i++) {
  const databasePath = freshDatabase();
  first.push(await measureOnce(serve.args, serve.env, databasePath, IDLE_SECONDS));
  restart.push(await measureOnce(serve.args, serve.env, databasePath, IDLE_SECONDS));
  fs.rmSync(path.dirname(databasePath), { recursive: true, force: true });
  const tsxDatabase = freshDatabase();
  tsxFirst.push(await measureOnce(["--import", "tsx", "src/main.ts"], {}, tsxDatabase, [3]));
  fs.rmSync(path.dirname(tsxDatabase), { recursive: true, force: true });
}
const compiledFirst = describe(first, true);
const compiledRestart = describe(restart, true);
const met = [compiledFirst, compiledRestart].every((c) => Object.values(c.idle).every((i) => (i as { rssMb: { met?: boolean } }).rssMb.met !== false));
console.log(
  JSON.stringify({
    benchmark: "startup",
    quick,
    runs,
    cpus: os.cpus().length,
    loadAverage: os.loadavg().map(round1),
    compiled: { command: pkg.scripts.serve, firstStart: compiledFirst, restart: compiledRestart },
    tsx: { command: "node --import tsx src/main.ts", firstStart: describe(tsxFirst, false) },
    goalsMet: met,
  }),
);
// The full run is the measurement and fails on a missed goal; the quick one (CI) only reports.
process.exitCode = met || quick ? 0 : 1;
