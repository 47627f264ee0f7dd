import { describe, expect, it } from "vitest";
import { describeActivityRun, describedSchoolYear, listProgrammePeriods } from "../../../src/domain/catalogue.js";
import { computeRegionTotal, listAskedKpis } from "../../../src/domain/meetmomenten/round.js";

describe("describeActivityRun", () => {
  const ended = { looptijdFrom: "2016-2017", looptijdTo: "2017-2018", programmePeriod: "2016-2020" };
  const wholePeriod = { looptijdFrom: "2016-2017", looptijdTo: null, programmePeriod: "2016-2020" };
  it("ends an activity after its last school year", () => {
    expect(describeActivityRun(ended, "2017-2018", ["2016-2020"])).toEqual({ running: true });
    expect(describeActivityRun(ended, "2018-2019", ["2016-2020"])).toEqual({ running: false, reason: "afgelopen" });
  });
  it("keeps a whole-period activity running after the period until a later period begins", () => {
    expect(describeActivityRun(wholePeriod, "2026-2027", ["2016-2020"])).toEqual({ running: true });
    expect(describeActivityRun(wholePeriod, "2025-2026", ["2016-2020", "2026-2029"])).toEqual({ running: true });
    expect(describeActivityRun(wholePeriod, "2026-2027", ["2016-2020", "2026-2029"])).toEqual({ running: false, reason: "opgevolgd" });
    expect(describeActivityRun({ ...wholePeriod, looptijdFrom: "2026-2027", programmePeriod: "2026-2029" }, "2025-2026", ["2016-2020", "2026-2029"])).toEqual({ running: false, reason: "nog-niet-gestart" });
  });
  it("lists a catalogue's periods oldest first", () => {
    expect(listProgrammePeriods([{ programmePeriod: "2026-2029" }, { programmePeriod: null }, { programmePeriod: "2016-2020" }, { programmePeriod: "2026-2029" }])).toEqual(["2016-2020", "2026-2029"]);
  });
});

describe("describedSchoolYear", () => {
  it("gives August-November the school year that just ended, other months the running one", () => {
    expect(["2026-08-01", "2026-11-02", "2026-12-01", "2027-01-04", "2027-07-01"].map(describedSchoolYear)).toEqual(["2025-2026", "2025-2026", "2026-2027", "2026-2027", "2026-2027"]);
  });
});

describe("region totals of a per-party round", () => {
  const parties = [
    { key: "a", label: "A", submitted: true },
    { key: "b", label: "B", submitted: true },
    { key: "c", label: "C", submitted: false },
  ];
  it("adds counts, averages percentages over who reported, and names who is missing", () => {
    const values = new Map([["a", 40], ["b", 25], ["c", 99]]); // C's draft value is not counted: C has not submitted
    expect(computeRegionTotal({ id: 1, unit: "count" }, parties, values)).toEqual({ kpiId: 1, total: 65, kind: "som", reported: ["A", "B"], missing: ["C"] });
    expect(computeRegionTotal({ id: 2, unit: "percentage" }, parties, new Map([["a", 90], ["b", 85]]))).toMatchObject({ total: 87.5, kind: "gemiddelde" });
    expect(computeRegionTotal({ id: 3, unit: "count" }, parties, new Map())).toMatchObject({ total: null, reported: [] });
  });
});

describe("listAskedKpis", () => {
  it("leaves out DUO-fed KPIs and asks an unmeasurable one as a description, never as a number", () => {
    const asked = listAskedKpis([
      { name: "aantal", unit: "count", measurable: true, duoVsv: null },
      { name: "VSV-cijfer vmbo bovenbouw", unit: "percentage", measurable: true, duoVsv: "VMBO BOVENBOUW" },
      { name: "uitvalpercentage", unit: "percentage", measurable: false, duoVsv: null },
    ]);
    expect(asked.map((k) => [k.name, k.unit])).toEqual([
      ["aantal", "count"],
      ["uitvalpercentage (nog niet als getal vast te stellen: beschrijf het)", "text"],
    ]);
  });
});
