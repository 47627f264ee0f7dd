import type { Db } from "../db/client.js";
import { listActivities } from "../db/catalogue.js";
import { upsertSchools } from "../db/directory.js";
import { buildDemoRegion } from "../demo/demo-region.js";
import type { Subregio } from "../domain/region.js";
import { AppError } from "../errors.js";
import { ensureCatalogue } from "./catalogue.js";
import { findBundledSubregios, importDirectoryRecords } from "./directory-import.js";
import { seedDemoDddProgress } from "./ddd/demo-progress.js";

export type DemoSeedResult = { catalogueLoaded: boolean; activities: number; schools: number; people: number; roles: number; dddSnapshots: number; changed: boolean };

/**
 * `aanjager demo seed` (and `npm start`): the bundled catalogue (only into an empty catalogue,
 * so a beheerder's edits survive), the fictional schools, and the demo people through the same
 * validation and import as a real directory file, under source "demo" so that a real import
 * never removes them and they never remove a real import's people. Safe to run again: the
 * second run writes nothing. DDD progress (a few weeks of snapshots) is added only to a school
 * year that has no figures yet, so demo numbers never mix with real imports.
 */
export async function seedDemoData(db: Db, now: Date = new Date(), subregios: readonly Subregio[] = findBundledSubregios()): Promise<DemoSeedResult> {
  const catalogue = await ensureCatalogue(db, now);
  const activityIds = (await listActivities(db)).map((a) => a.id);
  const region = buildDemoRegion(activityIds, subregios.map((s) => s.id));
  await upsertSchools(db, { subregios, schools: region.schools });
  const result = await importDirectoryRecords(db, region.records, { source: "demo", subregios });
  if (!result.ok) {
    throw new AppError("INTERNAL", `demo region rejected by the directory import: ${result.errors.slice(0, 3).map((e) => `line ${e.line}: ${e.reason}`).join("; ")}`);
  }
  const ddd = await seedDemoDddProgress(db, now);
  return {
    dddSnapshots: ddd.snapshots,
    catalogueLoaded: catalogue.loaded,
    activities: activityIds.length,
    schools: region.schools.length,
    people: result.people.added + result.people.changed + result.people.unchanged,
    roles: result.roles.added + result.roles.adopted + result.roles.unchanged,
    changed: catalogue.loaded || result.changed || ddd.snapshots > 0,
  };
}
