import { describe, expect, it } from "vitest";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { buildDddSection } from "../../../src/domain/summary/ddd.js";
import { buildEscalationSection, STUURGROEP_CASES_STORED } from "../../../src/domain/summary/escalations.js";
import { formatDifference, formatIndicatorRow, formatValue } from "../../../src/domain/summary/format.js";
import { buildKpiRows, buildKpiSection, type KpiCatalogueActivity } from "../../../src/domain/summary/kpis.js";
import { buildMeetmomentSection } from "../../../src/domain/summary/meetmomenten.js";
import { computeExpectedValue, computeKpiStatus, computeProgress, forecastLinear } from "../../../src/domain/summary/status.js";
import type { DddRegionProgress, KpiMeasurement } from "../../../src/domain/summary/types.js";

const YEAR = "2026-2027" as SchoolYearLabel;

describe("KPI status: expected against actual for this point in the period", () => {
  it("expects the norm for a level without baseline, and a straight line from the baseline otherwise", () => {
    expect(computeExpectedValue({ norm: 98, baseline: null, progress: 0.2 })).toBe(98);
    expect(computeExpectedValue({ norm: 1000, baseline: 0, progress: 0.5 })).toBe(500);
    expect(computeExpectedValue({ norm: 20, baseline: 30, progress: 0.25 })).toBe(27.5);
    expect(computeExpectedValue({ norm: 20, baseline: 30, progress: 3 })).toBe(20);
  });

  it("uses the KPI's direction: higher or lower is better", () => {
    const pct = { unit: "percentage" as const, norm: 95, expected: 90 };
    expect(computeKpiStatus({ ...pct, direction: "higher", actual: 90 })).toBe("op-koers");
    expect(computeKpiStatus({ ...pct, direction: "higher", actual: 88.5 })).toBe("risico");
    expect(computeKpiStatus({ ...pct, direction: "higher", actual: 87.9 })).toBe("achter");
    expect(computeKpiStatus({ ...pct, direction: "lower", actual: 88 })).toBe("op-koers");
    expect(computeKpiStatus({ ...pct, direction: "lower", actual: 91.5 })).toBe("risico");
    expect(computeKpiStatus({ ...pct, direction: "lower", actual: 93 })).toBe("achter");
    // Counts: a tolerance of 5% of the norm.
    expect(computeKpiStatus({ unit: "count", direction: "higher", norm: 1000, expected: 500, actual: 460 })).toBe("risico");
    expect(computeKpiStatus({ unit: "count", direction: "higher", norm: 1000, expected: 500, actual: 440 })).toBe("achter");
  });

  it("has no status without a direction, a norm or a measurement", () => {
    expect(computeKpiStatus({ unit: "count", direction: null, norm: 10, expected: 10, actual: 3 })).toBeNull();
    expect(computeKpiStatus({ unit: "count", direction: "higher", norm: null, expected: null, actual: 3 })).toBeNull();
    expect(computeKpiStatus({ unit: "count", direction: "higher", norm: 10, expected: 10, actual: null })).toBeNull();
  });

  it("measures progress through a period and forecasts along the recent trend", () => {
    expect(computeProgress("2026-10-01", "2027-04-01", "2026-10-01")).toBe(0);
    expect(computeProgress("2026-10-01", "2027-04-01", "2027-04-01")).toBe(1);
    expect(computeProgress("2026-10-01", "2027-04-01", "2027-06-01")).toBe(1);
    expect(forecastLinear([{ on: "2027-01-01", value: 10 }, { on: "2027-01-11", value: 20 }], "2027-01-21")).toBeCloseTo(30);
    expect(forecastLinear([{ on: "2027-01-01", value: 50 }, { on: "2027-01-11", value: 80 }], "2027-03-01", { max: 100 })).toBe(100);
    expect(forecastLinear([{ on: "2027-01-01", value: 10 }], "2027-01-21")).toBeNull();
  });
});

describe("KPI rows from the catalogue", () => {
  const activity: KpiCatalogueActivity = {
    id: "ddd",
    naam: "Digitaal Doorstroomdossier",
    kpis: [
      { key: "ingevuld", name: "% van de geplaatste overstappers met een ingevuld DDD", unit: "percentage", direction: "higher", targets: [{ period: "2019-2020", schoolYear: "2019-2020", value: 97 }] },
      { key: "vsv", name: "VSV-cijfer", unit: "percentage", direction: "lower", targets: [{ period: "2026-2027", schoolYear: "2026-2027", value: 2 }] },
      { key: "aantal", name: "aantal leerlingen", unit: "count", direction: null, targets: [] },
      { key: "kader", name: "gedragen kader", unit: "text", direction: null, targets: [] },
    ],
  };

  it("without a measurement source shows the norm (an earlier year's, marked) and no value", () => {
    const rows = buildKpiRows(activity, { schoolYear: YEAR, asOf: "2027-03-15", measurements: null });
    expect(rows.textKpis).toBe(1);
    expect(rows.rows.map((r) => [r.kpiKey, r.norm, r.normFrom, r.current, r.status])).toEqual([
      ["ingevuld", 97, "2019-2020", null, null],
      ["vsv", 2, null, null, null],
      ["aantal", null, null, null, null],
    ]);
    expect(formatIndicatorRow(rows.rows[0]!)).toMatchObject({ norm: "97%*", nu: "nog geen meting", vorige: "—", verschilNorm: "—", verschilVorigJaar: "—", note: "norm uit 2019-2020" });
  });

  it("with measurements: now, previous, last year, the status from the baseline and the trend", () => {
    const m = (kpiKey: string, measuredOn: string, value: number): KpiMeasurement => ({ activityId: "ddd", kpiKey, measuredOn, value });
    const measurements = [
      m("ingevuld", "2025-11-01", 80),
      m("ingevuld", "2026-06-15", 90), // last year's final value: the baseline
      m("ingevuld", "2026-11-01", 91),
      m("ingevuld", "2027-01-15", 92),
      m("ingevuld", "2027-06-15", 99), // after asOf: invisible
      m("vsv", "2027-01-15", 2.5),
      m("other", "2027-01-15", 1),
    ];
    const section = buildKpiSection([activity], { schoolYear: YEAR, asOf: "2027-03-15", measurements });
    const [ingevuld, vsv, aantal] = section.activities[0]!.rows;
    // 15 January is 46% into the school year: expected 90 + 7 * 0.46 = 93.2; 92 is within 2 points: risico.
    expect(ingevuld).toMatchObject({ current: 92, currentOn: "2027-01-15", previous: 91, lastYear: 80, status: "risico", trend: [80, 90, 91, 92] });
    expect(ingevuld!.expected).toBeCloseTo(93.23, 1);
    // Lower is better: 2.5 against a norm of 2 with no baseline is within tolerance.
    expect(vsv).toMatchObject({ current: 2.5, status: "risico" });
    expect(aantal).toMatchObject({ current: null, status: null });
    expect(section.counts).toEqual({ opKoers: 0, risico: 2, achter: 0, geenMeting: 1, geenNorm: 1 });
    expect(formatIndicatorRow(ingevuld!)).toMatchObject({ nu: "92%", vorige: "91%", verschilNorm: "−5 pp", statusText: "risico" });
  });

  it("compares with the value a year earlier", () => {
    const m = (measuredOn: string, value: number): KpiMeasurement => ({ activityId: "ddd", kpiKey: "vsv", measuredOn, value });
    const section = buildKpiSection([activity], { schoolYear: YEAR, asOf: "2027-03-15", measurements: [m("2026-01-15", 3.1), m("2026-06-15", 2.8), m("2027-01-15", 1.9)] });
    const vsv = section.activities[0]!.rows[1]!;
    expect(vsv).toMatchObject({ current: 1.9, lastYear: 3.1, status: "op-koers" });
    expect(formatIndicatorRow(vsv).verschilVorigJaar).toBe("−1,2 pp");
  });

  it("formats Dutch numbers", () => {
    expect(formatValue(1234.56, "count")).toBe("1.234,6");
    expect(formatValue(92.5, "percentage")).toBe("92,5%");
    expect(formatDifference(3, "count")).toBe("+3");
    expect(formatDifference(0, "percentage")).toBe("±0 pp");
    expect(formatValue(null, "count")).toBe("—");
  });
});

describe("DDD section", () => {
  const school = (schoolId: number, subregioId: string, series: [string, number, number, number][]) => ({
    schoolId,
    schoolNaam: `School ${schoolId}`,
    subregioId,
    subregioNaam: subregioId === "p" ? "Parkstad" : "Maastricht-Heuvelland",
    series: series.map(([on, overstappers, completed, inBeeld]) => ({ on, overstappers, completed, inBeeld })),
  });
  const current: DddRegionProgress = {
    schoolYear: YEAR,
    campaignStart: "2026-10-01",
    deadline: "2027-04-01",
    schools: [
      school(1, "p", [["2026-12-01", 100, 20, 50], ["2027-01-01", 100, 40, 60], ["2027-02-01", 100, 60, 80]]),
      school(2, "m", [["2026-12-01", 50, 5, 10], ["2027-01-01", 50, 10, 20], ["2027-02-01", 50, 15, 30]]),
      school(3, "m", [["2027-01-01", 10, 9, 10]]),
      school(4, "m", []),
    ],
  };
  const lastYear: DddRegionProgress = { ...current, schoolYear: "2025-2026" as SchoolYearLabel, campaignStart: "2025-10-01", deadline: "2026-04-01", schools: [school(1, "p", [["2026-01-30", 100, 50, 70], ["2026-04-01", 100, 95, 98]])] };
  const norms = { completed: { value: 97, normFrom: "2019-2020" }, inBeeld: { value: 98, normFrom: "2019-2020" } };

  it("sums the latest observation per school, per region and subregio, with expected, status and forecast", () => {
    const d = buildDddSection({ current, previousYears: [lastYear], asOf: "2027-02-01", previousAsOf: "2027-01-01", norms });
    expect(d.phase).toBe("campagne");
    const [completed, inBeeld] = d.rows;
    // 60 + 15 + 9 of 160.
    expect(completed).toMatchObject({ current: 52.5, previous: 59 / 160 * 100, lastYear: 50, norm: 97, normFrom: "2019-2020" });
    // 1 February is 123 of 182 days: expected 97 * 0.676 = 65.6: achter.
    expect(completed!.expected).toBeCloseTo(65.6, 0);
    expect(completed!.status).toBe("achter");
    expect(inBeeld).toMatchObject({ current: 75, direction: "higher" });
    expect(d.subregios).toEqual([
      { id: "m", naam: "Maastricht-Heuvelland", overstappers: 60, completed: 24, inBeeld: 40, completedPct: 40, inBeeldPct: (40 / 60) * 100 },
      { id: "p", naam: "Parkstad", overstappers: 100, completed: 60, inBeeld: 80, completedPct: 60, inBeeldPct: 80 },
    ]);
    expect(d.behind.map((b) => [b.schoolNaam, b.completedPct])).toEqual([["School 2", 30], ["School 1", 60]]);
    expect(d.forecast!.completedPct).toBeGreaterThan(52.5);
    expect(d.trend.map((t) => t.legend)).toEqual(["2026-2027", "2025-2026", "verwacht"]);
    expect(d.trend[0]!.points.map((p) => p.label)).toEqual(["1-12", "1-1", "1-2"]);
    expect(d.finals).toEqual([]);
  });

  it("after 1 April reports the deadline figure against the norm and earlier years", () => {
    const d = buildDddSection({ current, previousYears: [lastYear], asOf: "2027-05-10", previousAsOf: "2027-05-03", norms, normOf: () => 96 });
    expect(d.phase).toBe("na-deadline");
    expect(d.asOf).toBe("2027-04-01");
    expect(d.forecast).toBeNull();
    expect(d.finals).toEqual([
      { schoolYear: "2026-2027", completedPct: 52.5, inBeeldPct: 75, norm: 97 },
      { schoolYear: "2025-2026", completedPct: 95, inBeeldPct: 98, norm: 96 },
    ]);
  });

  it("with no observations yet says so instead of showing zeros", () => {
    const d = buildDddSection({ current: { ...current, schools: [school(9, "p", [])] }, previousYears: [], asOf: "2026-10-05", previousAsOf: null, norms });
    expect(d.asOf).toBeNull();
    expect(d.rows[0]).toMatchObject({ current: null, status: null });
    expect(d.subregios).toEqual([]);
  });
});

describe("escalation and meetmoment sections", () => {
  it("counts open cases by level and lists L3 cases by name, oldest first, capped", () => {
    const stuurgroep = Array.from({ length: STUURGROEP_CASES_STORED + 3 }, (_, i) => ({ caseId: i + 1, name: `School ${i}`, type: "ddd-achterstand", since: `2027-01-${String(28 - (i % 28)).padStart(2, "0")}`, owner: null }));
    const e = buildEscalationSection({ opened: 3, resolved: 1, open: [{ level: -1 }, { level: 0 }, { level: 3 }, { level: 3 }], stuurgroep, history: [{ label: "w9", open: 2, opened: 2 }], currentLabel: "w10" });
    expect(e.openByLevel.map((l) => [l.level, l.count])).toEqual([[-1, 1], [0, 1], [1, 0], [2, 0], [3, 2]]);
    expect(e.openByLevel[4]!.label).toBe("L3 · schoolbestuur en stuurgroep");
    expect(e.stuurgroep).toHaveLength(STUURGROEP_CASES_STORED);
    expect(e.stuurgroepMore).toBe(3);
    expect(e.stuurgroep[0]).toMatchObject({ since: "2027-01-01", type: "DDD-achterstand" });
    expect(e.trend).toEqual([{ label: "w9", open: 2, opened: 2 }, { label: "w10", open: 4, opened: 3 }]);
  });

  it("meetmomenten: rounds open, response rate and the owners past their date", () => {
    const m = buildMeetmomentSection(
      [
        { activityId: "a", activityNaam: "A", meetmoment: "2027-01-04", dueOn: "2027-01-18", state: "open", requested: 4, responded: 1, overdueOwners: ["Els"] },
        { activityId: "b", activityNaam: "B", meetmoment: "2027-03-01", dueOn: "2027-03-20", state: "open", requested: 2, responded: 2, overdueOwners: ["Wim"] },
        { activityId: "c", activityNaam: "C", meetmoment: "2026-11-02", dueOn: "2026-11-16", state: "gesloten", requested: 5, responded: 5, overdueOwners: [] },
      ],
      "2027-03-15",
    );
    expect(m).toEqual({ open: 2, requested: 6, responded: 3, responsePct: 50, overdue: [{ activityNaam: "A", owner: "Els", dueOn: "2027-01-18" }] });
  });
});
