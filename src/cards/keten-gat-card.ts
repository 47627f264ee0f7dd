import type { ChainGapNotice } from "../services/cases/index.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type ChainGapCardData = { title: string; text: string; fix: string; footer: string };

const MISSING: Record<ChainGapNotice["audience"], { who: string; fix: string }> = {
  schoolleiding: { who: "de schoolleiding", fix: "Zet iemand met rol **schoolleiding** en de school_brin van de school in de contactenlijst en importeer die opnieuw." },
  "school-board": { who: "het schoolbestuur", fix: "Vul bij de school de kolom **school_bestuur** in en zet iemand met rol **bestuur** en die organisatie in de contactenlijst." },
  "mbo-intake": { who: "de intake", fix: "Zet iemand met rol **mbo-intake** en de school_brin van de mbo-instelling in de contactenlijst; tot dan gaat de warme overdracht alleen via het projectteam." },
  "rmc-leerplicht": { who: "RMC en leerplicht", fix: "Zet de RMC-consulent en de leerplichtambtenaar (rol **rmc** en **leerplicht**, met organisatie en subregio) in de contactenlijst." },
};

/** The beheerder's notice that a level of the escalation policy reached nobody (sent once per gap). */
export function buildChainGapCardData(notice: ChainGapNotice): ChainGapCardData {
  const missing = MISSING[notice.audience];
  return {
    title: `Zaak ${notice.caseId}: ${missing.who} is niet bereikbaar`,
    text: `Niveau L${notice.level} van zaak ${notice.caseId} moest naar ${missing.who} van ${notice.where}, maar de contactenlijst noemt daar niemand. Aanjager stuurt de zaak niet naar iemand anders.`,
    fix: missing.fix,
    footer: "Je krijgt dit bericht één keer per ontbrekende contactpersoon. Typ **contacten** voor alles wat nog ontbreekt.",
  };
}

export function renderChainGapNotice(notice: ChainGapNotice): AdaptiveCard {
  return renderCard("keten-gat", buildChainGapCardData(notice));
}
