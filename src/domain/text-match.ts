/**
 * Matching what people type against names: the same forgiving rules for commands, schools and
 * activities (accents, "ij" for "y", a prefix, a typo or two in a long word).
 */
export function normalizeForMatch(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ij/g, "y") // "Huijn" and "Huyn" are the same name to a Limburger
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

export function levenshtein(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** How well one typed word fits one word of a name: 1 exact, 0.9 prefix, 0.7 a typo, 0 not. */
export function scoreWordMatch(query: string, word: string): number {
  if (query === word) return 1;
  if (query.length >= 3 && word.startsWith(query)) return 0.9;
  const distance = levenshtein(query, word);
  if (query.length >= 4 && distance <= 1) return 0.7;
  if (query.length >= 7 && distance <= 2) return 0.6;
  return 0;
}

/** The average fit of every typed word to its best word of a name; 0 when any typed word fits none. */
export function scoreTokensAgainstWords(tokens: readonly string[], words: readonly string[]): number {
  let total = 0;
  for (const token of tokens) {
    const best = Math.max(0, ...words.map((w) => scoreWordMatch(token, w)));
    if (best === 0) return 0;
    total += best;
  }
  return total / tokens.length;
}
