import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { launchBrowser } from "./browser.js";
import { PlaygroundUser, type OpenOptions } from "./playground-user.js";
import { resultsDir, startStack, type Stack, type StackOptions } from "./stack.js";

export type ScenarioOptions = StackOptions & OpenOptions;

export type Scenario = {
  readonly stack: Stack;
  readonly user: PlaygroundUser;
  /** test-results/<name>/ */
  readonly dir: string;
};

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
}

/**
 * One scenario = one test file = one fresh `npm start` (own database, ports, playground config)
 * with one person at the keyboard. Call at the top of a test file; the tests in the file share
 * the stack and the page, in order, like one person's session.
 *
 * On a failed test (or a stack that does not come up) the window, the playground log and the
 * `npm start` output are saved in test-results/<name>/ next to the step pictures.
 */
export function useScenario(name: string, options: ScenarioOptions = {}): Scenario {
  const dir = path.join(resultsDir, name);
  let stack: Stack | undefined;
  let browser: Browser | undefined;
  let user: PlaygroundUser | undefined;

  async function saveFailure(label: string): Promise<void> {
    fs.mkdirSync(dir, { recursive: true });
    await user?.page.screenshot({ path: path.join(dir, `failure-${slug(label)}.png`) }).catch(() => undefined);
    stack?.saveLogs(dir);
    if (user) fs.writeFileSync(path.join(dir, "playground-log-panel.jsonl"), user.activityLog.join("\n"));
  }

  beforeAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      stack = await startStack(options);
      browser = await launchBrowser();
      user = await PlaygroundUser.open(browser, stack, name, options);
    } catch (error) {
      await saveFailure("setup");
      if (!stack) {
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "npm-start-output.log"), String((error as Error).message));
      }
      throw error;
    }
  });

  beforeEach(({ task, onTestFailed }) => {
    onTestFailed(() => saveFailure(task.name));
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  return {
    dir,
    get stack() {
      if (!stack) throw new Error("the scenario's stack is not running (did beforeAll fail?)");
      return stack;
    },
    get user() {
      if (!user) throw new Error("the scenario's playground page is not open (did beforeAll fail?)");
      return user;
    },
  };
}
