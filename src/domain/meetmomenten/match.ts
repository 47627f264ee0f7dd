import { DateTime } from "luxon";
import { AMSTERDAM_ZONE, type IsoDate } from "../calendar/index.js";
import { levenshtein, normalizeForMatch, scoreTokensAgainstWords } from "../text-match.js";

/**
 * Finding an activity from what an owner typed after `cijfers`: its id ("ddd", "coach4you"),
 * part of its name ("doorstroom dossier", "buddy") or either with a typo. Several equally good
 * fits give a "bedoel je ...?" instead of a guess.
 */
export type ActivityCandidate = { id: string; naam: string };

export type ActivityMatch<A extends ActivityCandidate = ActivityCandidate> = { kind: "exact"; activity: A } | { kind: "ambiguous"; candidates: A[] } | { kind: "none" };

function scoreActivity(tokens: string[], activity: ActivityCandidate): number {
  const words = [...new Set([...normalizeForMatch(activity.naam).split(" "), ...normalizeForMatch(activity.id).split(" ")])].filter(Boolean);
  return scoreTokensAgainstWords(tokens, words);
}

export function matchActivity<A extends ActivityCandidate>(query: string, activities: readonly A[]): ActivityMatch<A> {
  const typed = query.trim().toLowerCase();
  if (typed === "") return { kind: "none" };
  const byId = activities.find((a) => a.id === typed || a.id.replace(/-/g, "") === typed.replace(/[-\s]/g, ""));
  if (byId) return { kind: "exact", activity: byId };
  const idTypos = activities.filter((a) => typed.length >= 4 && levenshtein(typed, a.id) <= 1);
  if (idTypos.length === 1) return { kind: "exact", activity: idTypos[0]! };
  const tokens = normalizeForMatch(typed).split(" ").filter(Boolean);
  if (tokens.length === 0) return { kind: "none" };
  const scored = activities.map((a) => ({ a, score: scoreActivity(tokens, a) })).filter((s) => s.score > 0).sort((x, y) => y.score - x.score);
  // Dutch writes compounds as one word ("Doorstroomdossier"); people often type them apart.
  if (scored.length === 0) return tokens.length > 1 ? matchActivity(tokens.join(""), activities) : { kind: "none" };
  if (scored.length === 1 || scored[0]!.score - scored[1]!.score >= 0.15) return { kind: "exact", activity: scored[0]!.a };
  const best = scored[0]!.score;
  return { kind: "ambiguous", candidates: scored.filter((s) => best - s.score < 0.15).slice(0, 5).map((s) => s.a) };
}

/**
 * The Dutch name of a meetmoment's period: its fixed day when the catalogue names one (a
 * peildatum, "1 februari 2027"), otherwise its month ("november 2026").
 */
export function describePeriod(date: IsoDate, fixedDay: boolean): string {
  const dt = DateTime.fromISO(date, { zone: AMSTERDAM_ZONE }).setLocale("nl");
  return fixedDay ? dt.toFormat("d MMMM yyyy") : dt.toFormat("MMMM yyyy");
}

/** "maandag 2 november 2026", for the days on cards. */
export function describeDay(date: IsoDate): string {
  return DateTime.fromISO(date, { zone: AMSTERDAM_ZONE }).setLocale("nl").toFormat("cccc d MMMM yyyy");
}
