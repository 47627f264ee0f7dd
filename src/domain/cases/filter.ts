import { normalizeForMatch } from "../text-match.js";
import { CASE_TYPES, type CaseType } from "./types.js";

/**
 * `zaken <filter>`: a subregio ("parkstad"), a type or a word for it ("ddd", "overstap",
 * "contact"), "mijn" for the cases you own, "gesloten" for resolved ones. Words may be combined:
 * "zaken parkstad ddd".
 */
export type CaseFilter = { subregioId?: string; type?: CaseType; mine?: boolean; resolved?: boolean; unknown: string[] };

const TYPE_WORDS: Record<string, CaseType> = {
  ddd: "ddd-achterstand",
  achterstand: "ddd-achterstand",
  reactie: "geen-reactie",
  "geen reactie": "geen-reactie",
  meetmoment: "meetmoment-te-laat",
  meetmomenten: "meetmoment-te-laat",
  contact: "geen-geldig-contact",
  contacten: "geen-geldig-contact",
  geblokkeerd: "bericht-geblokkeerd",
  bericht: "bericht-geblokkeerd",
  overstap: "overstap",
  overstapzaak: "overstap",
  overstapzaken: "overstap",
  werkafspraak: "werkafspraak",
  werkafspraken: "werkafspraak",
  handmatig: "werkafspraak",
  hulp: "hulp-gevraagd",
};

export function parseCaseFilter(args: string, subregios: readonly { id: string; naam: string }[]): CaseFilter {
  const filter: CaseFilter = { unknown: [] };
  let rest = normalizeForMatch(args);
  // Multi-word subregio names first ("westelijke mijnstreek", "maastricht heuvelland").
  for (const s of [...subregios].sort((a, b) => b.naam.length - a.naam.length)) {
    for (const form of [normalizeForMatch(s.naam), normalizeForMatch(s.id)]) {
      if (form && ` ${rest} `.includes(` ${form} `)) {
        filter.subregioId = s.id;
        rest = ` ${rest} `.replace(` ${form} `, " ").trim();
      }
    }
  }
  if (` ${rest} `.includes(" geen reactie ")) {
    filter.type = "geen-reactie";
    rest = ` ${rest} `.replace(" geen reactie ", " ").trim();
  }
  for (const word of rest.split(" ").filter(Boolean)) {
    if (word === "myn") filter.mine = true; // "mijn" after normalizeForMatch (ij → y)
    else if (word === "gesloten" || word === "opgelost") filter.resolved = true;
    else if (TYPE_WORDS[word]) filter.type = TYPE_WORDS[word];
    else if ((CASE_TYPES as readonly string[]).includes(word)) filter.type = word as CaseType;
    else {
      // A subregio typed with a small typo ("parkstadt") or just its first word ("maastricht").
      const sub = subregios.find((s) => normalizeForMatch(s.naam).split(" ")[0] === word || normalizeForMatch(s.id).startsWith(word) && word.length >= 4);
      if (sub) filter.subregioId = sub.id;
      else filter.unknown.push(word);
    }
  }
  return filter;
}
