import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { findChannelLink, type ChannelPurpose } from "../db/channel-links.js";
import { listSchoolTotalSnapshots } from "../db/ddd-progress.js";
import { readRegionChecklistCounts } from "../db/region-checklist.js";
import { formatSchoolYear, getSchoolYear, parseSchoolYear, type WorkCalendar } from "../domain/calendar/index.js";
import { formatLongDutchDate } from "../domain/dutch-date.js";
import { findNextSlot, type JobSchedule } from "../domain/schedule.js";
import { listActivitiesAwaitingMonths } from "./catalogue.js";
import { listSchoolsWithoutValidDecaan } from "./contacts.js";

/**
 * `checklist` (chat and CLI): what a region still misses before Aanjager works for it, each line
 * with what to do. Returns data; src/cards/checklist-card.ts and the CLI render it.
 */

export type ChecklistItemId = "schoolvakanties" | "catalogus" | "meetmomenten" | "contactenlijst" | "decanen" | "bereikbaar" | "kanaal-projectteam" | "kanaal-stuurgroep" | "ddd-cijfers";

export type ChecklistItem = {
  id: ChecklistItemId;
  label: string;
  done: boolean;
  /** What is there now, in a sentence. */
  status: string;
  /** What to do about it; null when the item is done. */
  todo: string | null;
  /** The first few names it concerns (schools, people), for a line that is not done. */
  names: string[];
  /** How many more there are than `names` shows. */
  moreNames: number;
};

export type ChecklistJobRun = { job: string; description: string; at: Date };

export type RegionChecklist = {
  regionNaam: string;
  regionFile: string;
  schoolYear: string;
  asOf: Date;
  items: ChecklistItem[];
  /** The next run of every scheduled job, soonest first. */
  nextRuns: ChecklistJobRun[];
};

export type RegionChecklistDeps = {
  db: Db;
  config: Pick<Config, "region" | "regionFile">;
  calendar: Pick<WorkCalendar, "coveredSchoolYears">;
  jobs: readonly { name: string; description: string; schedule: JobSchedule; manualOnly?: boolean }[];
};

/** A line names this many schools or people at most: the rest is a count (the full lists have their own commands). */
export const CHECKLIST_NAMES_SHOWN = 5;

function item(id: ChecklistItemId, label: string, done: boolean, status: string, todo: string, names: readonly string[] = []): ChecklistItem {
  const shown = done ? [] : names.slice(0, CHECKLIST_NAMES_SHOWN);
  return { id, label, done, status, todo: done ? null : todo, names: shown, moreNames: done ? 0 : names.length - shown.length };
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString("nl-NL")} ${n === 1 ? one : many}`;

async function describeChannel(db: Db, purpose: ChannelPurpose): Promise<ChecklistItem> {
  const link = await findChannelLink(db, purpose);
  const team = purpose === "projectteam" ? "het projectteam" : "de stuurgroep";
  const label = `Kanaal van ${team} gekoppeld`;
  const what = purpose === "projectteam" ? "zaken en escalaties gaan" : "het weekoverzicht gaat";
  return item(
    `kanaal-${purpose}`,
    label,
    link !== null,
    link ? `Gekoppeld: ${what} naar dat kanaal.` : `Nog geen kanaal: ${what} nergens heen.`,
    `Voeg Aanjager toe aan het team van ${team} en typ in het kanaal: @Aanjager koppel ${purpose}`,
  );
}

export async function buildRegionChecklist(deps: RegionChecklistDeps, now: Date): Promise<RegionChecklist> {
  const { db } = deps;
  const schoolYear = getSchoolYear(now);
  const [counts, decanen, snapshots, projectteam, stuurgroep, awaitingMonths] = await Promise.all([
    readRegionChecklistCounts(db),
    listSchoolsWithoutValidDecaan(db, now),
    listSchoolTotalSnapshots(db, schoolYear, now),
    describeChannel(db, "projectteam"),
    describeChannel(db, "stuurgroep"),
    listActivitiesAwaitingMonths(db, schoolYear),
  ]);
  const schoolsWithFigures = new Set(snapshots.map((s) => s.schoolId)).size;
  const directoryStatus =
    counts.importedPeople > 0
      ? `${plural(counts.importedPeople, "persoon", "personen")} en ${plural(counts.schools, "school", "scholen")} ingelezen.`
      : counts.demoPeople > 0
        ? `Alleen de demoregio (${plural(counts.demoPeople, "persoon", "personen")}): er is nog geen echte contactenlijst ingelezen.`
        : "Nog geen contactenlijst ingelezen: Aanjager kent geen scholen en geen mensen.";
  // The jobs plan into the next school year (the summer, a round that closes after it): both must be known.
  const nextYear = formatSchoolYear(parseSchoolYear(schoolYear).endYear);
  const missingYears = [schoolYear, nextYear].filter((y) => !deps.calendar.coveredSchoolYears.includes(y));
  const holidayFile = `src/data/schoolvakanties-${deps.config.region.vakantieregio}.yaml`;
  const items: ChecklistItem[] = [
    item(
      "schoolvakanties",
      `Schoolvakanties (regio ${deps.config.region.vakantieregio}) bekend`,
      missingYears.length === 0,
      missingYears.length === 0
        ? `Vakanties bekend tot en met schooljaar ${deps.calendar.coveredSchoolYears.at(-1)}.`
        : `Geen vakanties voor schooljaar ${missingYears.join(" en ")}: Aanjager rekent dan alleen met weekenden en feestdagen.`,
      `Vul ${holidayFile} aan met de data van rijksoverheid.nl ("Overzicht schoolvakanties per schooljaar") en start Aanjager opnieuw.`,
    ),
    item(
      "catalogus",
      "Programmacatalogus geladen",
      counts.activities > 0,
      counts.activities > 0 ? `${plural(counts.activities, "activiteit", "activiteiten")} in de catalogus.` : "De catalogus is leeg: geen activiteiten, geen meetmomenten en geen DDD-normen.",
      "Laad de meegeleverde catalogus met: aanjager database migreer (of lees een eigen catalogus in met: aanjager importeer catalogus BESTAND.yaml)",
    ),
    item(
      "meetmomenten",
      "Elke lopende activiteit heeft haar meetmomenten",
      awaitingMonths.length === 0,
      awaitingMonths.length === 0
        ? "Voor elke lopende activiteit staat vast wanneer de cijfers worden gevraagd."
        : `${plural(awaitingMonths.length, "activiteit noemt", "activiteiten noemen")} in de bron geen maand: Aanjager vraagt er geen cijfers voor tot de beheerder de maanden kiest.`,
      "Schrijf de maanden in de catalogus (months bij het meetmoment) en lees die opnieuw in met: aanjager importeer catalogus BESTAND.yaml; aanjager catalogus activiteiten toont welke het zijn.",
      awaitingMonths.map((a) => a.naam),
    ),
    item("contactenlijst", "Contactenlijst ingelezen", counts.importedPeople > 0, directoryStatus, "Lees de contactenlijst van de scholen in met: aanjager importeer contactenlijst BESTAND.xlsx (of .csv; probeer eerst met --proef). Een voorbeeld: aanjager sjabloon contactenlijst --xlsx"),
    item(
      "decanen",
      "Elke overstapschool heeft een decaan",
      decanen.overstapSchools > 0 && decanen.schools.length === 0,
      decanen.overstapSchools === 0
        ? "Er zijn nog geen overstapscholen (vmbo, vso, pro)."
        : decanen.schools.length === 0
          ? `Alle ${plural(decanen.overstapSchools, "overstapschool", "overstapscholen")} hebben een geldige decaan.`
          : `${decanen.schools.length} van de ${plural(decanen.overstapSchools, "overstapschool", "overstapscholen")} ${decanen.schools.length === 1 ? "heeft" : "hebben"} geen geldige decaan.`,
      "Zet per school een decaan in de contactenlijst en lees die opnieuw in; typ contacten voor de reden per school.",
      decanen.schools.map((s) => s.naam),
    ),
    item(
      "bereikbaar",
      "Iedereen met een rol kan Aanjager bereiken in Teams",
      counts.peopleWithRoles > 0 && counts.notInstalled.length === 0,
      counts.peopleWithRoles === 0
        ? "Er zijn nog geen mensen met een rol."
        : counts.notInstalled.length === 0
          ? `Alle ${plural(counts.peopleWithRoles, "persoon", "personen")} met een rol hebben Aanjager in Teams.`
          : `${counts.notInstalled.length} van de ${plural(counts.peopleWithRoles, "persoon", "personen")} met een rol ${counts.notInstalled.length === 1 ? "heeft" : "hebben"} Aanjager nog niet in Teams (nog niet geïnstalleerd, of verwijderd).`,
      "Installeer de Aanjager-app voor hen (Teams-beheercentrum: beleid voor app-installatie) of vraag hen Aanjager in Teams te openen; tot dan krijgen zij geen herinneringen.",
      counts.notInstalled.map((p) => p.naam),
    ),
    projectteam,
    stuurgroep,
    item(
      "ddd-cijfers",
      `DDD-cijfers van ${schoolYear} aanwezig`,
      schoolsWithFigures > 0,
      schoolsWithFigures > 0 ? `Cijfers van ${plural(schoolsWithFigures, "school", "scholen")} (laatste stand van ${formatLongDutchDate(snapshots.at(-1)!.recordedAt)}).` : `Nog geen DDD-cijfers voor schooljaar ${schoolYear}: het weekoverzicht en de herinneringen hebben geen stand.`,
      "Lees de export uit het overstapsysteem in met: aanjager importeer ddd BESTAND.xlsx (of .csv). Een voorbeeld: aanjager sjabloon ddd --xlsx",
    ),
  ];
  const nextRuns = deps.jobs
    .filter((job) => !job.manualOnly)
    .map((job) => ({ job: job.name, description: job.description, at: findNextSlot(job.schedule, now) }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.job.localeCompare(b.job));
  return { regionNaam: deps.config.region.naam, regionFile: deps.config.regionFile, schoolYear, asOf: now, items, nextRuns };
}
