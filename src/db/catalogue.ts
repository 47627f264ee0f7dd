import type { Db, DbTx } from "./client.js";
import { keepsEarlierTarget, type CatalogueActivity, type CataloguePlan, type KpiUnit, type MeetmomentKind, type KpiDirection, type PartyKind } from "../domain/catalogue.js";
import type { Role } from "../domain/roles.js";

type Client = Db | DbTx;

const include = {
  schedules: { orderBy: { position: "asc" } },
  kpis: { where: { archivedAt: null }, orderBy: { position: "asc" }, include: { targets: true } },
} as const;

type ActivityRow = Awaited<ReturnType<typeof readActivityRows>>[number];

function readActivityRows(db: Client, where: { archivedAt?: null; id?: string } = {}) {
  return db.activity.findMany({ where, include, orderBy: { position: "asc" } });
}

type TargetRow = { period: string; schoolYear: string | null; value: number };

/** The same order buildKpi uses: school years chronologically, programme years by number. */
function sortTargets(targets: readonly TargetRow[]): TargetRow[] {
  return [...targets]
    .sort((a, b) => (a.schoolYear && b.schoolYear ? a.schoolYear.localeCompare(b.schoolYear) : a.period.localeCompare(b.period, "nl", { numeric: true })))
    .map((t) => ({ period: t.period, schoolYear: t.schoolYear, value: t.value }));
}

function parseMonths(text: string): number[] {
  return text === "" ? [] : text.split(",").map(Number);
}

/** Back to the catalogue's own shape, field for field as parseCatalogue builds it, so the two compare. */
function toCatalogueActivity(row: ActivityRow): CatalogueActivity & { archived: boolean } {
  return {
    id: row.id,
    position: row.position,
    section: row.section,
    programmalijn: row.programmalijn,
    maatregel: row.maatregel,
    naam: row.naam,
    doel: row.doel,
    doelgroep: row.doelgroep,
    looptijd: row.looptijd,
    verantwoordelijk: row.verantwoordelijk,
    monitoring: row.monitoring,
    ownerRole: row.ownerRole as Role,
    programmePeriod: row.programmePeriod,
    looptijdFrom: row.looptijdFrom,
    looptijdTo: row.looptijdTo,
    figuresPer: row.figuresPer as PartyKind | null,
    meetmomenten: row.schedules.map((s) => ({ kind: s.kind as MeetmomentKind, months: parseMonths(s.months), day: s.day, note: s.note })),
    kpis: row.kpis.map((k) => ({
      key: k.key,
      name: k.name,
      unit: k.unit as KpiUnit,
      direction: k.direction as KpiDirection | null,
      targetText: k.targetText,
      note: k.note,
      targets: sortTargets(k.targets),
      measurable: k.measurable,
      duoVsv: k.duoVsv,
    })),
    archived: row.archivedAt !== null,
  };
}

/** The whole catalogue, archived activities included (for the import diff). */
export async function readCatalogue(db: Client): Promise<(CatalogueActivity & { archived: boolean })[]> {
  return (await readActivityRows(db)).map(toCatalogueActivity);
}

/** The active activities, in catalogue order. */
export async function listActivities(db: Client): Promise<CatalogueActivity[]> {
  return (await readActivityRows(db, { archivedAt: null })).map((row) => {
    const { archived: _archived, ...activity } = toCatalogueActivity(row);
    return activity;
  });
}

export async function findActivity(db: Client, id: string): Promise<CatalogueActivity | null> {
  const [row] = await readActivityRows(db, { id, archivedAt: null });
  if (!row) return null;
  const { archived: _archived, ...activity } = toCatalogueActivity(row);
  return activity;
}

/**
 * Only the targets of some KPIs of an active activity (the DDD norms), as `findActivity` gives
 * them: a card press needs two numbers, not the activity with its schedule and every KPI (one
 * query instead of four, 1.7 ms less CPU per press).
 */
export async function readKpiTargets(db: Client, activityId: string, keys: readonly string[]): Promise<{ kpis: { key: string; targets: TargetRow[] }[] }> {
  const kpis = await db.kpi.findMany({
    where: { activityId, key: { in: [...keys] }, archivedAt: null, activity: { archivedAt: null } },
    select: { key: true, targets: { select: { period: true, schoolYear: true, value: true } } },
  });
  return { kpis: kpis.map((k) => ({ key: k.key, targets: sortTargets(k.targets) })) };
}

export async function countActivities(db: Client): Promise<number> {
  return db.activity.count({ where: { archivedAt: null } });
}

function activityData(a: CatalogueActivity) {
  return {
    position: a.position,
    section: a.section,
    programmalijn: a.programmalijn,
    maatregel: a.maatregel,
    naam: a.naam,
    doel: a.doel,
    doelgroep: a.doelgroep,
    looptijd: a.looptijd,
    verantwoordelijk: a.verantwoordelijk,
    monitoring: a.monitoring,
    ownerRole: a.ownerRole,
    programmePeriod: a.programmePeriod,
    looptijdFrom: a.looptijdFrom,
    looptijdTo: a.looptijdTo,
    figuresPer: a.figuresPer,
    archivedAt: null,
  };
}

/**
 * Writes a catalogue plan inside a transaction. Rhythms are replaced wholesale (nothing refers
 * to them); KPIs are matched on their key and archived when gone, because measurements will
 * refer to them; their targets are rewritten from the file.
 */
export async function applyCataloguePlan(tx: DbTx, plan: CataloguePlan, now: Date): Promise<void> {
  for (const activity of [...plan.toCreate, ...plan.toUpdate]) {
    await tx.activity.upsert({ where: { id: activity.id }, create: { id: activity.id, ...activityData(activity) }, update: activityData(activity) });
    await tx.meetmomentSchedule.deleteMany({ where: { activityId: activity.id } });
    if (activity.meetmomenten.length > 0) {
      await tx.meetmomentSchedule.createMany({
        data: activity.meetmomenten.map((m, position) => ({ activityId: activity.id, position, kind: m.kind, months: m.months.join(","), day: m.day, note: m.note })),
      });
    }
    const keys = activity.kpis.map((k) => k.key);
    await tx.kpi.updateMany({ where: { activityId: activity.id, key: { notIn: keys }, archivedAt: null }, data: { archivedAt: now } });
    for (const [position, kpi] of activity.kpis.entries()) {
      const data = { position, name: kpi.name, unit: kpi.unit, direction: kpi.direction, targetText: kpi.targetText, note: kpi.note, measurable: kpi.measurable, duoVsv: kpi.duoVsv, archivedAt: null };
      const row = await tx.kpi.upsert({ where: { activityId_key: { activityId: activity.id, key: kpi.key } }, create: { activityId: activity.id, key: kpi.key, ...data }, update: data, include: { targets: true } });
      // An activity continuing into a new programme period keeps the norms of its earlier school
      // years, so the figures of those years are still judged against their own norms.
      const kept = row.targets.filter((t) => keepsEarlierTarget(t, activity) && !kpi.targets.some((n) => n.period === t.period));
      await tx.kpiTarget.deleteMany({ where: { kpiId: row.id, id: { notIn: kept.map((t) => t.id) } } });
      if (kpi.targets.length > 0) await tx.kpiTarget.createMany({ data: kpi.targets.map((t) => ({ kpiId: row.id, period: t.period, schoolYear: t.schoolYear, value: t.value })) });
    }
  }
  if (plan.toArchive.length > 0) await tx.activity.updateMany({ where: { id: { in: plan.toArchive } }, data: { archivedAt: now } });
}
