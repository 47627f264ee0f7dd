import { describe, expect, it } from "vitest";
import { checkOverstapConsistency, NO_OVERSTAP_COUNTS } from "../../../src/domain/ddd/index.js";

describe("overstap-year counts", () => {
  it("checks nothing that was not reported", () => {
    expect(checkOverstapConsistency(0, NO_OVERSTAP_COUNTS)).toEqual([]);
  });

  it("accepts a consistent year", () => {
    const counts = { aangemeld: 45, geenAanmelding: 5, geplaatst: 40, afgewezen: 3, geplaatstMetDdd: 39, mboGestart: 36, nietGestart: 2, zomerlek: 1 };
    expect(checkOverstapConsistency(50, counts)).toEqual([]);
  });

  it("names every broken rule in Dutch", () => {
    const messages = checkOverstapConsistency(50, { ...NO_OVERSTAP_COUNTS, aangemeld: 40, geenAanmelding: 20, geplaatst: 42, geplaatstMetDdd: 43, mboGestart: 40, zomerlek: 5 }).map((i) => i.message);
    expect(messages).toEqual([
      "aangemeld (40) en geen aanmelding (20) samen zijn meer dan het aantal overstappers (50)",
      "toegelaten of (voorlopig) geplaatst (42) is groter dan aangemeld (40)",
      "geplaatst met afgerond DDD (43) is groter dan geplaatst (42)",
      "gestart, niet gestart en zomerlek samen (45) zijn meer dan geplaatst (42)",
    ]);
    expect(checkOverstapConsistency(10, { ...NO_OVERSTAP_COUNTS, aangemeld: 11 })[0]?.message).toBe("aangemeld bij een mbo (11) is groter dan het aantal overstappers (10)");
  });
});
