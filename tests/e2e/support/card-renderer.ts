import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { newLocalContext } from "./browser.js";
import { root } from "./stack.js";

/** Teams' limit for a message with a card: the card must stay well under it. */
export const MAX_CARD_BYTES = 28 * 1024;

const bundleDir = path.join(root, "node_modules", "adaptivecards", "dist");

export type RenderEvent = { phase: string; event: string; message: string };

export type RenderReport = {
  /** Parse and validation events of the official renderer that are problems (see `checkCard`). */
  problems: RenderEvent[];
  /** Teams-only element/action types the renderer does not know, each with a `fallback` in the card: fine. */
  fallbacksUsed: string[];
};

/** Types that appear in the card JSON with a `fallback` on every occurrence. */
function typesWithFallback(card: unknown): Set<string> {
  const withFallback = new Set<string>();
  const without = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== "object") return;
    const object = node as Record<string, unknown>;
    if (typeof object.type === "string") (object.fallback !== undefined ? withFallback : without).add(object.type);
    Object.values(object).forEach(visit);
  };
  visit(card);
  return new Set([...withFallback].filter((t) => !without.has(t)));
}

/**
 * Runs in the page: parse with a SerializationContext (collecting its parse events), validate
 * with `validateProperties()`, render into #host. Markdown is rendered with the subset Teams
 * supports (bold, italic, links, lists), so the pictures read like Teams.
 */
function renderInPage(card: unknown): RenderEvent[] {
  const w = globalThis as any;
  const AC = w.AdaptiveCards;
  AC.AdaptiveCard.onProcessMarkdown = (text: string, result: any) => {
    const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    const inline = (s: string) =>
      escape(s)
        .replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>")
        .replace(/(^|\W)_(.+?)_(?=\W|$)/g, "$1<em>$2</em>")
        .replace(/\[([^\]]+)\]\((https?:[^)\s]+)\)/g, '<a href="$2">$1</a>');
    const lines = text.split("\n");
    const html: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (list.length) html.push(`<ul>${list.map((l) => `<li>${l}</li>`).join("")}</ul>`);
      list = [];
    };
    for (const line of lines) {
      const item = /^\s*[-*]\s+(.*)$/.exec(line);
      if (item) list.push(inline(item[1]!));
      else {
        flush();
        if (line.trim()) html.push(`<p>${inline(line)}</p>`);
      }
    }
    flush();
    result.outputHtml = html.join("");
    result.didProcess = true;
  };
  const events: RenderEvent[] = [];
  const describe = (e: any) => ({ phase: AC.ValidationPhase[e.phase] ?? String(e.phase), event: AC.ValidationEvent[e.event] ?? String(e.event), message: e.message });
  const adaptiveCard = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  adaptiveCard.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) events.push(describe(context.getEventAt(i)));
  for (const e of adaptiveCard.validateProperties().validationEvents) events.push(describe(e));
  const element = adaptiveCard.render();
  const host = w.document.getElementById("host");
  host.replaceChildren();
  if (!element) events.push({ phase: "Render", event: "RenderFailed", message: "render() returned nothing" });
  else host.appendChild(element);
  return events;
}

/** The official Adaptive Cards JavaScript renderer (npm `adaptivecards`) loaded into a blank page. */
export class CardRenderer {
  private constructor(private readonly page: Page) {}

  static async open(browser: Browser): Promise<CardRenderer> {
    const context = await newLocalContext(browser);
    const page = await context.newPage();
    // The width of a card in a Teams chat on a laptop.
    await page.setContent('<!doctype html><html><head><style>#host p{margin:0} #host ul{margin:0;padding-left:20px}</style></head><body style="margin:0;background:#f5f5f5;font-family:\'Segoe UI\',sans-serif"><div id="host" style="width:520px;padding:12px;background:#fff"></div></body></html>');
    await page.addStyleTag({ path: path.join(bundleDir, "adaptivecards.css") });
    await page.addScriptTag({ path: path.join(bundleDir, "adaptivecards.min.js") });
    return new CardRenderer(page);
  }

  /** Parses, validates and renders one card; saves a PNG of it when `pngPath` is given. */
  async check(card: unknown, pngPath?: string): Promise<RenderReport> {
    const events = await this.page.evaluate(renderInPage, card);
    const tolerated = typesWithFallback(card);
    const problems: RenderEvent[] = [];
    const fallbacksUsed: string[] = [];
    for (const event of events) {
      const type = /type "([^"]+)"/.exec(event.message)?.[1];
      if ((event.event === "UnknownElementType" || event.event === "UnknownActionType") && type && tolerated.has(type)) fallbacksUsed.push(type);
      else problems.push(event);
    }
    if (pngPath) await this.page.locator("#host").screenshot({ path: pngPath });
    return { problems, fallbacksUsed };
  }

  async close(): Promise<void> {
    await this.page.context().close();
  }
}
