import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { newLocalContext } from "./browser.js";
import { resultsDir, type ConversationName, type Stack } from "./stack.js";

export type OpenOptions = {
  /** Keep the playground's log panel open in the pictures (default: closed, as a user sees it). */
  logPanel?: boolean;
};

export type InvokeResult = {
  /** HTTP status of the invoke as the playground reports it. */
  status: number;
  /** The bot's invoke response (a refreshed card or a message), as the playground received it. */
  body: unknown;
  /** The action data the client sent: the button's `data` merged with the card's inputs. */
  data: Record<string, unknown>;
};

const EDITOR = '[data-lexical-editor="true"]';
const DEFAULT_TIMEOUT = 30_000;

/**
 * Runs in the page: the message pane of the open conversation, i.e. the highest ancestor of the
 * message box that holds neither the conversation list nor the log panel. Text checks look only
 * here, because the list repeats the last message and the log panel repeats every activity.
 */
function findChatPane(): any {
  const doc = (globalThis as any).document;
  const list = doc.querySelector('[role=region][aria-label="Chat and Teams Channel"]');
  let node = doc.querySelector('[data-lexical-editor="true"]');
  if (!node) return doc.body;
  while (node.parentElement && !node.parentElement.contains(list) && !/Log Panel/.test(node.parentElement.textContent ?? "")) node = node.parentElement;
  return node;
}

function countIn(haystack: string, needle: string): number {
  return haystack.split(needle).length - 1;
}

/**
 * A person in the Agents Playground: types into the message box, mentions the bot, switches
 * conversations, fills in and clicks cards, and takes a numbered picture of every step under
 * test-results/<scenario>/NN-<step>.png.
 */
export class PlaygroundUser {
  private stepNumber = 0;
  /** Every entry of the playground's log panel (its web socket), kept even while the panel is closed. */
  readonly activityLog: string[] = [];
  private readonly visited = new Set<string>();

  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
    readonly stack: Stack,
    readonly scenario: string,
  ) {}

  get dir(): string {
    return path.join(resultsDir, this.scenario);
  }

  /** Opens the playground; it installs the app in the personal chat, which greets with the help card. */
  static async open(browser: Browser, stack: Stack, scenario: string, options: OpenOptions = {}): Promise<PlaygroundUser> {
    const context = await newLocalContext(browser);
    const page = await context.newPage();
    page.setDefaultTimeout(DEFAULT_TIMEOUT);
    const user = new PlaygroundUser(page, context, stack, scenario);
    page.on("websocket", (ws) => {
      if (!ws.url().includes("/_ws/log/")) return;
      ws.on("framereceived", (frame) => user.activityLog.push(typeof frame.payload === "string" ? frame.payload : frame.payload.toString("utf8")));
    });
    const personal = stack.world.conversationIds["Personal Chat"];
    const installed = user.waitForInstallation(personal);
    await page.goto(stack.playgroundUrl, { waitUntil: "domcontentloaded" });
    await page.locator(EDITOR).first().waitFor({ state: "visible" });
    await installed;
    user.visited.add(personal);
    if (!options.logPanel) await user.closeLogPanel();
    return user;
  }

  private waitForInstallation(conversationId: string) {
    return this.page.waitForResponse((r) => r.request().method() === "POST" && r.url().endsWith(`/_debug/conversation/${encodeURIComponent(conversationId)}/installation`));
  }

  private async closeLogPanel(): Promise<void> {
    const header = this.page.getByText("Log Panel", { exact: true });
    if ((await header.count()) === 0) return;
    // The header row holds two icon buttons: clear the log, close the panel (the last one).
    await header.locator("xpath=..").getByRole("button").last().click();
    await header.waitFor({ state: "detached" });
  }

  /**
   * Switches to a conversation in the left list. The first visit installs the app there (the
   * playground sends installationUpdate + conversationUpdate); this waits for that round trip,
   * not for the bot's greeting: wait for the greeting's text if the scenario needs it.
   */
  async openConversation(name: ConversationName): Promise<void> {
    const label = name === "General" || name === "Announcements" ? `${this.stack.world.teamName} - ${name}` : name;
    // A team is installed once, whichever channel is opened first; the playground posts to the team's id.
    const installId = name === "Announcements" ? this.stack.world.conversationIds.General : this.stack.world.conversationIds[name];
    const installed = this.visited.has(installId) ? null : this.waitForInstallation(installId);
    await this.page.locator(`[role=treeitem][aria-label="${label}"]`).click();
    await installed;
    this.visited.add(installId);
    const placeholder = name === "General" || name === "Announcements" ? "Start a new post" : "Type a message...";
    await this.page.getByText(placeholder, { exact: true }).first().waitFor({ state: "visible" });
  }

  /** Types a message as a person would (the message box is a Lexical editor, not a textarea) and sends it. */
  async say(text: string): Promise<void> {
    await this.page.locator(EDITOR).first().click();
    await this.page.keyboard.type(text);
    await this.page.keyboard.press("Enter");
  }

  /**
   * `@Aanjager <text>` (or `<before> @Aanjager <text>`) in a group chat or channel, picking the bot from the mention list as a
   * person does. Without a mention Teams (and the playground) do not pass the message to the bot.
   */
  async mention(text: string, options: { before?: string } = {}): Promise<void> {
    await this.page.locator(EDITOR).first().click();
    // Words before the mention, as in "hoi @Aanjager help".
    if (options.before) await this.page.keyboard.type(`${options.before} `);
    await this.page.keyboard.type("@");
    await this.page.getByRole("menuitem").filter({ hasText: this.stack.world.botName }).first().click();
    await this.page.keyboard.type(` ${text}`);
    await this.page.keyboard.press("Enter");
  }

  /** The text of the open conversation (cards included), without the conversation list and log panel. */
  async chatText(): Promise<string> {
    return this.page.evaluate(`(${findChatPane.toString()})().innerText`) as Promise<string>;
  }

  /** Waits until `text` appears at least `count` times in the open conversation (cards included). */
  async waitForText(text: string, options: { count?: number; timeout?: number } = {}): Promise<void> {
    const count = options.count ?? 1;
    try {
      await this.page.waitForFunction(
        ({ finder, text, count }) => {
          const pane = new Function(`return (${finder})()`)();
          return pane.innerText.split(text).length - 1 >= count;
        },
        { finder: findChatPane.toString(), text, count },
        { timeout: options.timeout ?? DEFAULT_TIMEOUT },
      );
    } catch (error) {
      const seen = countIn(await this.chatText().catch(() => ""), text);
      throw new Error(`"${text}" appeared ${seen} time(s) in the conversation, expected ${count}: ${(error as Error).message.split("\n")[0]}`);
    }
  }

  /** The pane of the open conversation, for locators in scenario assertions. */
  chatPane(): Locator {
    // The same pane as findChatPane: the outermost ancestor of the message box without the list or the log panel.
    return this.page
      .locator(EDITOR)
      .first()
      .locator("xpath=ancestor::div[not(.//*[@role='region'])][not(.//*[text()='Log Panel'])][last()]");
  }

  /** The last Adaptive Card in the open conversation, optionally the last one containing `text`. */
  card(text?: string): Locator {
    const cards = this.chatPane().locator(".ac-adaptiveCard");
    return (text ? cards.filter({ hasText: text }) : cards).last();
  }

  /** The last card (optionally: containing `cardText`) that has `part` in it. */
  private lastCardWith(part: Locator, cardText?: string): Locator {
    const cards = this.chatPane().locator(".ac-adaptiveCard");
    return (cardText ? cards.filter({ hasText: cardText }) : cards).filter({ has: part }).last();
  }

  /** A card input by its label, or else its placeholder. */
  private inputByLabel(scope: Page | Locator, label: string): Locator {
    // A required input's label is rendered with a trailing "*" (isRequired), which is part of its accessible name.
    const name = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\s*\\*?\\s*$`);
    return scope.getByLabel(name).or(scope.getByPlaceholder(label, { exact: true })).first();
  }

  /**
   * Types into a card's Input.Text / Input.Number / Input.Date by its label (or placeholder).
   * Inputs need a `label`: the rendered card does not expose input ids, and Teams reads the
   * label aloud anyway. Checks that the value stuck, because a card that re-renders right after
   * it appears would silently drop it.
   */
  async fillCardInput(label: string, value: string, options: { card?: string } = {}): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const input = this.inputByLabel(this.lastCardWith(this.inputByLabel(this.page, label), options.card), label);
      await input.click();
      await input.fill(value);
      if ((await input.inputValue()) === value) return;
      if (attempt === 3) throw new Error(`card input "${label}" does not keep the value "${value}"`);
    }
  }

  /**
   * Types into a card input with the keyboard, key by key, as a person does (`fillCardInput`
   * sets the value at once, which hides what an input does to keystrokes, e.g. a number box
   * that drops a comma). Replaces what the input held. Returns what the input shows afterwards.
   */
  async typeIntoCardInput(label: string, value: string, options: { card?: string } = {}): Promise<string> {
    const input = this.inputByLabel(this.lastCardWith(this.inputByLabel(this.page, label), options.card), label);
    await input.click();
    await this.page.keyboard.press("ControlOrMeta+A");
    await this.page.keyboard.press("Delete");
    await this.page.keyboard.type(value);
    return input.inputValue();
  }

  /** Picks `choice` in a card's Input.ChoiceSet (compact drop-down or expanded radio/checkbox list). */
  async chooseCardOption(label: string, choice: string, options: { card?: string } = {}): Promise<void> {
    const card = this.lastCardWith(this.page.getByLabel(label, { exact: true }), options.card);
    const input = card.getByLabel(label, { exact: true }).first();
    if ((await input.getAttribute("role")) === "combobox") {
      await input.click();
      await this.page.getByRole("option", { name: choice, exact: true }).click();
    } else {
      await card.getByRole("radio", { name: choice, exact: true }).or(card.getByRole("checkbox", { name: choice, exact: true })).first().check();
    }
  }

  /**
   * Clicks a card button (Action.Execute) on the last card that has it (or the last one containing
   * `card`) and waits for the round trip: the playground sends an
   * `adaptiveCard/action` invoke to the bot and shows its answer (the refreshed card, or a
   * message on the card). Returns what was sent and answered, for assertions.
   */
  async clickCardButton(title: string, options: { card?: string } = {}): Promise<InvokeResult> {
    const button = this.page.getByRole("button", { name: title, exact: true });
    const card = this.lastCardWith(button, options.card);
    const invoke = this.page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/_conversation/v1/invoke"));
    await card.getByRole("button", { name: title, exact: true }).click();
    const response = await invoke;
    const sent = response.request().postDataJSON() as { value?: { action?: { data?: Record<string, unknown> } } };
    return { status: response.status(), body: await response.json().catch(() => null), data: sent.value?.action?.data ?? {} };
  }

  /** Opens an Action.ShowCard (e.g. "Sluit" with its note field): a click without an invoke. */
  async expandCardAction(title: string, options: { card?: string } = {}): Promise<void> {
    const button = this.page.getByRole("button", { name: title, exact: true });
    const card = this.lastCardWith(button, options.card);
    await card.getByRole("button", { name: title, exact: true }).click();
  }

  /** A numbered picture of the whole window: test-results/<scenario>/NN-<step>.png. */
  async step(name: string): Promise<string> {
    const file = this.nextFile(name);
    await this.page.screenshot({ path: file });
    return file;
  }

  /**
   * A numbered picture of one card only (the last one, or the last one containing `text`), for the README.
   * A card taller than the window is pictured in a window made tall enough (same width), not beyond
   * it: Chromium's capture beyond the window trips the playground's width media query, which reopens
   * the log panel; the narrower chat renders its cards anew and what the user typed is gone.
   */
  async stepCard(name: string, text?: string): Promise<string> {
    const file = this.nextFile(name);
    const card = this.card(text);
    const viewport = this.page.viewportSize();
    const box = await card.boundingBox();
    // Room for the card below the menu bar and above the message box, with some margin.
    const height = box ? Math.ceil(box.height) + 300 : 0;
    const grow = viewport !== null && height > viewport.height;
    if (grow) await this.page.setViewportSize({ width: viewport.width, height });
    try {
      await card.scrollIntoViewIfNeeded();
      await card.screenshot({ path: file });
    } finally {
      if (grow) await this.page.setViewportSize(viewport);
    }
    return file;
  }

  private nextFile(name: string): string {
    this.stepNumber += 1;
    const file = path.join(this.dir, `${String(this.stepNumber).padStart(2, "0")}-${name}.png`);
    fs.mkdirSync(this.dir, { recursive: true });
    return file;
  }

  async close(): Promise<void> {
    await this.context.close();
  }
}
