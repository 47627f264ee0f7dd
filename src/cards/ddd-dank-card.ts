import { formatPercent } from "../domain/ddd/index.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { DankCardInput } from "../services/ddd/views.js";
export type { DankCardInput };


/** The one "klaar, dank je" message a school or mentor group gets when every dossier is in. */
export function buildDankCardData(input: DankCardInput) {
  const greeting = input.greetingName ? `Hallo ${input.greetingName}, ` : "";
  return {
    title: `Klaar: alle DDD's van ${input.subject} zijn binnen`,
    subtitle: `Digitaal Doorstroomdossier · schooljaar ${input.schoolYear}`,
    message: `${greeting}alle ${input.figures.overstappers} dossiers zijn gevuld en aangeleverd aan het mbo${input.onTime ? `, op tijd voor de deadline van ${input.deadlineLabel}` : ""}. Dank je wel! Zo begint elke overstapper goed voorbereid aan het mbo. Je krijgt dit schooljaar geen DDD-herinneringen meer, tenzij er nog overstappers bijkomen.`,
    facts: [
      { title: "Afgerond en aangeleverd", value: `${input.figures.afgerond} van ${input.figures.overstappers} (${formatPercent(input.figures.afgerond / input.figures.overstappers)})` },
      { title: "In beeld (vervolgkeuze)", value: `${input.figures.inBeeld} van ${input.figures.overstappers}` },
    ],
    footer: `Vragen? ${input.contact}`,
  };
}

export function renderDankCard(input: DankCardInput): AdaptiveCard {
  return renderCard("ddd-dank", buildDankCardData(input));
}
