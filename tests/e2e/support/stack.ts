import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "../../../src/dev/free-port.js";

export const root = path.resolve(import.meta.dirname, "..", "..", "..");
export const resultsDir = path.join(root, "test-results");

import type { ConversationName, PlaygroundUserKey, PlaygroundWorld, UnknownPerson } from "../../../src/dev/playground-config.js";
export { buildPlaygroundConfig, type ConversationName, type PlaygroundUserKey, type PlaygroundWorld, type UnknownPerson } from "../../../src/dev/playground-config.js";
import { buildPlaygroundConfig } from "../../../src/dev/playground-config.js";

export type StackOptions = {
  /** Who sits at the keyboard in the playground. Default "alex" (projectteam, beheerder, decaan). */
  user?: PlaygroundUserKey | UnknownPerson;
  /** Extra environment for the bot (and for `stack.cli`), e.g. feature flags or a fixed clock. */
  env?: Record<string, string>;
};

export type CliResult = { code: number; stdout: string; stderr: string; json: unknown };

export type Stack = {
  botPort: number;
  playgroundUrl: string;
  databasePath: string;
  /** A temporary directory of this stack only (database, playground config and log). */
  workDir: string;
  playgroundLogFile: string;
  world: PlaygroundWorld;
  /** Everything `npm start` printed so far. */
  output: () => string;
  /** `npx aanjager <args>` against this stack's database, e.g. `cli(["run", "ddd-reminders", "--at", iso])`. */
  cli: (args: string[], options?: { env?: Record<string, string> }) => Promise<CliResult>;
  /**
   * Posts an activity into a playground conversation through its mock Bot Connector, exactly as the
   * bot's proactive sends do. For harness checks only: scenarios should let Aanjager send.
   */
  sendAsBot: (conversation: ConversationName, activity: Record<string, unknown>) => Promise<{ id: string }>;
  /** Replaces an activity in place through the mock connector, as `updateActivity` (a card refreshed for all) does. */
  updateAsBot: (conversation: ConversationName, activityId: string, activity: Record<string, unknown>) => Promise<void>;
  /** Copies the playground log and the `npm start` output into `dir` (done for every failed test). */
  saveLogs: (dir: string) => void;
  stop: () => Promise<void>;
};

/**
 * `npm start` as a user runs it (migrate, demo data, bot, Agents Playground) on a fresh
 * database and free ports; resolves when the playground answers.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const botPort = await findFreePort();
  const playgroundPort = await findFreePort();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-e2e-"));
  const databasePath = path.join(workDir, "aanjager.db");
  const playgroundLogFile = path.join(workDir, "m365agentsplayground.log");
  const configFile = path.join(workDir, ".m365agentsplayground.yml");
  const { yaml, world } = buildPlaygroundConfig(options.user ?? "alex");
  fs.writeFileSync(configFile, yaml);

  const env = {
    ...process.env,
    BOT_MODE: "local",
    PORT: String(botPort),
    PLAYGROUND_PORT: String(playgroundPort),
    DATABASE_PATH: databasePath,
    LOG_LEVEL: "warn",
    SCHEDULER_ENABLED: "false",
    M365_AGENTS_PLAYGROUND_CONFIG_PATH: configFile,
    M365_AGENTS_PLAYGROUND_LOGFILE: playgroundLogFile,
    ...options.env,
  };
  let output = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/dev/start-local.ts"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    process.kill(-child.pid!, "SIGTERM");
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, "SIGKILL");
  };

  const playgroundUrl = `http://localhost:${playgroundPort}`;
  const deadline = Date.now() + 90_000;
  try {
    // Polling, not sleeping: the loop ends as soon as the line is printed / the page answers.
    while (!output.includes("Agents Playground: http://")) {
      if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
      if (Date.now() > deadline) throw new Error(`npm start did not come up in 90 s:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // The playground serves its page a moment after the bot prints its addresses.
    while (!(await fetch(playgroundUrl).then((r) => r.ok).catch(() => false))) {
      if (output.includes("Agents Playground stopte")) throw new Error(`Agents Playground stopped:\n${output}`);
      if (Date.now() > deadline) throw new Error(`Agents Playground did not answer on ${playgroundUrl}:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  } catch (error) {
    await stop();
    const log = fs.existsSync(playgroundLogFile) ? fs.readFileSync(playgroundLogFile, "utf8").split("\n").filter((l) => /^(error|warn)/.test(l)) : [];
    if (log.length > 0) (error as Error).message += `\nplayground log (${playgroundLogFile}):\n${log.join("\n")}`;
    throw error;
  }

  async function callConnector(conversation: ConversationName, method: string, suffix: string, activity: Record<string, unknown>): Promise<Response> {
    const conversationId = world.conversationIds[conversation];
    const response = await fetch(`${playgroundUrl}/_connector/v3/conversations/${encodeURIComponent(conversationId)}/activities${suffix}`, {
      method,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ type: "message", from: { id: world.botId, name: world.botName }, conversation: { id: conversationId }, ...activity }),
    });
    if (!response.ok) throw new Error(`playground connector answered ${response.status}: ${await response.text()}`);
    return response;
  }

  return {
    botPort,
    playgroundUrl,
    databasePath,
    workDir,
    playgroundLogFile,
    world,
    output: () => output,
    cli: (args, cliOptions = {}) => runCli(args, { ...env, ...cliOptions.env }),
    async sendAsBot(conversation, activity) {
      const response = await callConnector(conversation, "POST", "", activity);
      return (await response.json()) as { id: string };
    },
    async updateAsBot(conversation, activityId, activity) {
      await callConnector(conversation, "PUT", `/${encodeURIComponent(activityId)}`, { id: activityId, ...activity });
    },
    saveLogs(dir) {
      fs.mkdirSync(dir, { recursive: true });
      if (fs.existsSync(playgroundLogFile)) fs.copyFileSync(playgroundLogFile, path.join(dir, "m365agentsplayground.log"));
      fs.writeFileSync(path.join(dir, "npm-start-output.log"), output);
    },
    stop,
  };
}

function runCli(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(root, "src", "cli", "bin.mjs"), "--json", ...args], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.once("error", reject);
    child.once("close", (code) => {
      // Commands print one JSON line; keep the last parseable one.
      let json: unknown = null;
      for (const line of stdout.trim().split("\n").reverse()) {
        try {
          json = JSON.parse(line);
          break;
        } catch {
          // not JSON: a human-readable line
        }
      }
      resolve({ code: code ?? 1, stdout, stderr, json });
    });
  });
}
