import type { OverstapDeletionNotice } from "../services/pupil-references.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type OverstapDeletionCardData = { title: string; text: string; footer: string };

/** The notice to the owner of an overstap case, a week before it is deleted with its history. */
export function buildOverstapDeletionCardData(notice: OverstapDeletionNotice): OverstapDeletionCardData {
  return {
    title: `Overstapzaak ${notice.caseId} wordt op ${notice.deleteOn} verwijderd`,
    text: `De zaak over kenmerk ${notice.reference} wordt dan met de hele geschiedenis verwijderd, ook als hij nog open staat. Het doel is voorbij: de leerling is in het nieuwe schooljaar gestart, of het is bekend dat dat niet is gebeurd. Aanjager bewaart gegevens over leerlingen niet langer dan daarvoor nodig is.`,
    footer: `Is er nog iets te doen, leg het dan vast in het dossier van de school of bij het RMC, niet in Aanjager. Vragen? ${notice.contact}`,
  };
}

export function renderOverstapDeletionCard(notice: OverstapDeletionNotice): AdaptiveCard {
  return renderCard("overstap-deletion", buildOverstapDeletionCardData(notice));
}
