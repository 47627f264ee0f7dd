import type { Db } from "../db/client.js";
import { upsertDirectory } from "../db/directory.js";
import { buildDemoRegion } from "../demo/demo-region.js";

/** `aanjager demo seed`: loads the fictional demo region. Safe to run again: nothing is duplicated. */
export async function seedDemoData(db: Db): Promise<{ schools: number; people: number; roles: number }> {
  return upsertDirectory(db, buildDemoRegion());
}
