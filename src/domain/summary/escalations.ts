import { CASE_TYPE_LABELS, describeLevel, getEscalationPolicy, isCaseType } from "../cases/index.js";
import type { IsoDate } from "../calendar/index.js";
import type { EscalationSectionData } from "./types.js";

/** The stuurgroep sees at most this many L3 cases by name in a stored summary; the rest as a count. */
export const STUURGROEP_CASES_STORED = 40;
export const ESCALATION_TREND_WEEKS = 8;

export type OpenCaseForSummary = { level: number };

export type StuurgroepCaseForSummary = {
  caseId: number;
  /** The school's or activity's name; the case's own label for other subjects. */
  name: string;
  type: string;
  since: IsoDate;
  owner: string | null;
};

/**
 * The escalation section: cases opened and resolved since the previous summary, the unresolved
 * ones by level (the current policy's level names), the L3 cases by name, and the trend of open
 * and new cases over the last weeks (earlier weeks from the stored summaries).
 */
export function buildEscalationSection(input: {
  opened: number;
  resolved: number;
  open: readonly OpenCaseForSummary[];
  stuurgroep: readonly StuurgroepCaseForSummary[];
  history: readonly { label: string; open: number; opened: number }[];
  currentLabel: string;
}): EscalationSectionData {
  const policy = getEscalationPolicy();
  const levels = [-1, ...policy.levels.map((l) => l.level)];
  const topLevel = Math.max(...levels);
  const count = (level: number) => input.open.filter((c) => (level === topLevel ? c.level >= level : c.level === level)).length;
  const stuurgroep = [...input.stuurgroep].sort((a, b) => a.since.localeCompare(b.since) || a.caseId - b.caseId);
  return {
    opened: input.opened,
    resolved: input.resolved,
    openTotal: input.open.length,
    openByLevel: levels.map((level) => ({ level, label: describeLevel(policy, level), count: count(level) })),
    stuurgroep: stuurgroep.slice(0, STUURGROEP_CASES_STORED).map((c) => ({ ...c, type: isCaseType(c.type) ? CASE_TYPE_LABELS[c.type] : c.type })),
    stuurgroepMore: Math.max(0, stuurgroep.length - STUURGROEP_CASES_STORED),
    trend: [...input.history.slice(-(ESCALATION_TREND_WEEKS - 1)), { label: input.currentLabel, open: input.open.length, opened: input.opened }],
  };
}
