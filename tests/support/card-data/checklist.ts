import { buildChecklistCardData } from "../../../src/cards/checklist-card.js";
import type { ChecklistItem, RegionChecklist } from "../../../src/services/region-checklist.js";

/** The checklist card: a region with everything still to do (the longest names), and one that is ready. */
const asOf = new Date("2026-12-03T16:00:00Z");
const todo = (id: ChecklistItem["id"], names: string[] = [], more = 0): ChecklistItem => ({
  id,
  label: `Punt ${id}`,
  done: false,
  status: "12 van de 39 overstapscholen hebben geen geldige decaan.",
  todo: "Zet per school een decaan in de contactenlijst en lees die opnieuw in; typ contacten voor de reden per school.",
  names,
  moreNames: more,
});
const longNames = Array.from({ length: 5 }, (_, i) => `Sint-Maarten Vakcollege Maastricht-Heuvelland locatie ${i}`);
const ids: ChecklistItem["id"][] = ["schoolvakanties", "catalogus", "contactenlijst", "decanen", "bereikbaar", "kanaal-projectteam", "kanaal-stuurgroep", "ddd-cijfers"];
const runs = ["ddd-reminders", "escalations", "weekly-summary", "contact-check", "meetmomenten", "retention", "housekeeping", "sync-rosters"].map((job, i) => ({
  job,
  description: "Stuurt de herinneringen van de DDD-campagne aan decanen en mentoren",
  at: new Date(asOf.getTime() + i * 3_600_000),
}));
const base: Omit<RegionChecklist, "items"> = { regionNaam: "Zuid-Limburg", regionFile: "/srv/aanjager/src/data/regio-zuid-limburg.yaml", schoolYear: "2026-2027", asOf, nextRuns: runs };

export const CHECKLIST_CARD_DATA_SETS: Record<string, object[]> = {
  checklist: [
    buildChecklistCardData({ ...base, items: ids.map((id) => todo(id, longNames, 55)) }),
    buildChecklistCardData({ ...base, items: ids.map((id) => ({ ...todo(id), done: true, todo: null, status: "Gekoppeld." })) }),
    buildChecklistCardData({ ...base, nextRuns: [], items: [todo("catalogus")] }),
  ],
};
