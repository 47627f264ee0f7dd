import type { OverstapYearCardView } from "../services/ddd/overstap-year.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

/** A reminder of the overstap year after 1 April (toelating and plaatsing, start in the mbo) to a school's decanen. */
export function renderOverstapYearCard(view: OverstapYearCardView): AdaptiveCard {
  return renderCard("overstapjaar", view);
}
