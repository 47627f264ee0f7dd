import { describe, expect, it } from "vitest";
import { planSummaryCards, renderSummaryCards, SUMMARY_CARD_BUDGET_BYTES } from "../../../src/cards/summary-card.js";
import { buildAfterDeadlineSummaryData, buildEmptySummaryData, buildSmallSummaryData, buildTodaySummaryData, buildWorstCaseSummaryData } from "../../support/card-data/summary.js";
import { listDemoSchools, loadCatalogueActivities } from "../../support/summary-fixtures.js";
import type { SummaryData } from "../../../src/domain/summary/types.js";

const MAX = 28 * 1024;
const size = (card: unknown) => Buffer.byteLength(JSON.stringify(card));

/** Every element anywhere in the card whose type starts with "Chart.". */
function findCharts(node: unknown, found: Record<string, unknown>[] = []): Record<string, unknown>[] {
  if (Array.isArray(node)) node.forEach((n) => findCharts(n, found));
  else if (node && typeof node === "object") {
    const object = node as Record<string, unknown>;
    if (typeof object.type === "string" && object.type.startsWith("Chart.")) found.push(object);
    Object.values(object).forEach((v) => findCharts(v, found));
  }
  return found;
}

/**
 * The worst-case data (60 schools, 19 activities) takes a moment to build and is the same every
 * time: built once per file, and each test gets its own copy.
 */
let worstCase: SummaryData | undefined;
function worstCaseData(): SummaryData {
  worstCase ??= buildWorstCaseSummaryData();
  return structuredClone(worstCase);
}

describe("the summary card", () => {
  it("worst case (60 schools, 19 activities, 40 cases at L3): main card and every follow-up under 28 KB, nothing lost", () => {
    const data = worstCaseData();
    expect(data.sections.find((s) => s.id === "ddd")!.data).toMatchObject({ subregios: expect.any(Array) });
    expect(listDemoSchools()).toHaveLength(60);
    expect(loadCatalogueActivities()).toHaveLength(19);
    const cards = renderSummaryCards(data);
    expect(cards.length).toBeGreaterThan(1);
    for (const card of cards) {
      expect(card.version).toBe("1.5");
      expect(size(card)).toBeLessThan(MAX);
      expect(size(card)).toBeLessThanOrEqual(SUMMARY_CARD_BUDGET_BYTES);
    }
    // Every KPI of every activity is in the follow-up cards, in the stuurgroep's column order.
    const followUps = JSON.stringify(cards.slice(1));
    for (const activity of loadCatalogueActivities()) {
      for (const kpi of activity.kpis.filter((k) => k.unit !== "text")) expect(followUps).toContain(JSON.stringify(kpi.name).slice(1, 30));
    }
    // Three columns that fit a phone; the previous value and both differences under each indicator.
    expect(followUps).toContain('"text":"Indicator"');
    expect(followUps).toMatch(/vorige meting [^"]+ · t\.o\.v\. norm [^"]+ · t\.o\.v\. vorig jaar /);
    const main = JSON.stringify(cards[0]);
    expect(main).toContain(`De volledige tabel per activiteit staat in de ${cards.length - 1} berichten hieronder.`);
    expect(main).toContain("Aandacht nodig (achter of risico)");
    expect(main).toContain("Bij de stuurgroep (L3): 40");
  });

  it("every chart has a fallback text table (not every Teams client renders charts)", () => {
    const worst = findCharts(renderSummaryCards(worstCaseData()));
    for (const charts of [worst, ...[buildTodaySummaryData(), buildAfterDeadlineSummaryData(), buildSmallSummaryData()].map((data) => findCharts(renderSummaryCards(data)))]) {
      expect(charts.length).toBeGreaterThan(0);
      for (const chart of charts) {
        expect(chart.fallback).toMatchObject({ type: "Container" });
        expect(JSON.stringify(chart.fallback)).toContain('"type":"FactSet"');
      }
    }
    expect(worst.map((c) => c.type)).toEqual(["Chart.VerticalBar", "Chart.Line", "Chart.Line"]);
    const bars = worst[0]!;
    expect((bars.data as { x: string }[]).map((b) => b.x)).toEqual(["Maastricht-Heuvelland", "Parkstad", "Westelijke Mijnstreek"]);
  });

  it("today (no DDD or measurement source): escalations and the norms with 'nog geen meting', no DDD section, no follow-ups", () => {
    const cards = renderSummaryCards(buildTodaySummaryData(), { posting: { postedAt: "2027-03-17T10:12:00.000Z", late: true } });
    expect(cards).toHaveLength(1);
    const text = JSON.stringify(cards[0]);
    expect(text).not.toContain("DDD en overstap");
    expect(text).toContain("Escalaties");
    expect(text).toContain("nog geen meting");
    expect(text).toContain("Normen voor dit schooljaar");
    expect(text).toContain("97%*");
    expect(text).toContain("Later verstuurd: gepland voor maandag 15 maart 2027 om 08:30, verstuurd op woensdag 17 maart 2027 om 11:12");
  });

  it("a small catalogue fits in one card with the details behind 'Toon meer'", () => {
    const plan = planSummaryCards(buildSmallSummaryData());
    expect(plan.details).toEqual([]);
    const card = renderSummaryCards(buildSmallSummaryData())[0]!;
    const text = JSON.stringify(card);
    expect(text).toContain('{"type":"Action.ToggleVisibility","title":"Toon meer","targetElements":["kpi-details"]}');
    expect(text).toContain('"id":"kpi-details","isVisible":false');
  });

  it("after the DDD deadline shows the finals of earlier years, and a note for a section that failed", () => {
    const text = JSON.stringify(renderSummaryCards(buildAfterDeadlineSummaryData())[0]);
    expect(text).toContain("Stand op de deadline per schooljaar");
    expect(text).toContain('"title":"2025-2026"');
    expect(text).toContain("Meetmomenten: deze week niet beschikbaar door een storing.");
  });

  it("a tussenstand says so; an empty week still renders", () => {
    const text = JSON.stringify(renderSummaryCards(buildEmptySummaryData(), { preview: true })[0]);
    expect(text).toContain("Tussenstand week 37 (2026-2027)");
    expect(text).toContain("deze week is nog geen samenvatting verstuurd");
  });

  it("never fails: absurd content still gives cards under the limit", () => {
    const base = worstCaseData();
    const long = "Heel lange naam ".repeat(40);
    const absurd: SummaryData = {
      ...base,
      sections: base.sections.map((s) => {
        if (s.id === "kpis") return { ...s, data: { ...s.data, activities: s.data.activities.map((a) => ({ ...a, naam: long, rows: [...a.rows, ...a.rows, ...a.rows, ...a.rows].map((r) => ({ ...r, indicator: long })) })) } };
        if (s.id === "ddd") return { ...s, data: { ...s.data, subregios: Array.from({ length: 150 }, (_, i) => ({ ...s.data.subregios[0]!, id: `s${i}`, naam: `${long}${i}` })) } };
        if (s.id === "escalaties") return { ...s, data: { ...s.data, stuurgroep: s.data.stuurgroep.map((c) => ({ ...c, name: long })) } };
        return s;
      }),
    };
    const cards = renderSummaryCards(absurd);
    for (const card of cards) expect(size(card)).toBeLessThan(MAX);
    expect(JSON.stringify(cards[0])).toContain("te groot voor een kaart");
  });
});
