import { renderCard, type AdaptiveCard } from "./render-card.js";

/** "Bedoel je ...?": one button per school that fits what was typed. */
export type SchoolChoiceCardData = {
  intro: string;
  candidates: { label: string; verb: string; schoolId: number; reason: string }[];
};

export function buildSchoolChoiceCardData(typed: string, candidates: readonly { id: number; naam: string; brin: string }[], action: { verb: string; reason: string }): SchoolChoiceCardData {
  return {
    intro: `Meerdere scholen passen bij "${typed}". Kies de school die je bedoelt:`,
    candidates: candidates.map((s) => ({ label: `${s.naam} (${s.brin})`, verb: action.verb, schoolId: s.id, reason: action.reason })),
  };
}

export function renderSchoolChoiceCard(data: SchoolChoiceCardData): AdaptiveCard {
  return renderCard("school-choice", data);
}
