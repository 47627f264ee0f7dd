import type { DddCardView } from "../services/ddd/views.js";
import { renderDankCard } from "./ddd-dank-card.js";
import { renderDecaanCard } from "./ddd-decaan-card.js";
import { renderMentorCard } from "./ddd-mentor-card.js";
import { renderOverzichtCard } from "./ddd-overzicht-card.js";
import { renderRegistratieCard } from "./ddd-registratie-card.js";
import type { AdaptiveCard } from "./render-card.js";
import { buildSchoolChoiceCardData, renderSchoolChoiceCard } from "./school-choice-card.js";

/** A DDD card as the DDD services return it (chat, card actions, and the reminder job's port). */
export function renderDddCard(view: DddCardView): AdaptiveCard {
  switch (view.kind) {
    case "decaan":
      return renderDecaanCard(view.card);
    case "mentor":
      return renderMentorCard(view.card);
    case "dank":
      return renderDankCard(view.card);
    case "registratie":
      return renderRegistratieCard(view.card);
    case "overzicht":
      return renderOverzichtCard(view.card);
    case "school-keuze":
      return renderSchoolChoiceCard(buildSchoolChoiceCardData(view.typed, view.candidates, { verb: view.verb, reason: view.reason }));
  }
}
