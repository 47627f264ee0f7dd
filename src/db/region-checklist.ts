import type { Db } from "./client.js";

/** What the beheerder's checklist counts in the database (src/services/region-checklist.ts decides what is missing). */
export type RegionChecklistCounts = {
  activities: number;
  schools: number;
  /** People with a role from a directory import (demo people do not count). */
  importedPeople: number;
  demoPeople: number;
  /** People with a role who have no active personal chat with Aanjager: it is not installed for them (yet). */
  notInstalled: { naam: string }[];
  peopleWithRoles: number;
};

export async function readRegionChecklistCounts(db: Db): Promise<RegionChecklistCounts> {
  const [activities, schools, importedPeople, demoPeople, peopleWithRoles, notInstalled] = await Promise.all([
    db.activity.count({ where: { archivedAt: null } }),
    db.school.count(),
    db.person.count({ where: { roles: { some: { source: "import" } } } }),
    db.person.count({ where: { roles: { some: { source: "demo" } } } }),
    db.person.count({ where: { roles: { some: {} } } }),
    db.person.findMany({ where: { roles: { some: {} }, conversations: { none: { kind: "personal", status: "active" } } }, orderBy: { naam: "asc" }, select: { naam: true } }),
  ]);
  return { activities, schools, importedPeople, demoPeople, notInstalled, peopleWithRoles };
}
