/**
 * Recognises text that may contain a burgerservicenummer (BSN). Aanjager stores no pupil
 * identities, so free text that looks like a BSN is refused before it is stored anywhere.
 *
 * A BSN has 9 digits and passes the elfproef: 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 is a multiple of
 * 11. People write it with spaces or dots ("1234 56 782", "123.456.782"), so digit groups
 * separated by a single space or dot are joined, and every run of whole groups that adds up to
 * exactly 9 digits is checked. A 9-digit window inside a longer unbroken number (a phone
 * number) is not a BSN.
 */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

/** The BSN-like numbers in a text (normalised to 9 digits), for tests and explanations. */
export function findBsnCandidates(text: string): string[] {
  const found: string[] = [];
  // A run: digit groups joined by single spaces or dots, not glued to letters or other digits.
  for (const match of text.matchAll(/(?<![\p{L}\d])\d+(?:[ .\u00a0]\d+)*(?![\p{L}\d])/gu)) {
    const groups = match[0].split(/[ .\u00a0]/);
    for (let start = 0; start < groups.length; start++) {
      let joined = "";
      for (let end = start; end < groups.length && joined.length < 9; end++) {
        joined += groups[end];
        if (joined.length === 9 && passesElfproef(joined)) found.push(joined);
      }
    }
  }
  return [...new Set(found)];
}

export function containsBsn(text: string): boolean {
  return findBsnCandidates(text).length > 0;
}

export const BSN_REFUSAL =
  "Dit bericht bevat een nummer dat op een burgerservicenummer (BSN) lijkt. Aanjager bewaart geen BSN's of namen van leerlingen: gebruik alleen het pseudonieme kenmerk uit het overstapsysteem (bijvoorbeeld OS-2027-0042). Er is niets opgeslagen.";
