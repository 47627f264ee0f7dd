import { describe, expect, it } from "vitest";
import type { SchoolYearLabel } from "../../../src/domain/calendar/index.js";
import { formatIndicatorRow } from "../../../src/domain/summary/format.js";
import { buildKpiSection, type KpiCatalogueActivity } from "../../../src/domain/summary/kpis.js";
import type { KpiMeasurement } from "../../../src/domain/summary/types.js";

/**
 * The KPI rows with the dates the meetmomenten really get: a month-only rhythm falls on the
 * month's first working day (after the Zuid kerstvakantie: 5 January 2026, 4 January 2027;
 * 2 June 2025, 1 June 2026), so the same meetmoment moves a day or more between years.
 */
const activity: KpiCatalogueActivity = {
  id: "a",
  naam: "Activiteit",
  kpis: [
    {
      key: "k",
      name: "% jongeren in beeld",
      unit: "percentage",
      direction: "higher",
      targets: [
        { period: "2025-2026", schoolYear: "2025-2026", value: 85 },
        { period: "2026-2027", schoolYear: "2026-2027", value: 90 },
      ],
    },
  ],
};
const m = (measuredOn: string, value: number): KpiMeasurement => ({ activityId: "a", kpiKey: "k", measuredOn, value });
const halfyearly = [m("2025-06-02", 70), m("2026-01-05", 75), m("2026-06-01", 60), m("2027-01-04", 80)];

describe("KPI rows with real (first working day) meetmoment dates", () => {
  it("compares January 2027 with January 2026 as 'vorig jaar', not with June 2025", () => {
    const row = buildKpiSection([activity], { schoolYear: "2026-2027" as SchoolYearLabel, asOf: "2027-01-11", measurements: halfyearly }).activities[0]!.rows[0]!;
    expect(row).toMatchObject({ current: 80, currentOn: "2027-01-04", lastYear: 75 });
    expect(formatIndicatorRow(row).verschilVorigJaar).toBe("+5 pp");
  });

  it("compares a yearly November figure with last November's", () => {
    const yearly = [m("2024-11-01", 50), m("2025-11-03", 62), m("2026-11-02", 70)];
    const row = buildKpiSection([activity], { schoolYear: "2026-2027" as SchoolYearLabel, asOf: "2026-11-16", measurements: yearly }).activities[0]!.rows[0]!;
    expect(row).toMatchObject({ current: 70, lastYear: 62 });
  });

  it("does not call last June's figure far below its norm 'op koers' in the autumn", () => {
    // In September the newest figure is June 2026 (school year 2025-2026): 60% where 85% was the
    // norm and about 82% expected by June. Judged against this school year's start it would be
    // its own baseline and always "op koers".
    const row = buildKpiSection([activity], { schoolYear: "2026-2027" as SchoolYearLabel, asOf: "2026-09-14", measurements: halfyearly }).activities[0]!.rows[0]!;
    expect(row).toMatchObject({ current: 60, currentOn: "2026-06-01", norm: 90 });
    expect(row.status).toBe("achter");
    expect(formatIndicatorRow(row).statusText).toBe("achter");
  });
});
