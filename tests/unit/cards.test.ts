import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cardsDir, findUnexpandedExpressions, listCardTemplates, renderCard } from "../../src/cards/render-card.js";
import { findDroppedPlaceholders, showPlaceholders } from "../../src/domain/placeholders.js";
import { CARD_DATA_SETS } from "../support/card-data-sets.js";

/**
 * Every template in cards/ with each of its data sets (tests/support/card-data-sets.ts). A
 * template added without data sets fails the suite, so no card reaches Teams untested. The
 * e2e suite renders the same sets with the official renderer in a browser.
 */
describe("card templates", () => {
  it("has data sets for every template in cards/", () => {
    expect(listCardTemplates().sort()).toEqual(Object.keys(CARD_DATA_SETS).sort());
  });

  for (const [name, dataSets] of Object.entries(CARD_DATA_SETS)) {
    it(`renders ${name} with every data set: Adaptive Card 1.5, nothing left unexpanded, under 28 KB`, () => {
      const template = JSON.parse(fs.readFileSync(path.join(cardsDir, `${name}.json`), "utf8"));
      expect(template.type).toBe("AdaptiveCard");
      for (const data of dataSets) {
        const card = renderCard(name, data);
        expect(card.version).toBe("1.5");
        expect(findUnexpandedExpressions(card)).toEqual([]);
        // The 1.5 schema has no null card property (a dropped `refresh` once rendered as null).
        expect(Object.entries(card).filter(([, value]) => value === null)).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
        // Teams drops "<nr>" as an HTML tag: "pak op <nr>" reads "pak op".
        expect(findDroppedPlaceholders(JSON.stringify(card))).toEqual([]);
      }
    });
  }

  it("shows placeholders in a notation Teams keeps, and leaves mention markup alone", () => {
    expect(showPlaceholders("pak op <nr>")).toBe("pak op ‹nr›");
    expect(showPlaceholders("escaleer <school|zaak> [reden]")).toBe("escaleer ‹school|zaak› [reden]");
    expect(showPlaceholders("samenvatting [week <nr>]")).toBe("samenvatting [week ‹nr›]");
    expect(showPlaceholders("Toegewezen aan <at>Alex Wilber</at>.")).toBe("Toegewezen aan <at>Alex Wilber</at>.");
    expect(findDroppedPlaceholders("Typ <kenmerk> of <at>X</at>")).toEqual(["<kenmerk>"]);
  });

  // Names, reasons and notes are typed by people; "${naam}" in one must show as text, not break the card.
  it.each(Object.keys(CARD_DATA_SETS))("renders %s when every text in its data contains a literal ${...}", (name) => {
    const typed = (value: unknown): unknown => {
      if (typeof value === "string") return value === "" ? value : `${value} \${naam}`;
      if (Array.isArray(value)) return value.map(typed);
      if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typed(v)]));
      return value;
    };
    for (const data of CARD_DATA_SETS[name]!) {
      const card = renderCard(name, typed(data) as object);
      expect(findUnexpandedExpressions(card)).toEqual([]);
      expect(JSON.stringify(card)).toContain("$ {naam}");
    }
  });

  it("refuses to render a card whose data misses a field", () => {
    expect(() => renderCard("help", { title: "x" })).toThrow(/unexpanded expressions/);
  });
});
