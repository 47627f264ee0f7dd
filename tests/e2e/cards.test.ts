import fs from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findUnexpandedExpressions, listCardTemplates, renderCard } from "../../src/cards/render-card.js";
import { CARD_DATA_SETS } from "../support/card-data-sets.js";
import { launchBrowser } from "./support/browser.js";
import { CardRenderer, MAX_CARD_BYTES } from "./support/card-renderer.js";
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

  it("accepts a Teams-only element that has a fallback", async () => {
    const report = await renderer.check({ ...base, body: [{ type: "Chart.VerticalBar", data: [], fallback: { type: "TextBlock", text: "Grafiek: 3, 5, 8" } }] });
    expect(report).toEqual({ problems: [], fallbacksUsed: ["Chart.VerticalBar"] });
  });
});
