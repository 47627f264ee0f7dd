/**
 * DDD progress figures: counts of pupils, never pupils. The counts are cumulative stages of
 * one dossier, as the overstap system exports them: every pupil who has completed a dossier has
 * also done part B, and everyone who did part B has started. Hence the rule
 * afgerond <= deelB <= gestart <= overstappers; a file or a card that breaks it has mixed up
 * columns or typed a number wrong, and accepting it would make every percentage after it wrong.
 * `inBeeld` (a vervolgkeuze registered) is a separate track: only bounded by overstappers.
 */
export type DddFigures = {
  /** Pupils moving to the mbo this school year (vmbo leerjaar 4, vso, pro). */
  overstappers: number;
  /** Started: part A begun by the pupil. */
  gestart: number;
  /** Part B done by the mentor. */
  deelB: number;
  /** Completed and delivered to the mbo. */
  afgerond: number;
  /** A vervolgkeuze is registered. */
  inBeeld: number;
};

export const DDD_FIGURE_FIELDS = ["overstappers", "gestart", "deelB", "afgerond", "inBeeld"] as const;
export type DddFigureField = (typeof DDD_FIGURE_FIELDS)[number];

/** How each number is called in Dutch messages and on cards. */
export const DDD_FIGURE_LABELS: Record<DddFigureField, string> = {
  overstappers: "overstappers",
  gestart: "gestart (deel A)",
  deelB: "deel B klaar",
  afgerond: "afgerond en aangeleverd",
  inBeeld: "in beeld",
};

/** No school has more overstappers than this; a larger number is a typo (or a pasted BSN). */
export const MAX_DDD_COUNT = 10_000;

export type FigureIssue = { field: DddFigureField | null; message: string };

/**
 * One count as typed on a card or found in a file cell: a whole, non-negative number. Accepts
 * numbers and numeric strings (card inputs arrive as text); the message says
 * in Dutch what is wrong with the value.
 */
export function parseCount(raw: unknown, field: DddFigureField): { ok: true; value: number } | { ok: false; issue: FigureIssue } {
  const parsed = parseLabelledCount(raw, DDD_FIGURE_LABELS[field]);
  return parsed.ok ? parsed : { ok: false, issue: { field, message: parsed.message } };
}

/** As parseCount, for a count with another label (the overstap counts of a file share the rules). */
export function parseLabelledCount(raw: unknown, label: string): { ok: true; value: number } | { ok: false; message: string } {
  const fail = (message: string) => ({ ok: false as const, message });
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return fail(`${label}: vul een aantal in`);
  const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : null;
  if (text === null) return fail(`${label}: geen geldig aantal`);
  if (/^-\s*\d+([.,]\d+)?$/.test(text)) return fail(`${label}: mag niet negatief zijn (${text})`);
  // "1.000" is a thousand in Dutch and 1 in English: name the reading, never pick one silently.
  if (/^\d{1,3}(\.\d{3})+$/.test(text)) return fail(`${label}: typ ${text} zonder punt, dus ${text.replace(/\./g, "")} als je ${text.replace(/\./g, "")} bedoelt`);
  if (/^\d+[.,]\d+$/.test(text)) return fail(`${label}: moet een geheel aantal zijn, geen ${text}`);
  if (!/^\d+$/.test(text)) return fail(`${label}: '${text.slice(0, 20)}' is geen getal`);
  const value = Number(text);
  if (value > MAX_DDD_COUNT) return fail(`${label}: ${value} is onwaarschijnlijk groot (maximaal ${MAX_DDD_COUNT})`);
  return { ok: true, value };
}

/** The rules between the five numbers, in Dutch, in a stable order (so tests and users see the same). */
export function checkFigureConsistency(f: DddFigures): FigureIssue[] {
  const issues: FigureIssue[] = [];
  for (const field of ["gestart", "deelB", "afgerond", "inBeeld"] as const) {
    if (f[field] > f.overstappers) {
      issues.push({ field, message: `${DDD_FIGURE_LABELS[field]} (${f[field]}) is groter dan het aantal overstappers (${f.overstappers})` });
    }
  }
  if (f.deelB > f.gestart && f.deelB <= f.overstappers) {
    issues.push({ field: "deelB", message: `deel B klaar (${f.deelB}) is groter dan gestart (${f.gestart}): deel B volgt altijd op deel A` });
  }
  if (f.afgerond > f.deelB && f.afgerond <= f.overstappers) {
    issues.push({ field: "afgerond", message: `afgerond (${f.afgerond}) is groter dan deel B klaar (${f.deelB}): een afgerond dossier heeft deel B altijd al` });
  }
  return issues;
}

/** Parses and checks five raw numbers (card inputs or CSV cells). Every problem is reported, not just the first. */
export function validateFigures(raw: Partial<Record<DddFigureField, unknown>>): { ok: true; figures: DddFigures } | { ok: false; issues: FigureIssue[] } {
  const issues: FigureIssue[] = [];
  const values: Partial<DddFigures> = {};
  for (const field of DDD_FIGURE_FIELDS) {
    const parsed = parseCount(raw[field], field);
    if (parsed.ok) values[field] = parsed.value;
    else issues.push(parsed.issue);
  }
  if (issues.length > 0) return { ok: false, issues };
  const figures = values as DddFigures;
  const consistency = checkFigureConsistency(figures);
  return consistency.length > 0 ? { ok: false, issues: consistency } : { ok: true, figures };
}

/** Completion as a fraction 0..1; null when there is nobody to complete (0 overstappers). */
export function completionRatio(f: Pick<DddFigures, "overstappers" | "afgerond">): number | null {
  if (f.overstappers <= 0) return null;
  return Math.min(1, f.afgerond / f.overstappers);
}

export function isComplete(f: Pick<DddFigures, "overstappers" | "afgerond">): boolean {
  return f.overstappers > 0 && f.afgerond >= f.overstappers;
}

/** Dossiers still open, split by where they are stuck (for the mentor card and lagging groups). */
export function describeOpenDossiers(f: DddFigures): { open: number; nietGestart: number; wachtOpDeelB: number; wachtOpAfronding: number } {
  return {
    open: Math.max(0, f.overstappers - f.afgerond),
    nietGestart: Math.max(0, f.overstappers - f.gestart),
    wachtOpDeelB: Math.max(0, f.gestart - f.deelB),
    wachtOpAfronding: Math.max(0, f.deelB - f.afgerond),
  };
}

/** Adds figures (mentor groups into a school total, schools into a region). */
export function sumFigures(list: readonly DddFigures[]): DddFigures {
  const total: DddFigures = { overstappers: 0, gestart: 0, deelB: 0, afgerond: 0, inBeeld: 0 };
  for (const f of list) for (const field of DDD_FIGURE_FIELDS) total[field] += f[field];
  return total;
}

/** Dutch percentage with at most one decimal: 96,4 %. Whole numbers without decimals: 100 %. */
export function formatPercent(ratio: number | null): string {
  if (ratio === null) return "-";
  const pct = Math.floor(ratio * 1000) / 10;
  return `${Number.isInteger(pct) ? pct.toFixed(0) : pct.toFixed(1).replace(".", ",")} %`;
}
