import { BSN_REFUSAL, containsBsn } from "./cases/bsn.js";

/**
 * Free text that people type into Aanjager (case reasons, comments, closing notes, text fields
 * of a meetmoment form) must not carry pupil data. Two things are recognisable: a number that
 * passes the elfproef (a BSN), and an e-mail address. Staff addresses are fine ("nagebeld met
 * de decaan, j.smeets@school.example"); any other address may be a pupil's or a parent's, and is
 * refused with an explanation before anything is stored.
 *
 * Which addresses belong to staff is the directory's knowledge, so the caller passes them in.
 */
const EMAIL = /[\p{L}\p{N}._%+'-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;

/** The e-mail addresses in a text, lowercased, without repeats. */
export function findEmailAddresses(text: string): string[] {
  return [...new Set([...text.matchAll(EMAIL)].map((m) => m[0].replace(/^[.'-]+/, "").toLowerCase()))];
}

export function buildEmailRefusal(addresses: readonly string[], what = "Dit bericht"): string {
  const list = addresses.map((a) => `**${a}**`).join(", ");
  return `${what} bevat een e-mailadres dat Aanjager niet kent als medewerker in het VSV-programma (${list}). Aanjager bewaart geen gegevens van leerlingen of ouders: laat het adres weg, of gebruik voor een leerling alleen het pseudonieme kenmerk. Er is niets opgeslagen.`;
}

/** The Dutch refusal for the first problem in these texts, or null when they may be stored. */
export function screenFreeText(texts: readonly (string | null | undefined)[], isStaffEmail: (address: string) => boolean, what = "Dit bericht"): string | null {
  if (texts.some((t) => typeof t === "string" && containsBsn(t))) return BSN_REFUSAL;
  return screenEmailAddresses(texts, isStaffEmail, what);
}

/** Only the e-mail part of `screenFreeText`, for text that already passed its own BSN check. */
export function screenEmailAddresses(texts: readonly (string | null | undefined)[], isStaffEmail: (address: string) => boolean, what = "Dit bericht"): string | null {
  const unknown = listEmailAddresses(texts).filter((a) => !isStaffEmail(a));
  return unknown.length > 0 ? buildEmailRefusal(unknown, what) : null;
}

/** Every address in these texts, to look up in the directory before `screenFreeText`. */
export function listEmailAddresses(texts: readonly (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => (typeof t === "string" ? findEmailAddresses(t) : [])))];
}
