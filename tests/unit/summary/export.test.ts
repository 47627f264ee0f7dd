import { describe, expect, it } from "vitest";
import { buildSummaryDocument, renderSummaryCsv, renderSummaryHtml, renderSummaryMarkdown } from "../../../src/domain/summary/document.js";
import { buildTodaySummaryData, buildWorstCaseSummaryData } from "../../support/card-data/summary.js";

describe("the summary as a document (export samenvatting)", () => {
  const worst = buildWorstCaseSummaryData();
  const doc = buildSummaryDocument(worst, { postedAt: "2027-03-15T09:40:00.000Z", late: true });

  it("has the card's sections, with the stuurgroep's columns and every KPI", () => {
    expect(doc.title).toBe("Weeksamenvatting week 11 (2026-2027)");
    expect(doc.notices[0]).toContain("Later verstuurd");
    expect(doc.blocks.map((b) => b.heading)).toEqual(["DDD en overstap", "Het overstapjaar", "Escalaties", "Meetmomenten", "KPI's per activiteit"]);
    const kpis = doc.blocks[4]!;
    expect(kpis.tables).toHaveLength(18); // one of the 19 activities has only descriptive (text) KPIs
    expect(kpis.tables[0]!.columns.slice(0, 6)).toEqual(["Indicator", "Norm", "Nu", "Vorige", "Verschil met norm", "Verschil met vorig jaar"]);
    expect(kpis.tables.reduce((s, t) => s + t.rows.length, 0)).toBe(50);
    const ddd = doc.blocks[0]!;
    expect(ddd.tables.map((t) => t.caption)).toEqual(["Regio", "Per subregio", "Scholen die het verst achterlopen", "Verloop (% ingevuld)"]);
    expect(doc.blocks[2]!.tables[1]!.rows).toHaveLength(40);
    // The overstap year: the phase now, and one row per phase with its window and figures.
    const year = doc.blocks[1]!;
    expect(year.paragraphs).toEqual(['Het overstapjaar van de overstappers 2026-2027 is in de fase "DDD en aanmelding, uiterlijk 1 april" (stand 15 mrt 2027).']);
    expect(year.tables.map((t) => [t.caption, t.columns])).toEqual([["Overstappers 2026-2027", ["Fase", "Periode", "Stand", "Cijfers"]]]);
    expect(year.tables[0]!.rows.map((r) => r.slice(0, 3))).toEqual([
      ["Registratie in het overstapsysteem", "1 okt 2026 - 31 dec 2026", "voorbij"],
      ["DDD en aanmelding, uiterlijk 1 april", "1 jan 2027 - 1 apr 2027", "nu"],
      ["Toelating en plaatsing", "2 apr 2027 - 30 jun 2027", "nog niet begonnen"],
      ["Zomer en start in het mbo", "1 jul 2027 - 1 okt 2027", "nog niet begonnen"],
    ]);
    expect(year.tables[0]!.rows[1]![3]).toMatch(/^overstappers: 2400 · DDD gestart \(deel A\): 2400 · .* · % DDD afgerond en aangeleverd vóór 1 april: 90% \(norm 97%, onder de norm\) · 60 scholen onder de norm of zonder cijfers$/);
  });

  it("renders Markdown tables", () => {
    const md = renderSummaryMarkdown(doc);
    expect(md).toMatch(/^# Weeksamenvatting week 11 \(2026-2027\)\n/);
    expect(md).toContain("## KPI's per activiteit");
    expect(md).toContain("| Indicator | Norm | Nu | Vorige | Verschil met norm | Verschil met vorig jaar | Status | Toelichting |");
    expect(md).toContain("| --- | --- |");
  });

  it("renders a standalone HTML page with everything escaped", () => {
    const data = buildTodaySummaryData();
    const escalations = data.sections.find((s) => s.id === "escalaties")!;
    if (escalations.id === "escalaties") escalations.data.stuurgroep[0]!.name = '<script>alert("x")</script> & co';
    const html = renderSummaryHtml(buildSummaryDocument(data, null, { preview: true }));
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<html lang="nl">');
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co");
    expect(html).not.toContain("<script>");
    expect(html).toContain("<th>Verschil met vorig jaar</th>");
    expect(html).toContain("Tussenstand week 11");
  });

  it("renders CSV for Dutch spreadsheets: BOM, semicolons, quoting, no formulas", () => {
    const data = buildTodaySummaryData();
    const escalations = data.sections.find((s) => s.id === "escalaties")!;
    if (escalations.id === "escalaties") escalations.data.stuurgroep[0]!.name = '=HYPERLINK("x";"y")';
    const csv = renderSummaryCsv(buildSummaryDocument(data, null));
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toContain("Sectie;Tabel;Indicator;Norm;Nu;Vorige;Verschil met norm;Verschil met vorig jaar;Status;Toelichting\r\n");
    expect(csv).toContain(`"'=HYPERLINK(""x"";""y"")"`);
    expect(csv).toContain("Escalaties;Zaken;Nieuw geopend;7\r\n");
    expect(csv).toContain("nog geen meting");
  });
});
