import { formatShortDate, buildLateNotice, buildSummarySubtitle, buildSummaryTitle, formatIndicatorRow, formatValue, NO_MEASUREMENT, NOTHING } from "./format.js";
import type { DddSectionData, EscalationSectionData, IndicatorRow, KpiSectionData, MeetmomentSectionData, OverstapYearPhaseSummary, OverstapYearSectionData, SummaryData } from "./types.js";

/**
 * The summary as a document, for the annual and November evaluation reports
 * (`aanjager export samenvatting`): the same content as the card, as headed tables, rendered
 * to Markdown, HTML or CSV. Pure: data in, text out.
 */
export type SummaryTable = { caption: string; columns: string[]; rows: string[][] };
export type SummaryBlock = { heading: string; paragraphs: string[]; tables: SummaryTable[] };
export type SummaryDocument = { title: string; subtitle: string; notices: string[]; blocks: SummaryBlock[] };
export type SummaryPosting = { postedAt: string | null; late: boolean };

export const INDICATOR_COLUMNS = ["Indicator", "Norm", "Nu", "Vorige", "Verschil met norm", "Verschil met vorig jaar", "Status", "Toelichting"];

function indicatorTable(caption: string, rows: readonly IndicatorRow[]): SummaryTable {
  return {
    caption,
    columns: INDICATOR_COLUMNS,
    rows: rows.map((r) => {
      const f = formatIndicatorRow(r);
      return [f.indicator, f.norm, f.nu, f.vorige, f.verschilNorm, f.verschilVorigJaar, f.statusText || NOTHING, f.note];
    }),
  };
}

export function describeDddHeadline(d: DddSectionData): string {
  const completed = d.rows[0];
  if (d.asOf === null) return "Nog geen DDD-cijfers van scholen binnen.";
  const now = formatValue(completed?.current ?? null, "percentage");
  if (d.phase === "na-deadline") {
    return `Stand op de deadline ${formatShortDate(d.deadline)}: ${now} van de DDD's ingevuld${completed?.norm !== null && completed?.norm !== undefined ? ` (norm ${formatValue(completed.norm, "percentage")})` : ""}.`;
  }
  const forecast = d.forecast ? ` Prognose ${formatShortDate(d.forecast.on)}: ${formatValue(d.forecast.completedPct, "percentage")}.` : " Nog te weinig metingen voor een prognose.";
  return `${now} van de DDD's ingevuld op ${formatShortDate(d.asOf)}.${forecast}`;
}

function dddBlock(title: string, d: DddSectionData): SummaryBlock {
  const tables: SummaryTable[] = [
    indicatorTable("Regio", d.rows),
    { caption: "Per subregio", columns: ["Subregio", "Overstappers", "DDD ingevuld", "In beeld"], rows: d.subregios.map((s) => [s.naam, String(s.overstappers), formatValue(s.completedPct, "percentage"), formatValue(s.inBeeldPct, "percentage")]) },
  ];
  if (d.behind.length > 0) {
    tables.push({ caption: "Scholen die het verst achterlopen", columns: ["School", "Subregio", "Ingevuld", "Overstappers", "%", "Verwacht"], rows: d.behind.map((s) => [s.schoolNaam, s.subregioNaam, String(s.completed), String(s.overstappers), formatValue(s.completedPct, "percentage"), formatValue(s.expectedPct, "percentage")]) });
  }
  const labels = d.trend[0]?.points.map((p) => p.label) ?? [];
  if (labels.length > 0) {
    tables.push({ caption: "Verloop (% ingevuld)", columns: ["Datum", ...d.trend.map((s) => s.legend)], rows: labels.map((label) => [label, ...d.trend.map((s) => formatValue(s.points.find((p) => p.label === label)?.value ?? null, "percentage"))]) });
  }
  if (d.finals.length > 0) {
    tables.push({ caption: "Stand op de deadline per schooljaar", columns: ["Schooljaar", "DDD ingevuld", "In beeld", "Norm"], rows: d.finals.map((f) => [f.schoolYear, formatValue(f.completedPct, "percentage"), formatValue(f.inBeeldPct, "percentage"), formatValue(f.norm, "percentage")]) });
  }
  return { heading: title, paragraphs: [describeDddHeadline(d)], tables };
}

export function describeOverstapYearHeadline(d: OverstapYearSectionData): string {
  return `Het overstapjaar van de overstappers ${d.cohort} is in de fase "${d.phaseTitle}" (stand ${formatShortDate(d.asOf)}).`;
}

const PHASE_STATE_LABELS: Record<OverstapYearPhaseSummary["state"], string> = { voorbij: "voorbij", nu: "nu", komt: "nog niet begonnen" };

/** A phase's figures on one line: counts, then the share against its norm, then the schools below it. */
export function describeOverstapPhase(p: OverstapYearPhaseSummary): string {
  if (p.state === "komt") return `vanaf ${formatShortDate(p.firstDay)}`;
  const figures = p.figures.map((f) => (f.unit === "percentage" ? `${f.label}: ${formatValue(f.value, "percentage")}${f.norm !== null ? ` (norm ${formatValue(f.norm, "percentage")}${f.status === "achter" ? ", onder de norm" : ""})` : ""}` : `${f.label}: ${f.value === null ? "nog niet gemeld" : f.value}`));
  const below = p.figures.some((f) => f.norm !== null) ? [`${p.schoolsBelowNorm} ${p.schoolsBelowNorm === 1 ? "school" : "scholen"} onder de norm of zonder cijfers`] : [];
  return [...figures, ...below].join(" · ");
}

function overstapYearBlock(title: string, d: OverstapYearSectionData): SummaryBlock {
  return {
    heading: title,
    paragraphs: [describeOverstapYearHeadline(d)],
    tables: d.cohorts.map((c) => ({
      caption: `Overstappers ${c.cohort}`,
      columns: ["Fase", "Periode", "Stand", "Cijfers"],
      rows: c.phases.map((p) => [p.title, `${formatShortDate(p.firstDay)} - ${formatShortDate(p.lastDay)}`, PHASE_STATE_LABELS[p.state], describeOverstapPhase(p)]),
    })),
  };
}

function escalationBlock(title: string, e: EscalationSectionData): SummaryBlock {
  const tables: SummaryTable[] = [
    {
      caption: "Zaken",
      columns: ["Onderdeel", "Aantal"],
      rows: [["Nieuw geopend", String(e.opened)], ["Gesloten", String(e.resolved)], ["Nog open", String(e.openTotal)], ...e.openByLevel.map((l) => [`Open: ${l.label}`, String(l.count)])],
    },
  ];
  if (e.stuurgroep.length > 0) {
    tables.push({ caption: "Bij de stuurgroep (L3)", columns: ["Zaak", "School of activiteit", "Soort", "Sinds", "Eigenaar"], rows: e.stuurgroep.map((c) => [String(c.caseId), c.name, c.type, formatShortDate(c.since), c.owner ?? "nog niemand"]) });
  }
  tables.push({ caption: "Verloop per week", columns: ["Week", "Open", "Nieuw"], rows: e.trend.map((t) => [t.label, String(t.open), String(t.opened)]) });
  const paragraphs = e.stuurgroepMore > 0 ? [`En nog ${e.stuurgroepMore} zaken bij de stuurgroep; typ **zaken** voor de hele lijst.`] : [];
  return { heading: title, paragraphs, tables };
}

function meetmomentBlock(title: string, m: MeetmomentSectionData): SummaryBlock {
  const tables: SummaryTable[] = [
    { caption: "Rondes", columns: ["Onderdeel", "Aantal"], rows: [["Rondes open", String(m.open)], ["Cijfers gevraagd", String(m.requested)], ["Cijfers binnen", String(m.responded)], ["Respons", formatValue(m.responsePct, "percentage")]] },
  ];
  if (m.overdue.length > 0) tables.push({ caption: "Te laat", columns: ["Activiteit", "Eigenaar", "Uiterlijk"], rows: m.overdue.map((o) => [o.activityNaam, o.owner, formatShortDate(o.dueOn)]) });
  return { heading: title, paragraphs: [], tables };
}

export function describeKpiCounts(k: KpiSectionData): string {
  const total = k.activities.reduce((s, a) => s + a.rows.length, 0);
  if (!k.measurementsAvailable) return `${total} KPI's met cijfers; ${NO_MEASUREMENT}: de meetmomenten worden nog ingericht. Hieronder de normen voor dit schooljaar.`;
  return `${total} KPI's: ${k.counts.opKoers} op koers, ${k.counts.risico} risico, ${k.counts.achter} achter, ${k.counts.geenMeting} zonder meting.`;
}

function kpiBlock(title: string, k: KpiSectionData): SummaryBlock {
  const paragraphs = [describeKpiCounts(k)];
  if (k.activities.some((a) => a.rows.some((r) => r.normFrom))) paragraphs.push("Een norm met * is van een eerder schooljaar: voor dit schooljaar is nog geen norm vastgesteld.");
  return { heading: title, paragraphs, tables: k.activities.map((a) => indicatorTable(a.naam, a.rows)) };
}

export function buildSummaryDocument(data: SummaryData, posting: SummaryPosting | null, options: { preview?: boolean } = {}): SummaryDocument {
  const notices: string[] = [];
  if (options.preview) notices.push("Tussenstand: deze week is nog geen samenvatting verstuurd; de cijfers zijn van nu.");
  if (posting?.late && posting.postedAt) notices.push(buildLateNotice(posting.postedAt, data.period.dueAt));
  const blocks = data.sections.map((section) => {
    switch (section.id) {
      case "ddd":
        return dddBlock(section.title, section.data);
      case "escalaties":
        return escalationBlock(section.title, section.data);
      case "meetmomenten":
        return meetmomentBlock(section.title, section.data);
      case "kpis":
        return kpiBlock(section.title, section.data);
      case "overstapjaar":
        return overstapYearBlock(section.title, section.data);
    }
  });
  return { title: buildSummaryTitle(data, options), subtitle: buildSummarySubtitle(data), notices, blocks };
}

// ---------------------------------------------------------------------------------------------
// Renderers

function escapeMarkdownCell(text: string): string {
  return text.replace(/([|*_])/g, "\\$1").replace(/\n/g, " ");
}

export function renderSummaryMarkdown(doc: SummaryDocument): string {
  const lines = [`# ${doc.title}`, "", doc.subtitle, ""];
  for (const notice of doc.notices) lines.push(`> ${notice}`, "");
  for (const block of doc.blocks) {
    lines.push(`## ${block.heading}`, "");
    for (const p of block.paragraphs) lines.push(p, "");
    for (const table of block.tables) {
      lines.push(`### ${table.caption}`, "");
      lines.push(`| ${table.columns.map(escapeMarkdownCell).join(" | ")} |`, `| ${table.columns.map(() => "---").join(" | ")} |`);
      for (const row of table.rows) lines.push(`| ${row.map(escapeMarkdownCell).join(" | ")} |`);
      lines.push("");
    }
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** **bold** as typed in the Dutch texts, after escaping. */
function inlineHtml(text: string): string {
  return escapeHtml(text).replace(/\*\*(.+?)\*\*/g, "<strong>$1</strong>");
}

export function renderSummaryHtml(doc: SummaryDocument): string {
  const out = [
    "<!doctype html>",
    '<html lang="nl">',
    "<head>",
    '<meta charset="utf-8">',
    `<title>${escapeHtml(doc.title)}</title>`,
    "<style>body{font-family:'Segoe UI',Arial,sans-serif;max-width:60rem;margin:2rem auto;color:#222}table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f0f0f0}.notice{background:#fff4ce;padding:.5rem 1rem}</style>",
    "</head>",
    "<body>",
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p>${escapeHtml(doc.subtitle)}</p>`,
  ];
  for (const notice of doc.notices) out.push(`<p class="notice">${escapeHtml(notice)}</p>`);
  for (const block of doc.blocks) {
    out.push(`<h2>${escapeHtml(block.heading)}</h2>`);
    for (const p of block.paragraphs) out.push(`<p>${inlineHtml(p)}</p>`);
    for (const table of block.tables) {
      out.push("<table>", `<caption>${escapeHtml(table.caption)}</caption>`, `<thead><tr>${table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join("")}</tr></thead>`, "<tbody>");
      for (const row of table.rows) out.push(`<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join("")}</tr>`);
      out.push("</tbody>", "</table>");
    }
  }
  out.push("</body>", "</html>");
  return `${out.join("\n")}\n`;
}

function csvCell(text: string): string {
  // Dutch spreadsheets split on ";"; quote what would break a cell, and neutralise formulas.
  const safe = /^[=+\-@]/.test(text) && !/^[+-]?\d/.test(text) ? `'${text}` : text;
  return /[";\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One block of rows per table: a header row (sectie;tabel;columns...) then its rows; a blank line between tables. */
export function renderSummaryCsv(doc: SummaryDocument): string {
  const lines: string[] = [[doc.title, doc.subtitle].map(csvCell).join(";")];
  for (const notice of doc.notices) lines.push(csvCell(notice));
  for (const block of doc.blocks) {
    for (const table of block.tables) {
      lines.push("");
      lines.push(["Sectie", "Tabel", ...table.columns].map(csvCell).join(";"));
      for (const row of table.rows) lines.push([block.heading, table.caption, ...row].map(csvCell).join(";"));
    }
  }
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}
