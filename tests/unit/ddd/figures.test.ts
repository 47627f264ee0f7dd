import { describe, expect, it } from "vitest";
import { describeOpenDossiers, formatPercent, parseCount, validateFigures } from "../../../src/domain/ddd/index.js";

describe("DDD figures", () => {
  it("reads counts as Teams and Excel send them", () => {
    expect(parseCount("12", "afgerond")).toEqual({ ok: true, value: 12 });
    expect(parseCount(" 7 ", "gestart")).toEqual({ ok: true, value: 7 });
    expect(parseCount(0, "inBeeld")).toEqual({ ok: true, value: 0 });
  });

  it("explains in Dutch what is wrong with a count", () => {
    const message = (raw: unknown) => {
      const parsed = parseCount(raw, "afgerond");
      return parsed.ok ? null : parsed.issue.message;
    };
    expect(message("-3")).toBe("afgerond en aangeleverd: mag niet negatief zijn (-3)");
    expect(message("veel")).toBe("afgerond en aangeleverd: 'veel' is geen getal");
    expect(message("12,5")).toBe("afgerond en aangeleverd: moet een geheel aantal zijn, geen 12,5");
    // A thousands dot is named, not read as 1 or guessed as 1000.
    expect(message("1.000")).toBe("afgerond en aangeleverd: typ 1.000 zonder punt, dus 1000 als je 1000 bedoelt");
    expect(message("")).toBe("afgerond en aangeleverd: vul een aantal in");
    expect(message(undefined)).toBe("afgerond en aangeleverd: vul een aantal in");
    expect(message({ a: 1 })).toBe("afgerond en aangeleverd: geen geldig aantal");
    expect(message("123456789")).toBe("afgerond en aangeleverd: 123456789 is onwaarschijnlijk groot (maximaal 10000)");
  });

  it("accepts consistent figures and reports every inconsistency", () => {
    expect(validateFigures({ overstappers: "50", gestart: "48", deelB: "40", afgerond: "30", inBeeld: "49" })).toEqual({
      ok: true,
      figures: { overstappers: 50, gestart: 48, deelB: 40, afgerond: 30, inBeeld: 49 },
    });
    const bad = validateFigures({ overstappers: 25, gestart: 20, deelB: 22, afgerond: 30, inBeeld: 26 });
    expect(bad.ok).toBe(false);
    expect(bad.ok ? [] : bad.issues.map((i) => i.message)).toEqual([
      "afgerond en aangeleverd (30) is groter dan het aantal overstappers (25)",
      "in beeld (26) is groter dan het aantal overstappers (25)",
      "deel B klaar (22) is groter dan gestart (20): deel B volgt altijd op deel A",
    ]);
    const order = validateFigures({ overstappers: 25, gestart: 20, deelB: 10, afgerond: 12, inBeeld: 20 });
    expect(order.ok ? [] : order.issues.map((i) => i.message)).toEqual(["afgerond (12) is groter dan deel B klaar (10): een afgerond dossier heeft deel B altijd al"]);
  });

  it("reports every unreadable number at once, before the consistency rules", () => {
    const result = validateFigures({ overstappers: "abc", gestart: "-1", deelB: "1", afgerond: "1" });
    expect(result.ok ? [] : result.issues.map((i) => i.field)).toEqual(["overstappers", "gestart", "inBeeld"]);
  });

  it("never rounds a percentage up to 100 % before everything is in", () => {
    expect(formatPercent(999 / 1000)).toBe("99,9 %");
    expect(formatPercent(1)).toBe("100 %");
    expect(formatPercent(0.5)).toBe("50 %");
    expect(formatPercent(null)).toBe("-");
  });

  it("splits the open dossiers by where they are stuck", () => {
    expect(describeOpenDossiers({ overstappers: 25, gestart: 20, deelB: 15, afgerond: 12, inBeeld: 24 })).toEqual({ open: 13, nietGestart: 5, wachtOpDeelB: 5, wachtOpAfronding: 3 });
  });
});
