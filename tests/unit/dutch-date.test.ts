import { describe, expect, it } from "vitest";
import { parseDutchDate } from "../../src/domain/dutch-date.js";

// Wednesday 25 November 2026, 10:00 in Amsterdam.
const now = new Date("2026-11-25T09:00:00Z");

describe("parseDutchDate", () => {
  it("reads d-m-yyyy, d/m/yy, ISO and day-month without a year", () => {
    expect(parseDutchDate("12-3-2027", now)).toBe("2027-03-12");
    expect(parseDutchDate("12/03/27", now)).toBe("2027-03-12");
    expect(parseDutchDate("2027-03-12", now)).toBe("2027-03-12");
    expect(parseDutchDate("1-12", now)).toBe("2026-12-01");
    expect(parseDutchDate("1-11", now)).toBe("2027-11-01");
  });

  it("reads Dutch month names, with or without a year", () => {
    expect(parseDutchDate("12 maart", now)).toBe("2027-03-12");
    expect(parseDutchDate("12 mrt 2028", now)).toBe("2028-03-12");
    expect(parseDutchDate("vrijdag 4 december", now)).toBe("2026-12-04");
  });

  it("reads relative dates", () => {
    expect(parseDutchDate("morgen", now)).toBe("2026-11-26");
    expect(parseDutchDate("vrijdag", now)).toBe("2026-11-27");
    expect(parseDutchDate("woensdag", now)).toBe("2026-12-02");
    expect(parseDutchDate("volgende week maandag", now)).toBe("2026-11-30");
    expect(parseDutchDate("maandag volgende week", now)).toBe("2026-11-30");
    expect(parseDutchDate("volgende week vrijdag", now)).toBe("2026-12-04");
    expect(parseDutchDate("over 2 weken", now)).toBe("2026-12-09");
    expect(parseDutchDate("over drie dagen", now)).toBe("2026-11-28");
  });

  it("returns null for what is not a date", () => {
    expect(parseDutchDate("31-2-2027", now)).toBeNull();
    expect(parseDutchDate("12 maartje", now)).toBeNull();
    expect(parseDutchDate("binnenkort", now)).toBeNull();
    expect(parseDutchDate("", now)).toBeNull();
  });
});
