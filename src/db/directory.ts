import type { Db, DbTx } from "./client.js";
import { queryInChunks, writeInChunks } from "./chunks.js";
import type { CurrentDirectory, DirectoryContext, DirectoryPlan, DirectorySource } from "../domain/directory.js";
import { buildScopeKey } from "../domain/roles.js";

type Client = Db | DbTx;

/** What directory validation needs from the database: active activities and known schools. */
export async function readDirectoryContext(db: Client): Promise<Omit<DirectoryContext, "subregios">> {
  const [activities, schools] = await Promise.all([
    db.activity.findMany({ where: { archivedAt: null }, select: { id: true } }),
    db.school.findMany({ select: { brin: true, soort: true } }),
  ]);
  return { activityIds: new Set(activities.map((a) => a.id)), schoolBrins: new Set(schools.map((s) => s.brin)), mboBrins: new Set(schools.filter((s) => s.soort === "mbo").map((s) => s.brin)) };
}

/**
 * The slice of the database an import of `source` can change: the people named in the file,
 * everyone holding an assignment of that source, all their roles, schools and subregio's.
 */
export async function readDirectoryState(db: Client, input: { emails: readonly string[]; aadObjectIds: readonly string[]; source: DirectorySource }): Promise<CurrentDirectory> {
  const personSelect = { id: true, email: true, naam: true, aadObjectId: true } as const;
  const [byEmail, byAadObjectId, bySource, schools, subregios, organisations] = await Promise.all([
    queryInChunks(input.emails, (slice) => db.person.findMany({ where: { email: { in: slice } }, select: personSelect })),
    queryInChunks(input.aadObjectIds, (slice) => db.person.findMany({ where: { aadObjectId: { in: slice } }, select: personSelect })),
    db.person.findMany({ where: { roles: { some: { source: input.source } } }, select: personSelect }),
    db.school.findMany({ select: { id: true, brin: true, naam: true, soort: true, subregioId: true, bestuur: { select: { code: true } } } }),
    db.subregio.findMany({ select: { id: true, naam: true } }),
    db.organisation.findMany({ select: { id: true, code: true, naam: true, soort: true, subregioId: true } }),
  ]);
  const people = new Map([...byEmail, ...byAadObjectId, ...bySource].map((p) => [p.id, p]));
  const roles = await queryInChunks([...people.keys()], (slice) =>
    db.roleAssignment.findMany({ where: { personId: { in: slice } }, select: { id: true, personId: true, role: true, scopeKey: true, source: true } }),
  );
  return {
    people: [...people.values()],
    roles,
    schools: schools.map(({ bestuur, ...s }) => ({ ...s, bestuurCode: bestuur?.code ?? null })),
    subregios: new Map(subregios.map((s) => [s.id, s.naam])),
    organisations,
  };
}

/**
 * Writes a plan made by planDirectoryImport. Call inside runInTransaction: a failure halfway
 * must leave nothing behind. Bulk statements keep a 500-row import to a handful of queries.
 */
export async function applyDirectoryPlan(tx: DbTx, plan: DirectoryPlan, source: DirectorySource): Promise<void> {
  if (plan.subregiosToCreate.length > 0) await tx.subregio.createMany({ data: plan.subregiosToCreate });
  for (const subregio of plan.subregiosToRename) await tx.subregio.update({ where: { id: subregio.id }, data: { naam: subregio.naam } });
  if (plan.organisationsToCreate.length > 0) await tx.organisation.createMany({ data: plan.organisationsToCreate });
  for (const organisation of plan.organisationsToUpdate) await tx.organisation.update({ where: { id: organisation.id }, data: organisation.data });
  // Few organisations exist (boards and gemeenten of one region): read them all once.
  const organisationIds = new Map((await tx.organisation.findMany({ select: { id: true, code: true } })).map((o) => [o.code, o.id]));
  const bestuurIdOf = (code: string | undefined) => (code === undefined ? {} : { bestuurId: organisationIds.get(code)! });
  if (plan.schoolsToCreate.length > 0) await tx.school.createMany({ data: plan.schoolsToCreate.map(({ bestuurCode, ...s }) => ({ ...s, ...bestuurIdOf(bestuurCode) })) });
  for (const school of plan.schoolsToUpdate) {
    const { bestuurCode, ...data } = school.data;
    await tx.school.update({ where: { id: school.id }, data: { ...data, ...bestuurIdOf(bestuurCode) } });
  }
  for (const person of plan.peopleToUpdate) await tx.person.update({ where: { id: person.id }, data: person.data });
  if (plan.peopleToCreate.length > 0) await tx.person.createMany({ data: plan.peopleToCreate });
  await writeInChunks(plan.rolesToDelete.map((r) => r.id), (ids) => tx.roleAssignment.deleteMany({ where: { id: { in: ids } } }));
  await writeInChunks(plan.rolesToAdopt.map((r) => r.id), (ids) => tx.roleAssignment.updateMany({ where: { id: { in: ids } }, data: { source } }));
  if (plan.rolesToCreate.length === 0) return;

  const emails = [...new Set(plan.rolesToCreate.map((r) => r.email))];
  const brins = [...new Set(plan.rolesToCreate.flatMap((r) => (r.schoolBrin ? [r.schoolBrin] : [])))];
  const [people, schools] = await Promise.all([
    queryInChunks(emails, (slice) => tx.person.findMany({ where: { email: { in: slice } }, select: { id: true, email: true } })),
    queryInChunks(brins, (slice) => tx.school.findMany({ where: { brin: { in: slice } }, select: { id: true, brin: true } })),
  ]);
  const personIds = new Map(people.map((p) => [p.email, p.id]));
  const schoolIds = new Map(schools.map((s) => [s.brin, s.id]));
  await tx.roleAssignment.createMany({
    data: plan.rolesToCreate.map((r) => ({
      personId: personIds.get(r.email)!,
      role: r.role,
      scopeKey: r.scopeKey,
      schoolId: r.schoolBrin ? schoolIds.get(r.schoolBrin)! : null,
      mentorGroup: r.mentorGroup,
      activityId: r.activityId,
      organisationId: r.organisationCode ? organisationIds.get(r.organisationCode)! : null,
      source,
    })),
  });
}

/**
 * Registers schools (and the subregio's they need) as reference data, by BRIN; idempotent and
 * write-free when nothing differs. The demo seed uses it for schools that have no contact yet
 * (the mbo colleges), which a directory file, being a list of people, cannot describe.
 */
export async function upsertSchools(db: Db, input: { subregios: readonly { id: string; naam: string }[]; schools: readonly { brin: string; naam: string; soort: string; subregioId: string }[] }): Promise<{ added: number; changed: number }> {
  return db.$transaction(async (tx) => {
    const knownSubregios = new Set((await tx.subregio.findMany({ select: { id: true } })).map((s) => s.id));
    const missing = input.subregios.filter((s) => !knownSubregios.has(s.id));
    if (missing.length > 0) await tx.subregio.createMany({ data: missing.map((s) => ({ id: s.id, naam: s.naam })) });
    const existing = new Map((await tx.school.findMany({ select: { id: true, brin: true, naam: true, soort: true, subregioId: true } })).map((s) => [s.brin, s]));
    const toCreate = input.schools.filter((s) => !existing.has(s.brin));
    if (toCreate.length > 0) await tx.school.createMany({ data: toCreate.map((s) => ({ brin: s.brin, naam: s.naam, soort: s.soort, subregioId: s.subregioId })) });
    let changed = 0;
    for (const s of input.schools) {
      const row = existing.get(s.brin);
      if (!row || (row.naam === s.naam && row.soort === s.soort && row.subregioId === s.subregioId)) continue;
      await tx.school.update({ where: { id: row.id }, data: { naam: s.naam, soort: s.soort, subregioId: s.subregioId } });
      changed++;
    }
    return { added: toCreate.length, changed };
  });
}

export type SubregioRow = { id: string; naam: string };
export type SchoolRow = { brin: string; naam: string; soort: string; subregioId: string | null };
export type PersonRow = { email: string; naam: string; aadObjectId?: string | null };
export type RoleRow = { email: string; role: string; schoolBrin?: string | null; mentorGroup?: string | null; activityId?: string | null };

/**
 * Inserts or updates a directory given in code (fixtures, scripts), by natural key, in one
 * transaction; idempotent. Roles written here are "manual": no import ever removes them. Real
 * lists go through importDirectoryRecords/importDirectoryData (validation, report, removal).
 */
export async function upsertDirectory(db: Db, input: { subregios: SubregioRow[]; schools: SchoolRow[]; people: PersonRow[]; roles: RoleRow[] }): Promise<{ schools: number; people: number; roles: number }> {
  return db.$transaction(async (tx) => {
    for (const s of input.subregios) await tx.subregio.upsert({ where: { id: s.id }, create: s, update: { naam: s.naam } });
    const schoolIds = new Map<string, number>();
    for (const s of input.schools) {
      const row = await tx.school.upsert({ where: { brin: s.brin }, create: s, update: { naam: s.naam, soort: s.soort, subregioId: s.subregioId } });
      schoolIds.set(s.brin, row.id);
    }
    const personIds = new Map<string, number>();
    for (const p of input.people) {
      const email = p.email.toLowerCase();
      const row = await tx.person.upsert({
        where: { email },
        create: { email, naam: p.naam, aadObjectId: p.aadObjectId ?? null },
        update: { naam: p.naam, ...(p.aadObjectId ? { aadObjectId: p.aadObjectId } : {}) },
      });
      personIds.set(email, row.id);
    }
    for (const [index, r] of input.roles.entries()) {
      const personId = personIds.get(r.email.toLowerCase());
      if (personId === undefined) throw new Error(`role for unknown person (row ${index})`);
      const schoolId = r.schoolBrin ? schoolIds.get(r.schoolBrin) : undefined;
      if (r.schoolBrin && schoolId === undefined) throw new Error(`role for unknown school ${r.schoolBrin}`);
      const scopeKey = buildScopeKey({ schoolBrin: r.schoolBrin, mentorGroup: r.mentorGroup, activityId: r.activityId });
      await tx.roleAssignment.upsert({
        where: { personId_role_scopeKey: { personId, role: r.role, scopeKey } },
        create: { personId, role: r.role, scopeKey, schoolId: schoolId ?? null, mentorGroup: r.mentorGroup ?? null, activityId: r.activityId ?? null, source: "manual" },
        update: {},
      });
    }
    return { schools: input.schools.length, people: input.people.length, roles: input.roles.length };
  });
}
