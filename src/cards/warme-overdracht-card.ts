import type { HandoverView } from "../services/cases/index.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type HandoverCardData = {
  title: string;
  intro: string;
  facts: { title: string; value: string }[];
  hasNotice: boolean;
  notice: string;
  footer: string;
  canConfirm: boolean;
  caseId: number;
};

/** The receiving mbo intake's card of a warme overdracht: who hands over, the note, and the one button. */
export function buildHandoverCardData(view: HandoverView): HandoverCardData {
  const facts = [
    { title: "Kenmerk", value: view.reference },
    { title: "Van", value: view.fromSchool ?? "niet opgegeven" },
    { title: "Naar", value: view.receiver },
    { title: "Toelichting", value: view.note },
    ...(view.received ? [{ title: "Ontvangen", value: `${view.received.on} door ${view.received.by}` }] : []),
  ];
  return {
    title: `Warme overdracht ${view.reference} (zaak ${view.caseId})`,
    intro: view.received
      ? "Deze leerling is overgedragen en de overdracht is bevestigd."
      : "Een leerling komt naar jullie instelling en heeft een warme overdracht nodig: een persoonlijk gesprek over wat hij of zij nodig heeft. Bevestig hieronder wanneer de overdracht heeft plaatsgevonden.",
    facts,
    hasNotice: Boolean(view.notice),
    notice: view.notice ?? "",
    footer: "Alleen het pseudonieme kenmerk staat hier; naam en gegevens van de leerling staan in het DDD. Tot de bevestiging blijft de zaak open bij het projectteam.",
    canConfirm: view.received === null,
    caseId: view.caseId,
  };
}

export function renderHandoverCard(view: HandoverView): AdaptiveCard {
  return renderCard("warme-overdracht", buildHandoverCardData(view));
}
