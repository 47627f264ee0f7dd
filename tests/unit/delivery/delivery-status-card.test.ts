import { describe, expect, it } from "vitest";
import { findUnexpandedExpressions, renderCard } from "../../../src/cards/render-card.js";
import { DELIVERY_STATUS_CARD_DATA_SETS } from "../../support/card-data/delivery-status.js";

describe("delivery-status card", () => {
  it("renders every data set as Adaptive Card 1.5, fully expanded, under Teams' 28 KB", () => {
    for (const data of DELIVERY_STATUS_CARD_DATA_SETS) {
      const card = renderCard("delivery-status", data);
      expect(card.version).toBe("1.5");
      expect(findUnexpandedExpressions(card)).toEqual([]);
      expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
    }
  });

  it("names purposes in Dutch words, writes numbers the Dutch way and totals several purposes", () => {
    const [, full] = DELIVERY_STATUS_CARD_DATA_SETS;
    expect(full!.purposes).toEqual([
      { purpose: "DDD-herinneringen", counts: "1.480 verzonden · 12 wachtend · 2 mislukt · 3 geblokkeerd" },
      { purpose: "Weekoverzichten", counts: "14 verzonden · 0 wachtend · 0 mislukt · 0 geblokkeerd" },
      { purpose: "Totaal", counts: "1.494 verzonden · 12 wachtend · 2 mislukt · 3 geblokkeerd" },
    ]);
    expect(full!.undelivered[0]!.purpose).toBe("DDD-herinneringen");
    expect(full!.resendText).toBe("Mogelijk dubbel verstuurd na een onderbreking van Aanjager: 1 bericht.");
    expect(full!.moreText).toBe("En nog 4 andere ontvangers.");
    expect(full!.undelivered[0]).toMatchObject({ stateLabel: "geblokkeerd", countText: " (3 berichten)" });
  });
});
