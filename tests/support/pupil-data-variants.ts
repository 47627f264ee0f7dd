/**
 * The ways people (and an attacker) write a BSN or an e-mail address, for the property tests of
 * the pupil-data screen (issue 15). Each presentation takes a valid 9-digit BSN.
 */
import fc from "fast-check";
import { passesElfproef } from "../../src/domain/free-text.js";

const groups3 = (b: string) => [b.slice(0, 3), b.slice(3, 6), b.slice(6)];
const ZW = "\u200b";
const toScript = (text: string, zero: number) => text.replace(/\d/g, (d) => String.fromCodePoint(zero + Number(d)));

export const BSN_PRESENTATIONS: [string, (bsn: string) => string][] = [
  ["plain", (b) => b],
  ["spaces", (b) => groups3(b).join(" ")],
  ["dots", (b) => groups3(b).join(".")],
  ["hyphens", (b) => groups3(b).join("-")],
  ["underscores", (b) => groups3(b).join("_")],
  ["slashes", (b) => groups3(b).join("/")],
  ["commas", (b) => groups3(b).join(",")],
  ["dot and space", (b) => groups3(b).join(". ")],
  ["spaced hyphens", (b) => groups3(b).join(" - ")],
  ["4-2-3", (b) => `${b.slice(0, 4)} ${b.slice(4, 6)} ${b.slice(6)}`],
  ["non-breaking spaces", (b) => groups3(b).join("\u00a0")],
  ["zero-width spaces", (b) => [...b].join(ZW)],
  ["soft hyphens", (b) => [...b].join("\u00ad")],
  ["full-width digits", (b) => toScript(b, 0xff10)],
  ["Arabic-Indic digits", (b) => toScript(b, 0x0660)],
  ["Devanagari digits", (b) => toScript(b, 0x0966)],
  ["glued after letters", (b) => `bsn${b}`],
  ["glued before letters", (b) => `${b}x`],
  ["as a reference", (b) => `OS${b}`],
  ["in brackets", (b) => `(${groups3(b).join(")(")})`],
  ["padded separators", (b) => groups3(b).join(" -- / ")],
  ["line breaks", (b) => groups3(b).join("\n\n")],
  ["mixed separators", (b) => `${b.slice(0, 3)}-${b.slice(3, 6)} ${b.slice(6)}`],
  ["8 digits without the leading zero", (b) => b.replace(/^0/, "")],
];

export const ADDRESS_PRESENTATIONS: [string, (user: string, domain: string) => string][] = [
  ["plain", (u, d) => `${u}@${d}`],
  ["full-width at", (u, d) => `${u}＠${d}`],
  ["small at", (u, d) => `${u}﹫${d}`],
  ["spaces around @", (u, d) => `${u} @ ${d}`],
  ["at and dot spelled out", (u, d) => `${u} at ${d.replace(/\./g, " dot ")}`],
  ["[at] and [dot]", (u, d) => `${u} [at] ${d.replace(/\./g, " [dot] ")}`],
  ["(at) and (punt)", (u, d) => `${u} (at) ${d.replace(/\./g, " (punt) ")}`],
  ["apenstaartje", (u, d) => `${u} apenstaartje ${d.replace(/\./g, " punt ")}`],
  ["quoted local part", (u, d) => `"${u} x"@${d}`],
  ["IP literal", (u) => `${u}@[192.168.1.20]`],
  ["no top-level domain", (u, d) => `${u}@${d.split(".")[0]}`],
  ["zero-width characters", (u, d) => `${u}${ZW}@${ZW}${d}`],
  ["full-width everything", (u, d) => `${u}@${d}`.replace(/[!-~]/g, (c) => String.fromCodePoint(c.codePointAt(0)! + 0xfee0))],
];

/** A valid BSN (9 digits, elfproef), with and without a leading zero. */
export const validBsn = fc
  .tuple(fc.integer({ min: 0, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 7 }))
  .map(([first, rest]) => {
    const eight = [first, ...rest];
    const sum = eight.reduce((acc, d, i) => acc + d * (9 - i), 0);
    return { eight, last: sum % 11 };
  })
  .filter(({ last }) => last < 10)
  .map(({ eight, last }) => `${eight.join("")}${last}`)
  .filter(passesElfproef);

/** A pupil's or parent's address: a local part and a domain outside the directory. */
export const pupilAddress = fc.record({
  user: fc.stringMatching(/^[a-z]{2,8}(\.[a-z]{2,8})?$/),
  domain: fc.constantFrom("gmail.com", "hotmail.nl", "leerling.school.nl", "live.nl", "ziggo.nl"),
});
