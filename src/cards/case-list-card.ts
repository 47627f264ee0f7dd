import type { CaseRecord } from "../db/cases.js";
import { describeLevel, getEscalationPolicy } from "../domain/cases/index.js";
import { describeCaseState, describeCaseType } from "./case-card.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type CaseListCardData = {
  title: string;
  subtitle: string;
  hasCases: boolean;
  emptyText: string;
  items: { caseId: number; heading: string; details: string }[];
  footer: string;
};

export function buildCaseListCardData(
  cases: readonly CaseRecord[],
  /** `total`: how many match in all, when the list was cut short at a limit. */
  options: { filterDescription: string; resolved: boolean; unknownWords: string[]; total?: number },
): CaseListCardData {
  const what = options.resolved ? "Gesloten zaken" : "Openstaande zaken";
  const unknown = options.unknownWords.length > 0 ? ` Niet herkend als filter: ${options.unknownWords.join(", ")}.` : "";
  const cut = options.total !== undefined && options.total > cases.length;
  const more = cut ? ` Hier staan de eerste ${cases.length}; maak de lijst korter met een filter.` : "";
  return {
    title: cut ? `${what} (${cases.length} van ${options.total})` : `${what} (${cases.length})`,
    subtitle: `${options.filterDescription}.${unknown}${more}`,
    hasCases: cases.length > 0,
    emptyText: options.resolved ? "Geen gesloten zaken gevonden." : "Geen openstaande zaken. Mooi zo.",
    items: cases.map((c) => ({
      caseId: c.id,
      heading: `Zaak ${c.id} · ${describeCaseType(c)} · ${c.subjectLabel}`,
      details: `${describeLevel(getEscalationPolicy(c.policyVersion, c.subjectKind), c.level)} · ${describeCaseState(c)} · eigenaar: ${c.owner?.naam ?? "nog niemand"} · ernst: ${c.severity}`,
    })),
    footer: "Klik op een zaak voor de kaart met knoppen, of typ **zaak ‹nr›**. Filters: een subregio (parkstad), een type (ddd, overstap, contact, meetmoment), mijn, gesloten.",
  };
}

export function renderCaseListCard(data: CaseListCardData): AdaptiveCard {
  return renderCard("case-list", data);
}
