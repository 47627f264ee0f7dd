import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { PLAYGROUND_USERS } from "../../../src/demo/demo-region.js";
import { findFreePort } from "../../support/free-port.js";

export const root = path.resolve(import.meta.dirname, "..", "..", "..");
export const resultsDir = path.join(root, "test-results");

/** The playground's built-in users, keyed as in src/demo/demo-region.ts (each has roles in the demo region). */
export type PlaygroundUserKey = keyof typeof PLAYGROUND_USERS;

/** Someone the directory does not know: the playground can sign in as any person. */
export type UnknownPerson = { naam: string; email: string; aadObjectId: string };

export type StackOptions = {
  /** Who sits at the keyboard in the playground. Default "alex" (projectteam, beheerder, decaan). */
  user?: PlaygroundUserKey | UnknownPerson;
  /** Extra environment for the bot (and for `stack.cli`), e.g. feature flags or a fixed clock. */
  env?: Record<string, string>;
};

/** The names under which the playground lists its conversations. */
export type ConversationName = "Personal Chat" | "Group Chat" | "General" | "Announcements";

/** The mock Teams tenant the playground simulates, written to its config file. */
export type PlaygroundWorld = {
  botId: string;
  botName: string;
  currentUser: { id: string; name: string; aadObjectId: string; email: string };
  teamName: string;
  conversationIds: Record<ConversationName, string>;
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

const PLAYGROUND_USER_IDS: Record<PlaygroundUserKey, string> = {
  alex: "user-id-0",
  megan: "user-id-1",
  adele: "user-id-2",
  isaiah: "user-id-3",
  patti: "user-id-4",
  lynne: "user-id-5",
};

function toPlaygroundUser(id: string, person: { naam: string; email: string; aadObjectId: string }) {
  const [givenName, ...rest] = person.naam.split(" ");
  return { id, name: person.naam, userPrincipleName: person.email, aadObjectId: person.aadObjectId, givenName, surname: rest.join(" "), email: person.email };
}

/**
 * The playground's config file (M365_AGENTS_PLAYGROUND_CONFIG_PATH): its default tenant with the
 * chosen person as the signed-in user, fixed conversation ids (so `sendAsBot` and the CLI can
 * address them) and the bot named as users know it.
 */
export function buildPlaygroundConfig(user: PlaygroundUserKey | UnknownPerson): { yaml: string; world: PlaygroundWorld } {
  const all = Object.entries(PLAYGROUND_USERS).map(([key, person]) => toPlaygroundUser(PLAYGROUND_USER_IDS[key as PlaygroundUserKey], person));
  const current = typeof user === "string" ? all.find((u) => u.id === PLAYGROUND_USER_IDS[user])! : toPlaygroundUser("user-id-unknown", user);
  // The playground accepts at most five other users; an unknown person takes the last one's place.
  const others = all.filter((u) => u.id !== current.id).slice(0, 5);
  const world: PlaygroundWorld = {
    botId: "00000000-0000-0000-0000-00000000000011",
    botName: "Aanjager",
    currentUser: { id: current.id, name: current.name, aadObjectId: current.aadObjectId, email: current.email },
    teamName: "VSV Zuid-Limburg",
    conversationIds: {
      "Personal Chat": "e2e-personal-chat",
      "Group Chat": "e2e-group-chat",
      // The playground gives the General channel the team's id, as Teams does.
      General: "e2e-team",
      Announcements: "e2e-channel-announcements",
    },
  };
  const config = {
    version: "0.1.1",
    tenantId: "00000000-0000-0000-0000-0000000000001",
    bot: { id: world.botId, name: world.botName },
    currentUser: current,
    users: others,
    personalChat: { id: world.conversationIds["Personal Chat"] },
    groupChat: { id: world.conversationIds["Group Chat"], name: "Group Chat" },
    team: {
      id: world.conversationIds.General,
      name: world.teamName,
      aadGroupId: "00000000-0000-0000-0000-000000000031",
      channels: [{ id: world.conversationIds.Announcements, name: "Announcements" }],
    },
  };
  return { yaml: YAML.stringify(config), world };
}

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
