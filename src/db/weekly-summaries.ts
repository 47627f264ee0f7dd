import type { Db, DbTx } from "./client.js";
import { isUniqueViolation, tryWrite } from "./client.js";

/**
 * The stored weekly summaries (one row per school year and week) and the reads the summary's
 * sections need (cases opened/resolved in a period, unresolved cases by level).
 */
type Client = Db | DbTx;

export type WeeklySummaryRecord = {
  id: number;
  schoolYear: string;
  week: number;
  weekStart: string;
  dueAt: Date | null;
  generatedAt: Date;
  data: string;
  postedAt: Date | null;
  late: boolean;
  conversationId: string | null;
  parts: number;
};

export type NewWeeklySummary = { schoolYear: string; week: number; weekStart: string; dueAt: Date | null; generatedAt: Date; data: string };

/** Inserts the week's row; null when another run (a restart, a second instance) stored it first. */
export async function insertWeeklySummary(db: Client, input: NewWeeklySummary): Promise<WeeklySummaryRecord | null> {
  try {
    return await tryWrite(db, () => db.weeklySummary.create({ data: input }));
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

export async function findWeeklySummary(db: Client, schoolYear: string, week: number): Promise<WeeklySummaryRecord | null> {
  return db.weeklySummary.findUnique({ where: { schoolYear_week: { schoolYear, week } } });
}

/**
 * Marks the row posted, only if nobody did yet: true for exactly one caller, who then hands the
 * card to the outbox in the same transaction.
 */
export async function claimWeeklySummaryPosting(db: Client, id: number, posting: { postedAt: Date; late: boolean; conversationId: string; parts: number }): Promise<boolean> {
  const result = await db.weeklySummary.updateMany({ where: { id, postedAt: null }, data: posting });
  return result.count === 1;
}

/** The stored weeks before `weekStart`, newest first (for trends and "vorige"). */
export async function listWeeklySummariesBefore(db: Client, weekStart: string, take: number): Promise<WeeklySummaryRecord[]> {
  return db.weeklySummary.findMany({ where: { weekStart: { lt: weekStart } }, orderBy: { weekStart: "desc" }, take });
}

export async function listStoredSummaryWeeks(db: Client, schoolYear: string): Promise<{ week: number; weekStart: string; postedAt: Date | null }[]> {
  return db.weeklySummary.findMany({ where: { schoolYear }, select: { week: true, weekStart: true, postedAt: true }, orderBy: { weekStart: "asc" } });
}

// ---------------------------------------------------------------------------------------------
// Reads for the sections

/** Cases opened in [from, to) and cases resolved in [from, to) (by their audit events, so a case reopened and closed again counts once per close). */
export async function countCaseChangesBetween(db: Client, from: Date, to: Date): Promise<{ opened: number; resolved: number }> {
  const [opened, resolved] = await Promise.all([
    db.caseEvent.count({ where: { kind: "opened", at: { gte: from, lt: to } } }),
    db.caseEvent.count({ where: { kind: "resolved", at: { gte: from, lt: to } } }),
  ]);
  return { opened, resolved };
}

/** The level of every unresolved case (only the column the summary counts). */
export async function listUnresolvedCaseLevels(db: Client): Promise<{ level: number }[]> {
  return db.case.findMany({ where: { state: { not: "opgelost" } }, select: { level: true } });
}

export async function findActivityNames(db: Client, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.activity.findMany({ where: { id: { in: ids } }, select: { id: true, naam: true } });
  return new Map(rows.map((r) => [r.id, r.naam]));
}
