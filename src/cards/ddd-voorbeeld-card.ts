import { renderCard, type AdaptiveCard } from "./render-card.js";
import type { VoorbeeldCardInput } from "../services/ddd/views.js";
export type { VoorbeeldCardInput };


const MAX_LINES = 40;

/** `voorbeeld herinneringen [datum]`: who would get which reminder, without sending anything. */
export function buildVoorbeeldCardData(input: VoorbeeldCardInput) {
  return {
    title: `Voorbeeld DDD-herinneringen op ${input.momentLabel}`,
    status: input.status,
    summary: input.summary,
    hasLines: input.lines.length > 0,
    lines: input.lines.slice(0, MAX_LINES),
    hasMore: input.lines.length > MAX_LINES,
    more: `En nog ${input.lines.length - MAX_LINES} scholen; de volledige lijst geeft npx aanjager voorbeeld ddd-reminders --at ‹tijdstip›.`,
    schoolYear: input.schoolYear,
    steps: input.steps,
  };
}

export function renderVoorbeeldCard(input: VoorbeeldCardInput): AdaptiveCard {
  return renderCard("ddd-voorbeeld", buildVoorbeeldCardData(input));
}
