import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUnexpandedExpressions, listCardTemplates, renderCard } from "../../src/cards/render-card.js";
import { CARD_DATA_SETS } from "../support/card-data-sets.js";
import { launchBrowser } from "./support/browser.js";
import { CardRenderer, MAX_CARD_BYTES, type CardView } from "./support/card-renderer.js";
import { resultsDir } from "./support/stack.js";

/**
 * Every template in cards/ with each of its data sets (tests/support/card-data-sets.ts),
 * rendered by the official Adaptive Cards JavaScript renderer in Chromium. Fails on a parse or
 * validation warning, an unknown element or action (unless the card gives it a `fallback`, as
 * Teams-only elements such as charts must), an unexpanded `${...}` or a card over 28 KB.
 * A PNG of every rendered card goes to test-results/cards/<template>-<n>.png.
 */
const cardsResults = path.join(resultsDir, "cards");
let browser: Browser;
let renderer: CardRenderer;

beforeAll(async () => {
  fs.rmSync(cardsResults, { recursive: true, force: true });
  fs.mkdirSync(cardsResults, { recursive: true });
  browser = await launchBrowser();
  renderer = await CardRenderer.open(browser);
});
afterAll(async () => {
  await renderer?.close();
  await browser?.close();
});

describe("every card template through the official Adaptive Cards renderer", () => {
  it("has data sets for every template in cards/", () => {
    expect(Object.keys(CARD_DATA_SETS).sort()).toEqual(listCardTemplates());
  });

  for (const [name, dataSets] of Object.entries(CARD_DATA_SETS)) {
    dataSets.forEach((data, index) => {
      it(`${name} #${index + 1}: renders without warnings, unknown elements or leftovers, under 28 KB`, async () => {
        const card = renderCard(name, data);
        expect(findUnexpandedExpressions(card)).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(MAX_CARD_BYTES);
        const png = path.join(cardsResults, `${name}-${index + 1}.png`);
        const report = await renderer.check(card, png);
        expect(report.problems).toEqual([]);
        expect(fs.statSync(png).size).toBeGreaterThan(0);
      });
    });
  }
});

/**
 * The same cards as Teams shows them: Microsoft's Teams host configs (tests/fixtures/teams-host-config/)
 * in light and dark, at 540 px (a laptop) and 320 px (a phone). Fails on text below 4.5:1 contrast,
 * an action title cut off by its button, or a word broken inside a table cell. Pictures go to
 * test-results/cards/<theme>-<width>/<template>-<n>.png.
 */
const VIEWS: CardView[] = [
  { theme: "light", width: 540 },
  { theme: "dark", width: 540 },
  { theme: "light", width: 320 },
  { theme: "dark", width: 320 },
];

for (const view of VIEWS) {
  describe(`every card as Teams shows it: ${view.theme}, ${view.width} px`, () => {
    const dir = path.join(cardsResults, `${view.theme}-${view.width}`);
    let teams: CardRenderer;
    const allFindings: Record<string, unknown> = {};
    beforeAll(async () => {
      fs.mkdirSync(dir, { recursive: true });
      teams = await CardRenderer.open(browser, view);
    });
    afterAll(async () => {
      await teams?.close();
      // One file per view with every finding, to fix a template without reading test output.
      fs.writeFileSync(path.join(dir, "findings.json"), JSON.stringify(allFindings, null, 1));
    });

    for (const [name, dataSets] of Object.entries(CARD_DATA_SETS)) {
      it(`${name}: readable text (contrast >= 4.5:1), whole action titles, no word broken in a table`, async () => {
        const findings: Record<string, unknown> = {};
        for (const [index, data] of dataSets.entries()) {
          const report = await teams.inspect(renderCard(name, data), path.join(dir, `${name}-${index + 1}.png`));
          const { lowContrast, cutActionTitles, brokenTableWords } = report;
          if (lowContrast.length + cutActionTitles.length + brokenTableWords.length > 0) findings[`#${index + 1}`] = { lowContrast, cutActionTitles, brokenTableWords };
        }
        if (Object.keys(findings).length > 0) allFindings[name] = findings;
        expect(findings).toEqual({});
      });
    }
  });
}

describe("the render check itself", () => {
  const base = { type: "AdaptiveCard", version: "1.5" };

  it("reports an unknown element, an unknown action and an invalid property value", async () => {
    const report = await renderer.check({
      ...base,
      body: [{ type: "Chart.Pie", data: [] }, { type: "TextBlock", text: "x", size: "Enormous" }],
      actions: [{ type: "Action.Teleport", title: "Ga" }],
    });
    expect(report.problems.map((p) => p.event)).toEqual(expect.arrayContaining(["UnknownElementType", "UnknownActionType", "InvalidPropertyValue"]));
  });

  it("reports validation errors such as duplicate input ids", async () => {
    const report = await renderer.check({ ...base, body: [{ type: "Input.Text", id: "a" }, { type: "Input.Text", id: "a" }] });
    expect(report.problems.map((p) => p.event)).toContain("DuplicateId");
  });

  it("finds unreadable colours, cut action titles and broken table words in Teams' light theme on a phone", async () => {
    const teams = await CardRenderer.open(browser, { theme: "light", width: 320 });
    try {
      const report = await teams.inspect({
        ...base,
        body: [
          { type: "TextBlock", text: "Waarschuwing in geel", color: "Warning" },
          { type: "TextBlock", text: "Gewone tekst" },
          { type: "Table", columns: Array.from({ length: 6 }, () => ({ width: 1 })), rows: [{ type: "TableRow", cells: Array.from({ length: 6 }, () => ({ type: "TableCell", items: [{ type: "TextBlock", text: "Verschilpunten", wrap: true }] })) }] },
        ],
        actions: ["Cijfers bijwerken", "Hulp vragen", "Later herinneren (laatste keer)"].map((title) => ({ type: "Action.Execute", title, verb: "x" })),
      });
      expect(report.lowContrast).toEqual([expect.objectContaining({ text: "Waarschuwing in geel", color: "#f8d22a", background: "#ffffff" })]);
      expect(report.lowContrast[0]!.ratio).toBeCloseTo(1.47, 1);
      expect(report.cutActionTitles.length).toBeGreaterThan(0);
      expect(report.brokenTableWords).toContain("Verschilpunten");
    } finally {
      await teams.close();
    }
  });

  it("accepts a Teams-only element that has a fallback", async () => {
    const report = await renderer.check({ ...base, body: [{ type: "Chart.VerticalBar", data: [], fallback: { type: "TextBlock", text: "Grafiek: 3, 5, 8" } }] });
    expect(report).toEqual({ problems: [], fallbacksUsed: ["Chart.VerticalBar"] });
  });
});
