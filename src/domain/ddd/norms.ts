import { resolveKpiTarget, type KpiTarget, type ResolvedTarget } from "../catalogue.js";

/**
 * The DDD norms come from the programme catalogue, like every other KPI target: the reminder
 * campaign and the weekly summary read the same two KPIs (stable keys, see Kpi.key). The plan
 * fixed 90/95/96/97 % "met een ingevuld DDD" and 97/98/98/98 % "in beeld" for 2016-2017 …
 * 2019-2020; later years default to the latest target until the beheerder imports a newer one.
 */
export const DDD_NORM_KPIS = { activityId: "ddd", completed: "waarvan-pct-met-een-ingevuld-ddd", inBeeld: "pct-overstappers-vo-mbo-in-regio-39-in-beeld-met" } as const;

/**
 * Without a target in the catalogue (no catalogue imported yet) the campaign holds schools to
 * 100 %: every overstapper needs a completed DDD before 1 April, so nothing is let off silently.
 */
export const DDD_NORM_WITHOUT_TARGET = 100;

export type DddNormTargets = { completed: ResolvedTarget | null; inBeeld: ResolvedTarget | null };

/** The campaign's norms, in percent. */
export type DddNorms = {
  /** % of overstappers with a completed, delivered DDD. */
  ddd: number;
  /** % of overstappers "in beeld" (a vervolgkeuze registered). */
  inBeeld: number;
};

type DddActivity = { kpis: readonly { key: string; targets: readonly KpiTarget[] }[] };

export function resolveDddNormTargets(activity: DddActivity | null, schoolYear: string): DddNormTargets {
  const targetOf = (key: string) => resolveKpiTarget(activity?.kpis.find((k) => k.key === key)?.targets ?? [], schoolYear);
  return { completed: targetOf(DDD_NORM_KPIS.completed), inBeeld: targetOf(DDD_NORM_KPIS.inBeeld) };
}

export function toCampaignNorms(targets: DddNormTargets): DddNorms {
  return { ddd: targets.completed?.value ?? DDD_NORM_WITHOUT_TARGET, inBeeld: targets.inBeeld?.value ?? DDD_NORM_WITHOUT_TARGET };
}
