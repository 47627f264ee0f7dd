import { renderCard, type AdaptiveCard } from "./render-card.js";

/** How many schools one card lists; Teams cards have a size limit and a long list helps nobody. */
export const MAX_SCHOOLS_ON_CARD = 40;

export type ContactsOverviewData = {
  title: string;
  summary: string;
  schools: { naam: string; brin: string; soort: string; subregioText: string; reason: string }[];
  hasMore: boolean;
  moreText: string;
  explanation: string;
};

export function buildContactsOverviewData(input: {
  schoolYear: string;
  overstapSchools: number;
  schools: readonly { naam: string; brin: string; soort: string; subregio: string | null; reason: string }[];
}): ContactsOverviewData {
  const count = input.schools.length;
  const summary =
    count === 0
      ? `Alle ${input.overstapSchools} overstapscholen (vmbo, vso, pro) hebben een geldige decaan voor schooljaar ${input.schoolYear}.`
      : `${count} van de ${input.overstapSchools} overstapscholen (vmbo, vso, pro) ${count === 1 ? "heeft" : "hebben"} geen geldige decaan voor schooljaar ${input.schoolYear}:`;
  const shown = input.schools.slice(0, MAX_SCHOOLS_ON_CARD);
  return {
    title: "Contactpersonen: scholen zonder geldige decaan",
    summary,
    schools: shown.map((s) => ({ naam: s.naam, brin: s.brin, soort: s.soort, subregioText: s.subregio ? `, ${s.subregio}` : "", reason: s.reason })),
    hasMore: count > shown.length,
    moreText: `En nog ${count - shown.length} andere scholen; los eerst bovenstaande op of vraag de beheerder om de volledige lijst.`,
    explanation:
      "Een decaan is een geldige contactpersoon als Aanjager hem in Teams kent, hij Aanjager niet heeft verwijderd of geblokkeerd, en een decaan van de school de contactpersonen dit schooljaar heeft bevestigd (kaart 'Klopt dit nog?').",
  };
}

export function renderContactsOverviewCard(data: ContactsOverviewData): AdaptiveCard {
  return renderCard("contacten", data);
}
