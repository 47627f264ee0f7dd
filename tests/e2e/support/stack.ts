import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";

const root = path.resolve(import.meta.dirname, "..", "..", "..");
export const resultsDir = path.join(root, "test-results");
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as net.AddressInfo).port;
      server.close(() => resolve(port));
    });
  });
}

export type Stack = {
  botPort: number;
  playgroundUrl: string;
  databasePath: string;
  output: () => string;
  stop: () => Promise<void>;
};

/**
 * `npm start` as a user runs it (migrate, demo data, bot, Agents Playground) on a fresh
 * database and free ports; resolves when it prints its addresses.
 */
export async function startStack(): Promise<Stack> {
  const botPort = await findFreePort();
  const playgroundPort = await findFreePort();
  const databasePath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-e2e-")), "aanjager.db");
  let output = "";
  const child: ChildProcess = spawn(path.join(root, "node_modules", ".bin", "tsx"), ["src/dev/start-local.ts"], {
    cwd: root,
    env: { ...process.env, PORT: String(botPort), PLAYGROUND_PORT: String(playgroundPort), DATABASE_PATH: databasePath, LOG_LEVEL: "warn", SCHEDULER_ENABLED: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  child.stdout!.on("data", (c: Buffer) => (output += c.toString()));
  child.stderr!.on("data", (c: Buffer) => (output += c.toString()));
  const deadline = Date.now() + 90_000;
  while (!output.includes("Agents Playground: http://")) {
    if (child.exitCode !== null) throw new Error(`npm start exited early (${child.exitCode}):\n${output}`);
    if (Date.now() > deadline) throw new Error(`npm start did not come up in 90 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
  const playgroundUrl = `http://localhost:${playgroundPort}`;
  // The playground serves its page a moment after the bot prints its addresses.
  while (!(await fetch(playgroundUrl).then((r) => r.ok).catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`Agents Playground did not answer on ${playgroundUrl}:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    botPort,
    playgroundUrl,
    databasePath,
    output: () => output,
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once("exit", r));
      process.kill(-child.pid!, "SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
    },
  };
}

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: run "apt-get install -y chromium" (.ci/run does this)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** A person in the playground: types into the Lexical message box and reads the chat. */
export class PlaygroundUser {
  constructor(
    readonly page: Page,
    private readonly scenario: string,
  ) {}

  static async open(browser: Browser, url: string, scenario: string): Promise<PlaygroundUser> {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(url, { waitUntil: "networkidle" });
    const user = new PlaygroundUser(page, scenario);
    await page.locator('[data-lexical-editor="true"]').waitFor({ state: "visible", timeout: 30_000 });
    return user;
  }

  async say(text: string): Promise<void> {
    await this.page.click('[data-lexical-editor="true"]');
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
  }

  /** Waits until the text appears `count` times in the chat (cards included). */
  async waitForText(text: string, count = 1, timeoutMs = 30_000): Promise<void> {
    await this.page.waitForFunction(
      ({ text, count }) => ((globalThis as any).document.body.innerText.split(text).length - 1) >= count,
      { text, count },
      { timeout: timeoutMs },
    );
  }

  async screenshot(step: string): Promise<string> {
    const file = path.join(resultsDir, this.scenario, `${step}.png`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    await this.page.screenshot({ path: file });
    return file;
  }
}
