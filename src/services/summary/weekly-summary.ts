import { DateTime } from "luxon";
import type { SummaryCommandArgs } from "../../domain/summary/command.js";
import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import { runInTransaction, type Db } from "../../db/client.js";
import { claimWeeklySummaryPosting, findWeeklySummary, insertWeeklySummary, listStoredSummaryWeeks, listWeeklySummariesBefore, type WeeklySummaryRecord } from "../../db/weekly-summaries.js";
import { getSchoolYear, isSchoolYearLabel, isWithinOfficeHours, nextSendMoment, type WorkCalendar } from "../../domain/calendar/index.js";
import { buildSummaryDocument, renderSummaryCsv, renderSummaryHtml, renderSummaryMarkdown } from "../../domain/summary/document.js";
import { SUMMARY_DATA_VERSION, parseSummaryData, type SummaryData, type SummaryPeriod, type SummarySectionData } from "../../domain/summary/types.js";
import { buildSummaryMessageKey, decideWeeklySummary, findPreviousDueMoment, findSummaryDueMoment, findSummaryWeek, getSummaryWeek, isLatePosting, type SummarySchedule, type SummaryWeek } from "../../domain/summary/week.js";
import { AppError } from "../../errors.js";
import { describeErrorForLog, type Logger } from "../../logger.js";
import { findLinkedChannel } from "../channel-links.js";
import { listSummarySections, type SummarySection } from "./sections.js";
import type { SummarySources } from "./sources.js";
import type { EnqueueMessage } from "../ports.js";

/**
 * The weekly stuurgroep summary: made once a week, stored, posted in the stuurgroep channel,
 * and shown again on request (`samenvatting`, `samenvatting week 12`, the export).
 */
export type SummaryDeps = {
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  /** The channel's cards for a stored summary: the service gives the data, src/cards builds them. */
  renderCards: (view: SummaryView) => AdaptiveCard[];
  sources: SummarySources;
  schedule: SummarySchedule;
  logger?: Logger;
};

/** The summary's dependencies from the bot's, the jobs' or the CLI's (which share these fields). */
export function summaryDepsOf(deps: { calendar: WorkCalendar; summarySources: SummarySources; config: { summary: SummarySchedule }; logger?: Logger }): Omit<SummaryDeps, "enqueue" | "renderCards"> {
  return { calendar: deps.calendar, sources: deps.summarySources, schedule: deps.config.summary, logger: deps.logger };
}

/** How far back a stored summary still marks where "this week" starts (longer gaps: the previous due moment). */
const PERIOD_LOOKBACK_WEEKS = 12;

export function listSections(deps: Pick<SummaryDeps, "calendar" | "sources">): SummarySection[] {
  return listSummarySections({ calendar: deps.calendar, sources: deps.sources });
}

/**
 * The period a week's summary covers: from the moment the previous summary was made (or, with
 * none stored, the previous week's due moment) to `now`, so nothing is counted twice when a
 * summary went out late.
 */
export async function buildSummaryPeriod(db: Db, week: SummaryWeek, deps: Pick<SummaryDeps, "calendar" | "schedule">, now: Date): Promise<SummaryPeriod> {
  const dueAt = findSummaryDueMoment(week.weekStart, deps.schedule, deps.calendar);
  const [previous] = await listWeeklySummariesBefore(db, week.weekStart, 1);
  const horizon = DateTime.fromJSDate(now).minus({ weeks: PERIOD_LOOKBACK_WEEKS }).toJSDate();
  const from =
    previous && previous.generatedAt > horizon && previous.generatedAt < now
      ? previous.generatedAt
      : (findPreviousDueMoment(week.weekStart, deps.schedule, deps.calendar) ?? DateTime.fromJSDate(now).minus({ weeks: 1 }).toJSDate());
  return { schoolYear: week.schoolYear, week: week.week, weekYear: week.weekYear, weekStart: week.weekStart, dueAt: dueAt?.toISOString() ?? null, from: from.toISOString(), to: now.toISOString() };
}

/**
 * Runs every section provider for the period. A provider that fails leaves its section out with
 * a note on the card instead of stopping the summary: the stuurgroep still gets the rest.
 */
export async function buildSummaryData(db: Db, sections: readonly SummarySection[], period: SummaryPeriod, now: Date, logger?: Logger): Promise<SummaryData> {
  const built: SummarySectionData[] = [];
  const notes: string[] = [];
  for (const section of sections) {
    try {
      const data = await section.build(db, period, now);
      if (data !== null) built.push({ id: section.id, title: section.title, data } as SummarySectionData);
    } catch (error) {
      logger?.error({ section: section.id, err: describeErrorForLog(error) }, "summary section failed");
      notes.push(`${section.title}: deze week niet beschikbaar door een storing.`);
    }
  }
  return { version: SUMMARY_DATA_VERSION, period, generatedAt: now.toISOString(), sections: built, notes };
}

export type StoredSummary = { data: SummaryData; posting: { postedAt: string; late: boolean } | null; record: WeeklySummaryRecord };

function toStored(record: WeeklySummaryRecord): StoredSummary {
  return { data: parseSummaryData(record.data), posting: record.postedAt ? { postedAt: record.postedAt.toISOString(), late: record.late } : null, record };
}

export type WeeklySummaryRunResult = {
  /** What happened (not `status`: the job runner's JSON line already has that). */
  outcome: "verstuurd" | "al-verstuurd" | "geen-kanaal" | "nog-niet" | "vakantieweek" | "geen-werkdag";
  schoolYear: string;
  week: number;
  dueAt: string | null;
  late?: boolean;
  stored?: boolean;
  messages?: number;
};

/**
 * The `weekly-summary` job's work at `now` (daily; the domain decides whether this week's summary
 * is due). Exactly one summary per week: the row is unique per week, and posting is claimed on
 * that row in the same transaction that enqueues the cards, so a repeated run, a
 * restart or a second instance posts nothing twice. Without a linked stuurgroep channel the
 * summary is stored (chat and export show it) and posted on a later run once a channel exists.
 */
export async function runWeeklySummary(db: Db, deps: SummaryDeps, now: Date): Promise<WeeklySummaryRunResult> {
  const decision = decideWeeklySummary(now, deps.schedule, deps.calendar);
  const base = { schoolYear: decision.week.schoolYear, week: decision.week.week, dueAt: decision.kind === "nog-niet" || decision.kind === "verschuldigd" ? decision.dueAt.toISOString() : null };
  if (decision.kind !== "verschuldigd") return { outcome: decision.kind, ...base };

  let record = await findWeeklySummary(db, decision.week.schoolYear, decision.week.week);
  if (record?.postedAt) return { outcome: "al-verstuurd", ...base, late: record.late };
  if (!record) {
    const period = await buildSummaryPeriod(db, decision.week, deps, now);
    const data = await buildSummaryData(db, listSections(deps), period, now, deps.logger);
    record =
      (await insertWeeklySummary(db, { schoolYear: period.schoolYear, week: period.week, weekStart: period.weekStart, dueAt: decision.dueAt, generatedAt: now, data: JSON.stringify(data) })) ??
      (await findWeeklySummary(db, decision.week.schoolYear, decision.week.week));
    if (!record) throw new AppError("INTERNAL", "weekly summary row vanished after a unique violation");
    if (record.postedAt) return { outcome: "al-verstuurd", ...base, late: record.late };
  }

  const channel = await findLinkedChannel(db, "stuurgroep");
  if (!channel) return { outcome: "geen-kanaal", ...base, stored: true };
  const late = isLatePosting(decision.dueAt, now);
  const cards = deps.renderCards({ data: parseSummaryData(record.data), posting: { postedAt: now.toISOString(), late }, preview: false });
  // The outbox honours notBefore; a late summary found at night goes out the next working morning.
  const notBefore = isWithinOfficeHours(now, deps.calendar) ? undefined : nextSendMoment(now, deps.calendar);
  const target = record;
  const posted = await runInTransaction(db, async (tx) => {
    if (!(await claimWeeklySummaryPosting(tx, target.id, { postedAt: now, late, conversationId: channel.conversationId, parts: cards.length }))) return false;
    for (const [part, card] of cards.entries()) {
      await deps.enqueue(tx, { key: buildSummaryMessageKey(decision.week, part), purpose: "samenvatting", recipient: { conversationId: channel.conversationId }, card, ...(notBefore ? { notBefore } : {}) }, now);
    }
    return true;
  });
  if (!posted) return { outcome: "al-verstuurd", ...base };
  return { outcome: "verstuurd", ...base, late, stored: true, messages: cards.length };
}

// ---------------------------------------------------------------------------------------------
// Reading: chat and export

export type SummaryView = { data: SummaryData; posting: { postedAt: string; late: boolean } | null; preview: boolean };

/**
 * `samenvatting`: this week's stored summary when it exists (what the channel got), otherwise a
 * tussenstand built now and not stored (the stored one is made when it is due).
 */
export async function getCurrentSummary(db: Db, deps: Omit<SummaryDeps, "enqueue" | "renderCards">, now: Date): Promise<SummaryView> {
  const week = getSummaryWeek(now, deps.calendar.zone);
  const record = await findWeeklySummary(db, week.schoolYear, week.week);
  if (record) return { ...toStored(record), preview: false };
  const period = await buildSummaryPeriod(db, week, deps, now);
  return { data: await buildSummaryData(db, listSections(deps), period, now, deps.logger), posting: null, preview: true };
}

export type PastSummaryResult = { kind: "found"; view: SummaryView } | { kind: "not-found"; message: string };

/** `samenvatting week 12 [2025-2026]` and the export: a stored week (the current week may be a tussenstand). */
export async function findPastSummary(db: Db, deps: Omit<SummaryDeps, "enqueue" | "renderCards">, query: { week: number; schoolYear?: string }, now: Date): Promise<PastSummaryResult> {
  const schoolYear = query.schoolYear ?? getSchoolYear(now, deps.calendar.zone);
  if (!isSchoolYearLabel(schoolYear)) return { kind: "not-found", message: `Ongeldig schooljaar "${schoolYear}": gebruik bijvoorbeeld 2026-2027.` };
  const week = findSummaryWeek(schoolYear, query.week);
  if (!week) return { kind: "not-found", message: `Week ${query.week} bestaat niet in schooljaar ${schoolYear}. Kies een week van 1 tot en met 52.` };
  const record = await findWeeklySummary(db, week.schoolYear, week.week);
  if (record) return { kind: "found", view: { ...toStored(record), preview: false } };
  const current = getSummaryWeek(now, deps.calendar.zone);
  if (current.schoolYear === week.schoolYear && current.week === week.week) return { kind: "found", view: await getCurrentSummary(db, deps, now) };
  if (week.weekStart > current.weekStart) return { kind: "not-found", message: `Week ${week.week} van ${week.schoolYear} moet nog komen.` };
  const stored = await listStoredSummaryWeeks(db, week.schoolYear);
  const list = stored.length > 0 ? ` Opgeslagen weken in ${week.schoolYear}: ${stored.map((s) => s.week).join(", ")}.` : ` Er is in ${week.schoolYear} nog geen samenvatting opgeslagen.`;
  return { kind: "not-found", message: `Van week ${week.week} (${week.schoolYear}) is geen samenvatting opgeslagen: die week was er geen (vakantie, of Aanjager was de hele week niet bereikbaar).${list}` };
}

/** What `samenvatting` and `export samenvatting` show for their arguments. */
export async function findSummaryView(db: Db, deps: Omit<SummaryDeps, "enqueue" | "renderCards">, query: SummaryCommandArgs, now: Date): Promise<PastSummaryResult> {
  if (query.kind === "current") return { kind: "found", view: await getCurrentSummary(db, deps, now) };
  return findPastSummary(db, deps, { week: query.week, schoolYear: query.schoolYear }, now);
}

export type SummaryExportFormat = "html" | "md" | "csv";

/** The same content as the card, as a document (annual and November evaluation reports). */
export function exportSummaryView(view: SummaryView, format: SummaryExportFormat): string {
  const doc = buildSummaryDocument(view.data, view.posting, { preview: view.preview });
  return format === "html" ? renderSummaryHtml(doc) : format === "md" ? renderSummaryMarkdown(doc) : renderSummaryCsv(doc);
}
