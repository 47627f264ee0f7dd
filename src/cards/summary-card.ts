import { describeDddHeadline, describeKpiCounts, describeOverstapPhase, describeOverstapYearHeadline } from "../domain/summary/document.js";
import { buildLateNotice, buildSummarySubtitle, buildSummaryTitle, formatIndicatorRow, formatShortDate, formatValue } from "../domain/summary/format.js";
import type { DddSectionData, EscalationSectionData, IndicatorRow, KpiActivity, KpiSectionData, KpiStatus, MeetmomentSectionData, OverstapYearSectionData, SummaryData } from "../domain/summary/types.js";
import type { SummaryView } from "../services/summary/weekly-summary.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

/**
 * The weekly summary as Adaptive Cards (cards/summary.json, and cards/summary-detail.json for
 * follow-up messages). Teams refuses a message over about 28 KB, so the cards are fitted to a
 * budget: first everything in one card with the KPI details behind "Toon meer"; when that does
 * not fit, the details move to follow-up cards (as many as needed) and the lists in the main
 * card get shorter. It never fails: at worst the main card is a short overview and the export
 * has the rest.
 */
export const SUMMARY_CARD_BUDGET_BYTES = 26 * 1024;

type Fact = { title: string; value: string };
export type IndicatorCardRow = { indicator: string; note: string; norm: string; nu: string; vorige: string; verschilNorm: string; verschilVorigJaar: string;
  /** Under the indicator: the previous value and both differences (a six-column table breaks words on a phone). */
  details: string;
};
type ActivityCardData = { naam: string; rows: IndicatorCardRow[] };
type LineSeries = { legend: string; values: { x: string; y: number }[] };

export type SummaryCardData = {
  title: string;
  subtitle: string;
  hasNotices: boolean;
  notices: { text: string }[];
  ddd: {
    show: boolean; title: string; headline: string; rows: IndicatorCardRow[]; barTitle: string; bars: { x: string; y: number; color: string }[]; barFacts: Fact[];
    hasLines: boolean; lineTitle: string; lines: LineSeries[]; lineFacts: Fact[]; hasBehind: boolean; behind: Fact[]; hasFinals: boolean; finals: Fact[];
  };
  escalaties: { show: boolean; title: string; facts: Fact[]; lineTitle: string; lines: LineSeries[]; lineFacts: Fact[]; hasStuurgroep: boolean; stuurgroepTitle: string; stuurgroep: Fact[]; hasStuurgroepMore: boolean; stuurgroepMore: string };
  meetmomenten: { show: boolean; title: string; facts: Fact[]; hasOverdue: boolean; overdue: Fact[] };
  overstapjaar: { show: boolean; title: string; headline: string; facts: Fact[] };
  kpis: {
    show: boolean; title: string; counts: string; hasRows: boolean; rowsTitle: string; rows: IndicatorCardRow[]; hasRowsMore: boolean; rowsMore: string;
    hasFollowUp: boolean; followUp: string; hasInlineMore: boolean; more: ActivityCardData[]; hasFootnote: boolean; footnote: string;
  };
  hasNotes: boolean;
  notes: string;
  footer: string;
};

export type SummaryDetailCardData = { title: string; subtitle: string; activities: ActivityCardData[]; hasFootnote: boolean; footnote: string };

export type SummaryCardOptions = {
  /** When and whether it was posted late (the card says "later verstuurd"). */
  posting?: { postedAt: string; late: boolean } | null;
  /** A live build that is not this week's stored summary. */
  preview?: boolean;
  budgetBytes?: number;
};

/** How much the main card shows before it has to shorten. */
type Limits = { attentionRows: number; stuurgroep: number; behind: number; overdue: number; inlineMore: boolean; followUps: boolean };

const LEVELS: Limits[] = [
  { attentionRows: 12, stuurgroep: 15, behind: 5, overdue: 10, inlineMore: true, followUps: false },
  { attentionRows: 12, stuurgroep: 15, behind: 5, overdue: 10, inlineMore: false, followUps: true },
  { attentionRows: 6, stuurgroep: 8, behind: 3, overdue: 5, inlineMore: false, followUps: true },
  { attentionRows: 0, stuurgroep: 3, behind: 0, overdue: 0, inlineMore: false, followUps: true },
];

/** Not "* ..." at the start: Teams reads that as a bullet list. */
const NORM_FOOTNOTE = "Een norm met * is van een eerder schooljaar: voor dit schooljaar is nog geen norm vastgesteld.";

const CHART_COLORS: Record<KpiStatus, string> = { "op-koers": "good", risico: "warning", achter: "attention" };


export function toIndicatorCardRow(row: IndicatorRow, context?: string): IndicatorCardRow {
  const f = formatIndicatorRow(row);
  return {
    indicator: f.indicator,
    note: [context, f.statusText, f.note].filter(Boolean).join(" · "),
    norm: f.norm,
    nu: f.nu,
    vorige: f.vorige,
    verschilNorm: f.verschilNorm,
    verschilVorigJaar: f.verschilVorigJaar,
    details: `vorige meting ${f.vorige} · t.o.v. norm ${f.verschilNorm} · t.o.v. vorig jaar ${f.verschilVorigJaar}`,
  };
}

function toActivityCardData(activity: KpiActivity): ActivityCardData {
  return { naam: activity.naam, rows: activity.rows.map((r) => toIndicatorCardRow(r)) };
}

function emptySections(): Omit<SummaryCardData, "title" | "subtitle" | "hasNotices" | "notices" | "hasNotes" | "notes" | "footer"> {
  return {
    ddd: { show: false, title: "", headline: "", rows: [], barTitle: "", bars: [], barFacts: [], hasLines: false, lineTitle: "", lines: [], lineFacts: [], hasBehind: false, behind: [], hasFinals: false, finals: [] },
    escalaties: { show: false, title: "", facts: [], lineTitle: "", lines: [], lineFacts: [], hasStuurgroep: false, stuurgroepTitle: "", stuurgroep: [], hasStuurgroepMore: false, stuurgroepMore: "" },
    meetmomenten: { show: false, title: "", facts: [], hasOverdue: false, overdue: [] },
    overstapjaar: { show: false, title: "", headline: "", facts: [] },
    kpis: { show: false, title: "", counts: "", hasRows: false, rowsTitle: "", rows: [], hasRowsMore: false, rowsMore: "", hasFollowUp: false, followUp: "", hasInlineMore: false, more: [], hasFootnote: false, footnote: "" },
  };
}

function dddCardData(title: string, d: DddSectionData, limits: Limits): SummaryCardData["ddd"] {
  const expected = d.rows[0]?.expected ?? null;
  const lines: LineSeries[] = d.trend.map((s) => ({ legend: s.legend, values: s.points.map((p) => ({ x: p.label, y: p.value })) }));
  const labels = d.trend[0]?.points.map((p) => p.label) ?? [];
  return {
    show: true,
    title,
    headline: describeDddHeadline(d),
    rows: d.rows.map((r) => toIndicatorCardRow(r)),
    barTitle: `DDD ingevuld per subregio (%)${d.asOf ? `, ${formatShortDate(d.asOf)}` : ""}`,
    bars: d.subregios.map((s) => ({
      x: s.naam,
      y: Math.round((s.completedPct ?? 0) * 10) / 10,
      color: expected === null || s.completedPct === null ? "categoricalBlue" : s.completedPct >= expected ? CHART_COLORS["op-koers"] : s.completedPct >= expected - 2 ? CHART_COLORS.risico : CHART_COLORS.achter,
    })),
    barFacts: d.subregios.map((s) => ({ title: s.naam, value: `${formatValue(s.completedPct, "percentage")} ingevuld (${s.completed} van ${s.overstappers}), ${formatValue(s.inBeeldPct, "percentage")} in beeld` })),
    hasLines: labels.length > 0,
    lineTitle: d.phase === "campagne" ? `Verloop naar ${formatShortDate(d.deadline)} (% ingevuld)` : "Verloop van de campagne (% ingevuld)",
    lines,
    lineFacts: labels.map((label) => ({ title: label, value: d.trend.map((s) => `${s.legend}: ${formatValue(s.points.find((p) => p.label === label)?.value ?? null, "percentage")}`).join(" · ") })),
    hasBehind: limits.behind > 0 && d.behind.length > 0,
    behind: d.behind.slice(0, limits.behind).map((s) => ({ title: s.schoolNaam, value: `${formatValue(s.completedPct, "percentage")} (${s.completed} van ${s.overstappers}), ${s.subregioNaam}` })),
    hasFinals: d.finals.length > 0,
    finals: d.finals.map((f) => ({ title: f.schoolYear, value: `${formatValue(f.completedPct, "percentage")} ingevuld, ${formatValue(f.inBeeldPct, "percentage")} in beeld${f.norm !== null ? ` (norm ${formatValue(f.norm, "percentage")})` : ""}` })),
  };
}

/** Every phase of every running cohort as a fact: "2026-2027 · Toelating en plaatsing (nu)" and its figures. */
function overstapYearCardData(title: string, d: OverstapYearSectionData): SummaryCardData["overstapjaar"] {
  return {
    show: true,
    title,
    headline: describeOverstapYearHeadline(d),
    facts: d.cohorts.flatMap((c) => c.phases.map((p) => ({ title: `${c.cohort} · ${p.title}${p.state === "nu" ? " (nu)" : ""}`, value: describeOverstapPhase(p) }))),
  };
}

function escalationCardData(title: string, e: EscalationSectionData, limits: Limits): SummaryCardData["escalaties"] {
  const listed = e.stuurgroep.slice(0, limits.stuurgroep);
  const more = e.stuurgroep.length - listed.length + e.stuurgroepMore;
  return {
    show: true,
    title,
    facts: [
      { title: "Nieuw geopend", value: String(e.opened) },
      { title: "Gesloten", value: String(e.resolved) },
      { title: "Nog open", value: String(e.openTotal) },
      { title: "Open per niveau", value: e.openByLevel.map((l) => `${l.level < 0 ? "nog niet" : `L${l.level}`} ${l.count}`).join(" · ") },
    ],
    lineTitle: "Open en nieuwe zaken per week",
    lines: [
      { legend: "open", values: e.trend.map((t) => ({ x: t.label, y: t.open })) },
      { legend: "nieuw", values: e.trend.map((t) => ({ x: t.label, y: t.opened })) },
    ],
    lineFacts: e.trend.map((t) => ({ title: t.label, value: `${t.open} open, ${t.opened} nieuw` })),
    hasStuurgroep: e.stuurgroep.length > 0,
    stuurgroepTitle: `Bij de stuurgroep (L3): ${e.stuurgroep.length + e.stuurgroepMore}`,
    stuurgroep: listed.map((c) => ({ title: c.name, value: `zaak ${c.caseId} · ${c.type} · sinds ${formatShortDate(c.since)} · ${c.owner ?? "nog geen eigenaar"}` })),
    hasStuurgroepMore: more > 0,
    stuurgroepMore: `En nog ${more}; typ **zaken** voor de hele lijst.`,
  };
}

function meetmomentCardData(title: string, m: MeetmomentSectionData, limits: Limits): SummaryCardData["meetmomenten"] {
  return {
    show: true,
    title,
    facts: [
      { title: "Rondes open", value: String(m.open) },
      { title: "Respons", value: m.responsePct === null ? "—" : `${formatValue(m.responsePct, "percentage")} (${m.responded} van ${m.requested})` },
      { title: "Te laat", value: String(m.overdue.length) },
    ],
    hasOverdue: limits.overdue > 0 && m.overdue.length > 0,
    overdue: m.overdue.slice(0, limits.overdue).map((o) => ({ title: o.owner, value: `${o.activityNaam} (uiterlijk ${formatShortDate(o.dueOn)})` })),
  };
}

/** The rows worth the stuurgroep's attention: behind first, then at risk; without measurements the KPIs that have a norm. */
function selectAttentionRows(k: KpiSectionData): { title: string; rows: (IndicatorRow & { activityNaam: string })[] } {
  const all = k.activities.flatMap((a) => a.rows.map((r) => ({ ...r, activityNaam: a.naam })));
  if (!k.measurementsAvailable) return { title: "Normen voor dit schooljaar", rows: all.filter((r) => r.norm !== null) };
  const rank: Record<string, number> = { achter: 0, risico: 1 };
  return { title: "Aandacht nodig (achter of risico)", rows: all.filter((r) => r.status === "achter" || r.status === "risico").sort((a, b) => rank[a.status!]! - rank[b.status!]!) };
}

function kpiCardData(title: string, k: KpiSectionData, limits: Limits, detailParts: number): SummaryCardData["kpis"] {
  const attention = selectAttentionRows(k);
  const listed = attention.rows.slice(0, limits.attentionRows);
  const defaulted = k.activities.some((a) => a.rows.some((r) => r.normFrom));
  const more = limits.inlineMore ? listDetailActivities(k).map(toActivityCardData) : [];
  return {
    show: true,
    title,
    counts: describeKpiCounts(k),
    hasRows: listed.length > 0,
    rowsTitle: attention.title,
    rows: listed.map((r) => toIndicatorCardRow(r, r.activityNaam)),
    hasRowsMore: attention.rows.length > listed.length,
    rowsMore: `En nog ${attention.rows.length - listed.length} in de volledige tabel.`,
    hasFollowUp: detailParts > 0,
    followUp: detailParts === 1 ? "De volledige tabel per activiteit staat in het bericht hieronder." : `De volledige tabel per activiteit staat in de ${detailParts} berichten hieronder.`,
    hasInlineMore: more.length > 0,
    more,
    hasFootnote: defaulted,
    footnote: NORM_FOOTNOTE,
  };
}

export function buildSummaryCardData(data: SummaryData, options: SummaryCardOptions, limits: Limits = LEVELS[0]!, detailParts = 0): SummaryCardData {
  const notices: { text: string }[] = [];
  if (options.preview) notices.push({ text: "Tussenstand: deze week is nog geen samenvatting verstuurd; de cijfers zijn van nu." });
  if (options.posting?.late) notices.push({ text: buildLateNotice(options.posting.postedAt, data.period.dueAt) });
  const card: SummaryCardData = {
    title: buildSummaryTitle(data, { preview: options.preview }),
    subtitle: buildSummarySubtitle(data),
    hasNotices: notices.length > 0,
    notices,
    ...emptySections(),
    hasNotes: data.notes.length > 0,
    notes: data.notes.join(" "),
    footer: `Typ **samenvatting week ${data.period.week}** om deze samenvatting later terug te zien.`,
  };
  for (const section of data.sections) {
    if (section.id === "ddd") card.ddd = dddCardData(section.title, section.data, limits);
    else if (section.id === "escalaties") card.escalaties = escalationCardData(section.title, section.data, limits);
    else if (section.id === "meetmomenten") card.meetmomenten = meetmomentCardData(section.title, section.data, limits);
    else if (section.id === "overstapjaar") card.overstapjaar = overstapYearCardData(section.title, section.data);
    else card.kpis = kpiCardData(section.title, section.data, limits, detailParts);
  }
  return card;
}

function byteSize(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card));
}

function detailData(data: SummaryData, activities: ActivityCardData[], part: number, parts: number, footnote: boolean): SummaryDetailCardData {
  return {
    title: `KPI's per activiteit, ${data.period.schoolYear} week ${data.period.week} (deel ${part} van ${parts})`,
    subtitle: `Bij de weeksamenvatting van ${formatShortDate(data.period.weekStart)}. Kolommen: indicator | norm | nu | vorige | verschil met norm | verschil met vorig jaar.`,
    activities,
    hasFootnote: footnote,
    footnote: NORM_FOOTNOTE,
  };
}

/**
 * The rows worth a follow-up message: those with a norm or a measurement (a KPI with neither
 * says nothing yet). None when the main card already lists all of them.
 */
function listDetailActivities(k: KpiSectionData): KpiActivity[] {
  const activities = k.activities.map((a) => ({ ...a, rows: a.rows.filter((r) => r.norm !== null || r.current !== null) })).filter((a) => a.rows.length > 0);
  const informative = activities.reduce((s, a) => s + a.rows.length, 0);
  const attention = selectAttentionRows(k).rows.length;
  return !k.measurementsAvailable && informative <= attention ? [] : activities;
}

/** Packs the activities into as few detail cards as fit the budget (an activity too big alone is split by rows). */
function packDetailCards(data: SummaryData, k: KpiSectionData, budget: number): SummaryDetailCardData[] {
  const footnote = k.activities.some((a) => a.rows.some((r) => r.normFrom));
  const pieces: ActivityCardData[] = [];
  const activities = listDetailActivities(k);
  if (activities.length === 0) return [];
  const base = byteSize(renderCard("summary-detail", detailData(data, [], 99, 99, footnote)));
  const sizeOf = (a: ActivityCardData) => byteSize(renderCard("summary-detail", detailData(data, [a], 99, 99, footnote))) - base;
  for (const activity of activities.map(toActivityCardData)) {
    if (base + sizeOf(activity) <= budget) {
      pieces.push(activity);
      continue;
    }
    // One activity with very many KPIs: split its rows over cards.
    let chunk: IndicatorCardRow[] = [];
    for (const row of activity.rows) {
      const next = { naam: activity.naam, rows: [...chunk, row] };
      if (chunk.length > 0 && base + sizeOf(next) > budget) {
        pieces.push({ naam: activity.naam, rows: chunk });
        chunk = [row];
      } else chunk = next.rows;
    }
    if (chunk.length > 0) pieces.push({ naam: activity.naam, rows: chunk });
  }
  const groups: ActivityCardData[][] = [];
  let current: ActivityCardData[] = [];
  let size = base;
  for (const piece of pieces) {
    const pieceSize = sizeOf(piece);
    if (current.length > 0 && size + pieceSize > budget) {
      groups.push(current);
      current = [];
      size = base;
    }
    current.push(piece);
    size += pieceSize;
  }
  if (current.length > 0) groups.push(current);
  return groups.map((activities, i) => detailData(data, activities, i + 1, groups.length, footnote));
}

export type SummaryCardSet = { main: SummaryCardData; details: SummaryDetailCardData[] };

/**
 * The data of the main card and of the follow-up cards, fitted to the budget. Pure apart from
 * measuring rendered sizes (each render is a couple of milliseconds).
 */
export function planSummaryCards(data: SummaryData, options: SummaryCardOptions = {}): SummaryCardSet {
  const budget = options.budgetBytes ?? SUMMARY_CARD_BUDGET_BYTES;
  const kpis = data.sections.find((s) => s.id === "kpis");
  let details: SummaryDetailCardData[] | null = null;
  for (const limits of LEVELS) {
    if (limits.followUps && kpis?.id === "kpis" && details === null) details = packDetailCards(data, kpis.data, budget);
    const parts = limits.followUps ? (details?.length ?? 0) : 0;
    const main = buildSummaryCardData(data, options, limits, parts);
    if (byteSize(renderCard("summary", main)) <= budget) return { main, details: limits.followUps ? (details ?? []) : [] };
  }
  // Last resort (never seen with 60 schools and 19 activities): only the headline figures.
  const minimal = buildSummaryCardData({ ...data, sections: data.sections.filter((s) => s.id === "escalaties") }, options, LEVELS[LEVELS.length - 1]!, 0);
  minimal.hasNotes = true;
  minimal.notes = "Deze samenvatting is te groot voor een kaart in Teams; hier staan alleen de escalaties. De volledige samenvatting kan het projectteam als bestand ophalen: typ **export samenvatting** in de chat met Aanjager.";
  minimal.escalaties.hasStuurgroep = false;
  return { main: minimal, details: details ?? [] };
}

export function renderSummaryCards(data: SummaryData, options: SummaryCardOptions = {}): AdaptiveCard[] {
  const plan = planSummaryCards(data, options);
  return [renderCard("summary", plan.main), ...plan.details.map((d) => renderCard("summary-detail", d))];
}

/** The cards of a summary as the summary service returns it (stored, posted, or a tussenstand). */
export function renderSummaryView(view: SummaryView): AdaptiveCard[] {
  return renderSummaryCards(view.data, { posting: view.posting, preview: view.preview });
}
