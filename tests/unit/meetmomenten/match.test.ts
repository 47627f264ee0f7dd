import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogue } from "../../../src/domain/catalogue.js";
import { describePeriod, matchActivity } from "../../../src/domain/meetmomenten/match.js";

const parsed = parseCatalogue(readFileSync(new URL("../../../src/data/activities.yaml", import.meta.url), "utf8"));
if (!parsed.ok) throw new Error("bundled catalogue invalid");
const activities = parsed.activities;

describe("matchActivity (cijfers <activiteit>)", () => {
  it.each([
    ["ddd", "ddd"],
    ["DDD", "ddd"],
    ["coach4you", "coach4you"],
    ["coach4u", "coach4you"],
    ["buddy", "buddyplus"],
    ["doorstroom dossier", "ddd"],
    ["verzuimconvenant", "verzuimconvenant"],
    ["verzuimconvenat", "verzuimconvenant"],
    ["vsvdashboard", "vsv-dashboard"],
    ["thuiszitters", "reductie-thuiszitters"],
  ])("finds %j as %s", (query, id) => {
    expect(matchActivity(query, activities)).toMatchObject({ kind: "exact", activity: { id } });
  });

  it("asks when several activities fit equally well, and finds nothing in nonsense", () => {
    expect(matchActivity("overstap", activities)).toMatchObject({ kind: "exact", activity: { id: "overstap-vo-mbo" } });
    const twins = [
      { id: "verzuim-vo", naam: "Aanpak verzuim vo" },
      { id: "verzuim-mbo", naam: "Aanpak verzuim mbo" },
      { id: "coach", naam: "Coaching" },
    ];
    expect(matchActivity("aanpak verzuim", twins)).toEqual({ kind: "ambiguous", candidates: [twins[0], twins[1]] });
    expect(matchActivity("verzuim mbo", twins)).toEqual({ kind: "exact", activity: twins[1] });
    expect(matchActivity("xyzzy", activities)).toEqual({ kind: "none" });
    expect(matchActivity("   ", activities)).toEqual({ kind: "none" });
  });
});

describe("describePeriod", () => {
  it("names a month, or the fixed day of a peildatum", () => {
    expect(describePeriod("2026-11-02", false)).toBe("november 2026");
    expect(describePeriod("2027-02-01", true)).toBe("1 februari 2027");
  });
});
