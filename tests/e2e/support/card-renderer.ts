import fs from "node:fs";
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

/** How Teams shows a card: one of its host configs (tests/fixtures/teams-host-config/) at one card width. */
export type CardView = { theme: "light" | "dark"; width: number };

/** What a reader cannot read in a rendered card (see `inspectInPage`). */
export type ReadabilityReport = {
  /** Text below 4.5:1 against what is behind it (WCAG AA for normal text). */
  lowContrast: { text: string; ratio: number; color: string; background: string }[];
  /** Action titles the button cuts off with an ellipsis. */
  cutActionTitles: string[];
  /** Words a table cell breaks over two lines ("Versc/hil"). */
  brokenTableWords: string[];
};

export const MIN_CONTRAST = 4.5;
const hostConfigDir = path.join(root, "tests", "fixtures", "teams-host-config");

function readHostConfig(theme: CardView["theme"]): { config: unknown; background: string } {
  const config = JSON.parse(fs.readFileSync(path.join(hostConfigDir, `${theme}.json`), "utf8")) as { containerStyles: { default: { backgroundColor: string } } };
  return { config, background: toCssColor(config.containerStyles.default.backgroundColor) };
}

/** Host configs write "#AARRGGBB" (as the renderer reads them); CSS wants "#RRGGBBAA". */
function toCssColor(hex: string): string {
  return hex.length === 9 ? `#${hex.slice(3)}${hex.slice(1, 3)}` : hex;
}

/**
 * Runs in the page, on the card just rendered: contrast of every piece of text against the
 * composited backgrounds behind it (alpha colours of the host config blended), action titles
 * cut off by their button, and words broken inside table cells.
 */
function inspectInPage(minContrast: number): ReadabilityReport {
  const w = globalThis as any;
  const doc = w.document;
  const host = doc.getElementById("host");
  type Rgba = [number, number, number, number];
  const parse = (css: string): Rgba => {
    const parts = /rgba?\(([^)]+)\)/.exec(css)?.[1]?.split(/[\s,/]+/).filter(Boolean).map(Number) ?? [0, 0, 0, 0];
    return [parts[0]!, parts[1]!, parts[2]!, parts[3] ?? 1];
  };
  const blend = (top: Rgba, below: Rgba): Rgba => [0, 1, 2].map((i) => top[i]! * top[3] + below[i]! * (1 - top[3])).concat(1) as Rgba;
  const backgroundOf = (element: any): Rgba => {
    const chain: any[] = [];
    for (let node = element; node; node = node.parentElement) chain.push(node);
    let background: Rgba = [255, 255, 255, 1];
    for (const node of chain.reverse()) {
      const colour = parse(w.getComputedStyle(node).backgroundColor);
      if (colour[3] > 0) background = blend(colour, background);
    }
    return background;
  };
  const luminance = (c: Rgba) => {
    const channel = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * channel(c[0]) + 0.7152 * channel(c[1]) + 0.0722 * channel(c[2]);
  };
  const contrast = (a: Rgba, b: Rgba) => {
    const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
    return (high + 0.05) / (low + 0.05);
  };
  const hex = (c: Rgba) => `#${c.slice(0, 3).map((v) => Math.round(v).toString(16).padStart(2, "0")).join("")}`;

  const report: ReadabilityReport = { lowContrast: [], cutActionTitles: [], brokenTableWords: [] };
  const walker = doc.createTreeWalker(host, 4 /* NodeFilter.SHOW_TEXT */);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim();
    const element = node.parentElement;
    // Buttons and inputs are styled by Teams itself; aria-hidden text is the host's decoration (the
    // "*" of a required input, in the host config's colour), not card text.
    if (!text || !element || element.closest("button, [role=button], input, textarea, select, [aria-hidden=true]")) continue;
    const style = w.getComputedStyle(element);
    if (style.visibility === "hidden" || style.display === "none" || element.getClientRects().length === 0) continue;
    const background = backgroundOf(element);
    const foreground = blend(parse(style.color), background);
    const ratio = contrast(foreground, background);
    if (ratio < minContrast) report.lowContrast.push({ text: text.slice(0, 60), ratio: Math.round(ratio * 100) / 100, color: hex(foreground), background: hex(background) });

    if (element.closest("[role=cell], [role=columnheader]")) {
      // A word (or a part of a compound around "-" or "/", where a break is fine) on two lines.
      for (const match of node.textContent.matchAll(/[^\s\-/]+/g)) {
        const range = doc.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set([...range.getClientRects()].map((r: any) => Math.round(r.top)));
        if (tops.size > 1) report.brokenTableWords.push(match[0]);
      }
    }
  }
  for (const button of host.querySelectorAll(".ac-pushButton")) {
    const title = button.querySelector("div") ?? button;
    if (title.scrollWidth > title.clientWidth + 1) report.cutActionTitles.push(title.textContent.trim());
  }
  return report;
}

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
function renderInPage({ card, hostConfig }: { card: unknown; hostConfig: unknown }): RenderEvent[] {
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
  if (hostConfig) adaptiveCard.hostConfig = new AC.HostConfig(hostConfig);
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
  private constructor(
    private readonly page: Page,
    private readonly hostConfig: unknown,
  ) {}

  /**
   * A blank page with the renderer. Without a view: the renderer's default host config in a card
   * 520 px wide (the width of a card in a Teams chat on a laptop); with one: Teams' own host config
   * of that theme, its background, at that width.
   */
  static async open(browser: Browser, view?: CardView): Promise<CardRenderer> {
    const context = await newLocalContext(browser);
    const page = await context.newPage();
    const teams = view ? readHostConfig(view.theme) : null;
    const hostStyle = view ? `width:${view.width}px;background:${teams!.background}` : "width:520px;padding:12px;background:#fff";
    await page.setContent(`<!doctype html><html><head><style>#host p{margin:0} #host ul{margin:0;padding-left:20px}</style></head><body style="margin:0;background:#f5f5f5;font-family:'Segoe UI',sans-serif"><div id="host" style="${hostStyle}"></div></body></html>`);
    await page.addStyleTag({ path: path.join(bundleDir, "adaptivecards.css") });
    await page.addScriptTag({ path: path.join(bundleDir, "adaptivecards.min.js") });
    return new CardRenderer(page, teams?.config ?? null);
  }

  /** Renders one card and reports what a reader of this view cannot read (contrast, cut titles, broken words). */
  async inspect(card: unknown, pngPath?: string): Promise<ReadabilityReport & RenderReport> {
    const render = await this.check(card, pngPath);
    return { ...render, ...(await this.page.evaluate(inspectInPage, MIN_CONTRAST)) };
  }

  /** Parses, validates and renders one card; saves a PNG of it when `pngPath` is given. */
  async check(card: unknown, pngPath?: string): Promise<RenderReport> {
    const events = await this.page.evaluate(renderInPage, { card, hostConfig: this.hostConfig });
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
