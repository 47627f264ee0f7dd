import type { Db } from "../db/client.js";
import { upsertDirectory } from "../db/directory.js";
import { buildDemoRegion } from "../demo/demo-region.js";
import { seedDemoDddProgress } from "./ddd/demo-progress.js";

/**
 * `aanjager demo seed`: loads the fictional demo region and, for the current school year, a few
 * weeks of DDD progress. Safe to run again: nothing is duplicated, and DDD figures are only
 * added to a school year that has none (demo numbers never mix with real imports).
 */
export async function seedDemoData(db: Db, options: { now?: Date } = {}): Promise<{ schools: number; people: number; roles: number; dddSnapshots: number }> {
  const directory = await upsertDirectory(db, buildDemoRegion());
  const ddd = await seedDemoDddProgress(db, options.now ?? new Date());
  return { ...directory, dddSnapshots: ddd.snapshots };
}
