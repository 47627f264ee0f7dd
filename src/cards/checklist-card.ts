import path from "node:path";
import { DateTime } from "luxon";
import type { RegionChecklist } from "../services/region-checklist.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type ChecklistCardData = {
  title: string;
  summary: string;
  items: { heading: string; status: string; hasTodo: boolean; todo: string; hasNames: boolean; namesText: string }[];
  hasRuns: boolean;
  runs: { title: string; value: string }[];
  footer: string;
};

/** A job's next run as people in the region read it: Amsterdam wall-clock time, in Dutch. */
export function formatRunMoment(at: Date): string {
  return DateTime.fromJSDate(at, { zone: "Europe/Amsterdam" }).setLocale("nl").toFormat("ccc d MMM yyyy, HH:mm");
}

/** The names a line concerns, with the rest as a count. */
export function describeChecklistNames(names: readonly string[], more: number): string {
  return `${names.join(", ")}${more > 0 ? ` en nog ${more}` : ""}`;
}

export function buildChecklistCardData(checklist: RegionChecklist): ChecklistCardData {
  const open = checklist.items.filter((i) => !i.done).length;
  return {
    title: `Checklist regio ${checklist.regionNaam}`,
    summary:
      open === 0
        ? `Alles staat klaar: Aanjager werkt voor ${checklist.regionNaam} (schooljaar ${checklist.schoolYear}).`
        : `Nog ${open} van de ${checklist.items.length} punten te doen voordat Aanjager volledig werkt voor ${checklist.regionNaam} (schooljaar ${checklist.schoolYear}).`,
    items: checklist.items.map((i) => ({
      // The words carry the meaning; the mark is for scanning (Teams' warning colour is unreadable on white).
      heading: `${i.done ? "✅ Klaar" : "❗ Te doen"}: **${i.label}**`,
      status: i.status,
      hasTodo: i.todo !== null,
      todo: i.todo ? `Wat te doen: ${i.todo}` : "",
      hasNames: i.names.length > 0,
      namesText: describeChecklistNames(i.names, i.moreNames),
    })),
    hasRuns: checklist.nextRuns.length > 0,
    runs: checklist.nextRuns.map((r) => ({ title: formatRunMoment(r.at), value: `${r.job}: ${r.description}` })),
    footer: `Stand van ${formatRunMoment(checklist.asOf)} (Europe/Amsterdam). Regiobestand: ${path.basename(checklist.regionFile)}.`,
  };
}

export function renderChecklistCard(data: ChecklistCardData): AdaptiveCard {
  return renderCard("checklist", data);
}
