import type { AdaptiveCard } from "../domain/adaptive-card.js";

export type OverstapDeletionNotice = { caseId: number; reference: string; deleteOn: string; contact: string };

/** The notice to the owner of an overstap case, a week before it is deleted with its history. */
export function renderOverstapDeletionCard(notice: OverstapDeletionNotice): AdaptiveCard {
  return {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: [
      { type: "TextBlock", text: `Overstapzaak ${notice.caseId} wordt op ${notice.deleteOn} verwijderd`, size: "Medium", weight: "Bolder", wrap: true },
      {
        type: "TextBlock",
        wrap: true,
        text: `De zaak over kenmerk ${notice.reference} wordt dan met de hele geschiedenis verwijderd, ook als hij nog open staat. Het doel is voorbij: de leerling is in het nieuwe schooljaar gestart, of het is bekend dat dat niet is gebeurd. Aanjager bewaart gegevens over leerlingen niet langer dan daarvoor nodig is.`,
      },
      { type: "TextBlock", wrap: true, isSubtle: true, text: `Is er nog iets te doen, leg het dan vast in het dossier van de school of bij het RMC, niet in Aanjager. Vragen? ${notice.contact}` },
    ],
  };
}
