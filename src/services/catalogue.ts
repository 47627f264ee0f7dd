import path from "node:path";
import type { Db } from "../db/client.js";
import { IMPORT_TRANSACTION, runInTransaction } from "../db/client.js";
import { applyCataloguePlan, countActivities, listActivities, readCatalogue } from "../db/catalogue.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import { describeActivityRun, listMeetmomenten, listProgrammePeriods, listSchedulesNeedingChoice, parseCatalogue, planCatalogueImport, resolveKpiTarget, type CatalogueIssue, type Meetmoment, type MeetmomentSchedule, type ResolvedTarget } from "../domain/catalogue.js";
import { AppError } from "../errors.js";
import { readImportFile } from "./sheet-file.js";
import { projectRoot } from "../project-root.js";

/**
 * The programme catalogue on disk and in the database. The bundled src/data/activities.yaml is
 * the programme plan's 19 activities (a copy of shared/domain/activities.yaml, so the project
 * is self-contained); the beheerder edits a copy and re-imports it with
 * `aanjager import catalogue FILE.yaml`.
 */
export const DEFAULT_CATALOGUE_PATH = path.join(projectRoot, "src", "data", "activities.yaml");

export type CatalogueImportResult =
  | { ok: true; dryRun: boolean; activities: number; changed: boolean; added: string[]; updated: string[]; archived: string[]; unchanged: number }
  | { ok: false; errors: CatalogueIssue[] };

/** Validates the whole YAML and applies it in one transaction; any problem rejects the file and writes nothing. */
export async function importCatalogueText(db: Db, text: string, options: { now: Date; dryRun?: boolean }): Promise<CatalogueImportResult> {
  const parsed = parseCatalogue(text);
  if (!parsed.ok) return { ok: false, errors: parsed.issues };
  const dryRun = options.dryRun ?? false;
  return runInTransaction(db, async (tx) => {
    const plan = planCatalogueImport(await readCatalogue(tx), parsed.activities);
    const changed = plan.toCreate.length + plan.toUpdate.length + plan.toArchive.length > 0;
    if (changed && !dryRun) await applyCataloguePlan(tx, plan, options.now);
    return { ok: true, dryRun, activities: parsed.activities.length, changed, added: plan.summary.added, updated: plan.summary.changed, archived: plan.summary.archived, unchanged: plan.summary.unchanged };
  }, IMPORT_TRANSACTION);
}

export async function importCatalogueFile(db: Db, path: string, options: { now: Date; dryRun?: boolean }): Promise<CatalogueImportResult> {
  const text = new TextDecoder().decode(await readImportFile(path));
  return importCatalogueText(db, text.replace(/^\uFEFF/, ""), options);
}

/**
 * Loads the bundled catalogue into an empty database (first start, demo seed). A catalogue the
 * beheerder has imported is left alone, so a restart never undoes their edits.
 */
export async function ensureCatalogue(db: Db, now: Date): Promise<{ loaded: boolean; activities: number }> {
  if ((await countActivities(db)) > 0) return { loaded: false, activities: await countActivities(db) };
  const result = await importCatalogueFile(db, DEFAULT_CATALOGUE_PATH, { now });
  if (!result.ok) throw new AppError("INTERNAL", `bundled catalogue is invalid: ${result.errors.length} problems`);
  return { loaded: true, activities: result.activities };
}

export type KpiWithTarget = { activityId: string; key: string; name: string; unit: string; direction: string | null; target: ResolvedTarget | null };

/**
 * The KPIs of the active catalogue with their target for a school year: the year's own target
 * if the beheerder configured one (per_year_targets in the catalogue), else the last earlier
 * year's (today that is the seed's 2019-2020 target), else none.
 */
export async function listKpiTargets(db: Db, schoolYear: string): Promise<KpiWithTarget[]> {
  return (await listActivities(db)).flatMap((a) =>
    a.kpis.map((k) => ({ activityId: a.id, key: k.key, name: k.name, unit: k.unit, direction: k.direction, target: resolveKpiTarget(k.targets, schoolYear) })),
  );
}

/** Every meetmoment of the activities running in a school year, in date order. */
export async function listCatalogueMeetmomenten(db: Db, schoolYear: string, calendar: WorkCalendar): Promise<Meetmoment[]> {
  const activities = await listActivities(db);
  const periods = listProgrammePeriods(activities);
  return activities
    .filter((a) => describeActivityRun(a, schoolYear, periods).running)
    .flatMap((a) => listMeetmomenten(a, schoolYear, calendar))
    .sort((x, y) => x.date.localeCompare(y.date));
}

const RUN_LABELS = { "nog-niet-gestart": "nog niet gestart", afgelopen: "afgelopen (looptijd)", opgevolgd: "opgevolgd door een latere programmaperiode" } as const;

/** One activity as `catalogus activiteiten` shows it: does it run, its dates, and what the beheerder still has to choose. */
export type CatalogueActivityStatus = {
  id: string;
  naam: string;
  programmaperiode: string | null;
  looptijd: string | null;
  loopt: boolean;
  status: string;
  meetmomenten: { datum: string; beschrijft: string }[];
  /** Rhythms whose source names no month: no rounds until the beheerder writes the months in the catalogue. */
  kiesMaanden: { soort: string; toelichting: string | null }[];
  /** Rhythms without dates (per bijeenkomst, driewekelijks, ...): never a round of their own. */
  zonderDatum: { soort: string; toelichting: string | null }[];
  cijfersPer: string | null;
  nietMeetbaar: string[];
  uitDuo: string[];
};

/** Running activities of a school year whose source names no months yet: no rounds until the beheerder chooses (the checklist lists them). */
export async function listActivitiesAwaitingMonths(db: Db, schoolYear: string): Promise<{ id: string; naam: string }[]> {
  const activities = await listActivities(db);
  const periods = listProgrammePeriods(activities);
  return activities.filter((a) => describeActivityRun(a, schoolYear, periods).running && listSchedulesNeedingChoice(a).length > 0).map((a) => ({ id: a.id, naam: a.naam }));
}

/**
 * Every activity of the catalogue in a school year: whether it runs, its meetmomenten, and the
 * rhythms waiting for the beheerder's choice of months (listed only for running activities: an
 * ended activity needs no choice).
 */
export async function listCatalogueActivityStatus(db: Db, schoolYear: string, calendar: WorkCalendar): Promise<CatalogueActivityStatus[]> {
  const activities = await listActivities(db);
  const periods = listProgrammePeriods(activities);
  const describe = (s: MeetmomentSchedule) => ({ soort: s.kind, toelichting: s.note });
  return activities.map((a) => {
    const run = describeActivityRun(a, schoolYear, periods);
    return {
      id: a.id,
      naam: a.naam,
      programmaperiode: a.programmePeriod,
      looptijd: a.looptijd,
      loopt: run.running,
      status: run.running ? (listSchedulesNeedingChoice(a).length > 0 ? "loopt, kies maanden" : "loopt") : RUN_LABELS[run.reason],
      meetmomenten: run.running ? listMeetmomenten(a, schoolYear, calendar).map((m) => ({ datum: m.date, beschrijft: m.describes })) : [],
      kiesMaanden: run.running ? listSchedulesNeedingChoice(a).map(describe) : [],
      zonderDatum: run.running ? a.meetmomenten.filter((s) => s.kind === "per-event" || s.kind === "other").map(describe) : [],
      cijfersPer: a.figuresPer,
      nietMeetbaar: a.kpis.filter((k) => !k.measurable).map((k) => k.name),
      uitDuo: a.kpis.filter((k) => k.duoVsv).map((k) => k.name),
    };
  });
}
