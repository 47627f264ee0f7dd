/**
 * The one screen for pupil data in free text. Everything people type into Aanjager (case reasons,
 * comments, closing notes, escalation reasons, the overstap reference and note, the evaluation
 * place, text KPIs of a meetmoment form) and the names in imports pass through `screenFreeText`
 * before anything is stored or sent.
 *
 * Two things are recognisable: a number that passes the elfproef (a BSN), and an e-mail address.
 * Staff addresses are fine ("nagebeld met de decaan, j.smeets@school.example"); any other address
 * may be a pupil's or a parent's. Which addresses belong to staff is the directory's knowledge,
 * so the caller passes it in.
 *
 * The screen was walked around by writing the same thing differently (`111-222-333`, zero-width
 * characters between digits, full-width or Arabic-Indic digits, `bsn111222333`, `piet ＠ gmail.com`,
 * `piet [at] gmail [dot] com`), so the text is normalised first and the patterns are loose;
 * phone numbers, dates, times, school years, postcode ranges and year-numbered references are recognised so
 * that they are not refused (tests/unit/free-text-corpus.test.ts measures the false positives).
 */

// ---------------------------------------------------------------------------------------------
// Normalisation

/** Invisible characters that can sit between digits or letters: format characters and the other default-ignorables. */
const INVISIBLE = /\p{Cf}|\p{Default_Ignorable_Code_Point}/gu;
const DECIMAL_DIGIT = /\p{Nd}/u;

const asciiDigits = new Map<string, string>();

/** A decimal digit of any script as its ASCII digit: Unicode puts each script's 0-9 in a row. */
function toAsciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  if (code < 128) return digit;
  let ascii = asciiDigits.get(digit);
  if (ascii === undefined) {
    let start = code;
    while (DECIMAL_DIGIT.test(String.fromCodePoint(start - 1))) start--;
    ascii = String((code - start) % 10);
    asciiDigits.set(digit, ascii);
  }
  return ascii;
}

/** NFKC (full-width forms, `＠`, superscripts), invisible characters removed, every script's digits as ASCII. */
export function normalizeForScreening(text: string): string {
  return text.replace(INVISIBLE, "").normalize("NFKC").replace(INVISIBLE, "").replace(/\p{Nd}/gu, toAsciiDigit);
}

// ---------------------------------------------------------------------------------------------
// BSN

/**
 * A BSN has 9 digits and passes the elfproef: 9·d1 + 8·d2 + ... + 2·d8 − 1·d9 is a multiple of 11.
 */
export function passesElfproef(digits: string): boolean {
  if (!/^\d{9}$/.test(digits)) return false;
  if (/^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

type DigitGroup = { digits: string; start: number; end: number; benign: boolean };

/**
 * Digit groups, split into runs: groups joined by any separator without letters or digits
 * ("111. 222", "111 -- 222", line breaks). A limit on its length was walked around by padding.
 */
function listDigitRuns(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  let run: DigitGroup[] = [];
  for (const match of text.matchAll(/\d+/g)) {
    const group = { digits: match[0], start: match.index, end: match.index + match[0].length, benign: false };
    const previous = run.at(-1);
    const gap = previous ? text.slice(previous.end, group.start) : "";
    if (previous && /[\p{L}\p{N}]/u.test(gap)) {
      runs.push(run);
      run = [];
    }
    run.push(group);
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

/**
 * Written shapes of things that are not a BSN but can add up to 8 or 9 digits: dates, times,
 * school years, postcode ranges and year-numbered references ("OS-2027-0042", "dossier 2027/0042").
 */
const BENIGN_PATTERNS: { pattern: RegExp; accept: (m: RegExpMatchArray) => boolean }[] = [
  // 12-3-2027, 01.11.27, 1/11/2027
  { pattern: /(?<!\d)(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})(?!\d)/g, accept: (m) => isDayMonth(Number(m[1]), Number(m[3])) },
  // 2027-03-12
  { pattern: /(?<!\d)(19|20)\d\d([-/.])(\d{1,2})\2(\d{1,2})(?!\d)/g, accept: (m) => isDayMonth(Number(m[4]), Number(m[3])) },
  // 14:00, 9.30
  { pattern: /(?<!\d[.:]?)(?:[01]?\d|2[0-3])[:.][0-5]\d(?![.:]?\d)/g, accept: () => true },
  // 2026-2027, 2026/27
  {
    pattern: /(?<!\d)((?:19|20)\d\d) ?[-/] ?((?:19|20)?\d\d)(?!\d)/g,
    accept: (m) => Number(m[2]!.slice(-2)) === (Number(m[1]) + 1) % 100,
  },
  // 6400-6499: a range of postcodes (same first two digits, rising)
  { pattern: /(?<!\d[-/.]?)(\d{4}) ?- ?(\d{4})(?![-/.]?\d)/g, accept: (m) => m[1]!.slice(0, 2) === m[2]!.slice(0, 2) && Number(m[2]) > Number(m[1]) },
  // 2027-0042: a year and a serial number
  { pattern: /(?<!\d[-/.]?)(?:19|20)\d\d[-/]\d{1,5}(?![-/.]?\d)/g, accept: () => true },
];

function isDayMonth(day: number, month: number): boolean {
  return day >= 1 && day <= 31 && month >= 1 && month <= 12;
}

/**
 * Phone numbers are refused by no one: a Dutch one has 10 digits starting with a 0 and an area
 * code of at most 4 digits ("06-12345678", "043 123 45 67"), or is an 0800/0900 number; an
 * international one starts with + or 00 and a country code ("+31 43 123 4567", "+32 (0)4 123 45 67").
 */
function markPhoneNumbers(text: string, run: DigitGroup[]): void {
  for (let i = 0; i < run.length; i++) {
    const first = run[i]!;
    const plus = text[first.start - 1] === "+";
    const international = (plus && /^[1-9]\d{0,2}$/.test(first.digits)) || /^00[1-9]\d{1,2}$/.test(first.digits);
    if (international) {
      let j = i + 1;
      if (run[j]?.digits === "0") j++; // "(0)"
      let total = 0;
      let last = -1;
      for (let k = j; k < run.length && total + run[k]!.digits.length <= 12; k++) {
        total += run[k]!.digits.length;
        last = k;
      }
      if (total >= 8) for (let k = i; k <= last; k++) run[k]!.benign = true;
      continue;
    }
    if (!/^0[1-9]\d{0,2}$/.test(first.digits)) continue;
    // 0800 and 0900 numbers have 8 or 11 digits
    const lengths = /^0[89]00$/.test(first.digits) ? [8, 11] : [10];
    let total = 0;
    for (let k = i; k < run.length && total < 11; k++) {
      total += run[k]!.digits.length;
      if (lengths.includes(total)) for (let b = i; b <= k; b++) run[b]!.benign = true;
    }
  }
}

function markBenignShapes(text: string, runs: DigitGroup[][]): void {
  const groups = runs.flat();
  for (const { pattern, accept } of BENIGN_PATTERNS) {
    // Matches and groups both come in text order: one pass over each.
    let next = 0;
    for (const match of text.matchAll(pattern)) {
      if (!accept(match)) continue;
      const end = match.index! + match[0].length;
      while (next < groups.length && groups[next]!.start < match.index!) next++;
      for (let g = next; g < groups.length && groups[g]!.end <= end; g++) groups[g]!.benign = true;
    }
  }
  for (const run of runs) markPhoneNumbers(text, run);
}

/**
 * The BSN-like numbers in a text, as 9 digits. After normalisation, every run of whole digit
 * groups joined by non-alphanumeric characters only ("111-222-333", "111. 222. 333",
 * "111_222_333") or glued to letters ("bsn111222333") that has 9 digits, or 8 digits (a BSN
 * whose leading zero was dropped), and passes the elfproef. A window inside
 * a longer unbroken number is not a BSN, nor is anything that is part of a phone number, date,
 * time, school year, postcode range or year-numbered reference.
 */
export function findBsnCandidates(text: string): string[] {
  const normalized = normalizeForScreening(text);
  const runs = listDigitRuns(normalized);
  markBenignShapes(normalized, runs);
  const found = new Set<string>();
  for (const run of runs) {
    for (let start = 0; start < run.length; start++) {
      let joined = "";
      for (let end = start; end < run.length && joined.length < 9; end++) {
        if (run[end]!.benign) break;
        joined += run[end]!.digits;
        const candidate = joined.length === 9 ? joined : joined.length === 8 ? `0${joined}` : null;
        if (candidate && passesElfproef(candidate)) found.add(candidate);
      }
    }
  }
  return [...found];
}

export function containsBsn(text: string): boolean {
  return findBsnCandidates(text).length > 0;
}

// ---------------------------------------------------------------------------------------------
// E-mail addresses

// An unquoted local part starts where a word starts: trying every position inside a long word
// would make the search quadratic (a 4,000-character form field took a quarter of a second).
const LOCAL = String.raw`(?:["“„][^"“”„\n]{1,64}["”]|(?<![\p{L}\p{N}._%+'-])[\p{L}\p{N}._%+'-]+)`;
const TIGHT_AT = String.raw`@+|%40|&#0*64;|&commat;`;
const LOOSE_AT = String.raw`\s*@+\s*|\s*[\[({]\s*(?:at|@|apenstaartje)\s*[\])}]\s*|\s+(?:at|apenstaartje)\s+`;
// A dot with a space on one side only ends a sentence: "... j.smeets@school.example. Daarna"
const DOT = String.raw`[.。｡]|\s+[.。｡]\s+|\s*[\[({]\s*(?:dot|punt)\s*[\])}]\s*|\s+(?:dot|punt)\s+`;
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
const DOMAIN = String.raw`\[[^\]\s]{1,64}\]|${LABEL}(?:(?:${DOT})${LABEL})*`;
// Written loosely ("piet @ gmail.com", "piet at gmail dot com"), it must end in a real top-level
// domain, so that "om 14:00 @ Stadhuis" stays a time and place. In the pattern itself, not a check
// afterwards: a rejected match would hide an address right after it ("leerling at at gmail dot com").
const DOMAIN_WITH_TLD = String.raw`\[[^\]\s]{1,64}\]|${LABEL}(?:(?:${DOT})${LABEL})*(?:${DOT})\p{L}{2,}(?![\p{L}\p{N}])`;
const EMAIL = new RegExp(String.raw`(${LOCAL})(?:(?:${TIGHT_AT})(${DOMAIN})|(?:${LOOSE_AT})(${DOMAIN_WITH_TLD}))`, "giu");
const ANY_DOT = new RegExp(DOT, "giu");

/** An address as the directory stores it: no spaces, spelled-out "at" and "dot" as symbols, lower case. */
function canonicalizeAddress(local: string, domain: string): string {
  const dots = domain.replace(ANY_DOT, ".");
  return `${local.replace(/^[.'-]+/, "")}@${dots}`.toLowerCase();
}

/** The e-mail addresses in a text, in canonical form (lowercased, without repeats). */
export function findEmailAddresses(text: string): string[] {
  const found = new Set<string>();
  for (const [, local, tightDomain, looseDomain] of normalizeForScreening(text).matchAll(EMAIL)) {
    if (local!.replace(/^[.'-]+/, "") === "") continue;
    found.add(canonicalizeAddress(local!, (tightDomain ?? looseDomain)!));
  }
  return [...found];
}

/** Every address in these texts, to look up in the directory before `screenFreeText`. */
export function listEmailAddresses(texts: readonly (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => (typeof t === "string" ? findEmailAddresses(t) : [])))];
}

// ---------------------------------------------------------------------------------------------
// The refusal

export type PupilDataFound = { bsn: boolean; unknownAddresses: number };

const HOW_TO_REFER =
  "Aanjager bewaart geen namen, BSN's of e-mailadressen van leerlingen of ouders. Verwijs naar een leerling alleen met een pseudoniem kenmerk: het kenmerk uit het overstapsysteem (zoals OS-2027-0042) of de leerlingcode van je eigen school; geen naam, geen BSN.";

/**
 * What was found, without repeating it (the refusal lands in a chat that Teams keeps), and how
 * to refer to a pupil instead.
 */
export function buildPupilDataRefusal(found: PupilDataFound, what = "Dit bericht"): string {
  const parts: string[] = [];
  if (found.bsn) parts.push("een nummer dat een burgerservicenummer (BSN) kan zijn");
  if (found.unknownAddresses > 0) {
    parts.push(found.unknownAddresses === 1 ? "een e-mailadres van iemand die Aanjager niet kent als medewerker in het VSV-programma" : "e-mailadressen van mensen die Aanjager niet kent als medewerker in het VSV-programma");
  }
  const other = found.bsn ? " Gaat het om een ander nummer, laat het dan weg." : " Een adres van een collega in het programma mag wel.";
  return `${what} bevat ${parts.join(" en ")}. Er is niets opgeslagen of verstuurd. ${HOW_TO_REFER}${other}`;
}

export const BSN_REFUSAL = buildPupilDataRefusal({ bsn: true, unknownAddresses: 0 });

/** What pupil data these texts carry, or null when they may be stored. */
export function findPupilData(texts: readonly (string | null | undefined)[], isStaffEmail: (address: string) => boolean): PupilDataFound | null {
  const present = texts.filter((t): t is string => typeof t === "string" && t !== "");
  const bsn = present.some(containsBsn);
  const unknownAddresses = listEmailAddresses(present).filter((a) => !isStaffEmail(a)).length;
  return bsn || unknownAddresses > 0 ? { bsn, unknownAddresses } : null;
}

/** The Dutch refusal for these texts, or null when they may be stored. */
export function screenFreeText(texts: readonly (string | null | undefined)[], isStaffEmail: (address: string) => boolean, what = "Dit bericht"): string | null {
  const found = findPupilData(texts, isStaffEmail);
  return found ? buildPupilDataRefusal(found, what) : null;
}
