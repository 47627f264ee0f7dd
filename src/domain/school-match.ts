import { normalizeForMatch, scoreTokensAgainstWords } from "./text-match.js";

/**
 * Finding a school from what someone typed: a BRIN ("10AB"), the full name, or a part of it with
 * the odd typo ("graaf huijn vmbo"). When several schools fit equally well the caller asks
 * "bedoel je ...?" instead of guessing.
 */
export type SchoolCandidate = { id: number; brin: string; naam: string; subregioId: string | null };

export type SchoolMatch<S extends SchoolCandidate = SchoolCandidate> =
  | { kind: "exact"; school: S }
  | { kind: "ambiguous"; candidates: S[] }
  | { kind: "none" };

const STOPWORDS = new Set(["de", "het", "een", "van", "en", "t", "s", "te", "op", "in"]);

function scoreSchool(queryTokens: string[], school: SchoolCandidate): number {
  const words = normalizeForMatch(school.naam).split(" ");
  const score = scoreTokensAgainstWords(queryTokens, words);
  // Prefer names that say little beyond what was typed ("Parkstad Lyceum" over "Parkstad Lyceum Heerlen Noord").
  return score === 0 ? 0 : score - (words.length - queryTokens.length) * 0.01;
}

export function matchSchool<S extends SchoolCandidate>(query: string, schools: readonly S[], maxCandidates = 5): SchoolMatch<S> {
  const normalized = normalizeForMatch(query);
  if (normalized === "") return { kind: "none" };
  const byBrin = schools.find((s) => s.brin.toLowerCase() === normalized.replace(/ /g, ""));
  if (byBrin) return { kind: "exact", school: byBrin };
  const byName = schools.filter((s) => normalizeForMatch(s.naam) === normalized);
  if (byName.length === 1) return { kind: "exact", school: byName[0]! };
  // Little words ("de", "van") alone say nothing about which school is meant.
  const tokens = normalized.split(" ").filter((t) => !STOPWORDS.has(t));
  if (tokens.length === 0) return { kind: "none" };
  const scored = schools
    .map((school) => ({ school, score: scoreSchool(tokens, school) }))
    .filter((s) => s.score > 0)
    .sort((a, b) => b.score - a.score || a.school.naam.localeCompare(b.school.naam));
  if (scored.length === 0) return { kind: "none" };
  if (scored.length === 1) return { kind: "exact", school: scored[0]!.school };
  // A clear winner (every word exact where the others needed typos or prefixes) is taken; a tie asks.
  if (scored[0]!.score >= 0.95 && scored[1]!.score < 0.8) return { kind: "exact", school: scored[0]!.school };
  return { kind: "ambiguous", candidates: scored.slice(0, maxCandidates).map((s) => s.school) };
}

/**
 * Splits "graaf huyn vmbo geen reactie op DDD" into the school part and the reason. An explicit
 * separator (":" or " - ") wins; otherwise the longest leading run of words that still finds a
 * school is the school.
 */
export function splitSchoolAndReason<S extends SchoolCandidate>(text: string, schools: readonly S[]): { schoolText: string; reason: string; match: SchoolMatch<S> } {
  const separator = /\s*(?::|\s-\s|\s–\s)\s*/.exec(text);
  if (separator && separator.index > 0) {
    const schoolText = text.slice(0, separator.index).trim();
    return { schoolText, reason: text.slice(separator.index + separator[0].length).trim(), match: matchSchool(schoolText, schools) };
  }
  const words = text.trim().split(/\s+/);
  for (let k = words.length; k >= 1; k--) {
    const schoolText = words.slice(0, k).join(" ");
    const match = matchSchool(schoolText, schools);
    if (match.kind !== "none") return { schoolText, reason: words.slice(k).join(" "), match };
  }
  return { schoolText: text.trim(), reason: "", match: { kind: "none" } };
}
