import type { Db } from "../db/client.js";
import { listSubmittedKpiValues } from "../db/kpi-measurements.js";
import { listActivityOwners, listKpisOfActivity, listMeasurements, listRoundsOfSchoolYear } from "../db/meetmomenten.js";
import { toIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../domain/calendar/index.js";
import type { KpiMeasurement, MeetmomentRoundStatus } from "../domain/summary/types.js";
import { lastDayOf } from "./meetmomenten/index.js";

/**
 * The weekly summary's measurement source (src/services/summary/sources.ts): per round and KPI the
 * latest submitted value known at `asOf`, dated on the round's meetmoment.
 */
export async function listLatestKpiMeasurements(db: Db, query: { from: IsoDate; asOf: Date }): Promise<KpiMeasurement[]> {
  const rows = await listSubmittedKpiValues(db, { from: query.from, to: toIsoDate(query.asOf), asOf: query.asOf });
  const latest = new Map<string, KpiMeasurement>();
  for (const row of rows) latest.set(`${row.activityId}|${row.kpiKey}|${row.measuredOn}`, { activityId: row.activityId, kpiKey: row.kpiKey, measuredOn: row.measuredOn as IsoDate, value: row.value });
  return [...latest.values()];
}

/** Shown instead of a name when an activity has nobody in its owner role. */
export const NO_OWNER_LABEL = "geen eigenaar bekend";

/**
 * The weekly summary's round source: every round of the school year that had opened at `asOf`,
 * as it stood then. Requested and responded count KPIs (a figure per KPI is what the form asks);
 * a round not submitted by its last day lists its owners, also after it closed, because a closed
 * round takes no late figures: the delivery stays missed for the school year.
 */
export function createMeetmomentRoundSource(calendar: WorkCalendar) {
  return async (db: Db, query: { schoolYear: SchoolYearLabel; asOf: Date }): Promise<MeetmomentRoundStatus[]> => {
    const { asOf } = query;
    const asOfDay = toIsoDate(asOf, calendar.zone);
    const rounds = (await listRoundsOfSchoolYear(db, query.schoolYear)).filter((r) => r.openedAt !== null && r.openedAt <= asOf);
    const submitted = new Map<number, Set<number>>();
    for (const m of await listMeasurements(db, rounds.map((r) => r.id))) {
      if (m.status !== "ingediend" || m.recordedAt > asOf) continue;
      const kpis = submitted.get(m.roundId) ?? new Set<number>();
      kpis.add(m.kpiId);
      submitted.set(m.roundId, kpis);
    }
    const perActivity = new Map<string, { kpiIds: Set<number>; owners: string[] }>();
    const statuses: MeetmomentRoundStatus[] = [];
    for (const round of rounds) {
      let activity = perActivity.get(round.activityId);
      if (!activity) {
        const kpis = await listKpisOfActivity(db, round.activityId);
        const owners = await listActivityOwners(db, round.activityId, round.activity.ownerRole);
        activity = { kpiIds: new Set(kpis.map((k) => k.id)), owners: owners.map((o) => o.naam) };
        perActivity.set(round.activityId, activity);
      }
      const dueOn = lastDayOf(round, calendar);
      const done = round.submittedAt !== null && round.submittedAt <= asOf;
      const given = [...(submitted.get(round.id) ?? [])].filter((id) => activity.kpiIds.has(id)).length;
      statuses.push({
        activityId: round.activityId,
        activityNaam: round.activity.naam,
        meetmoment: round.meetmomentDate as IsoDate,
        dueOn,
        state: round.closedAt !== null && round.closedAt <= asOf ? "gesloten" : "open",
        requested: activity.kpiIds.size,
        responded: given,
        overdueOwners: !done && dueOn < asOfDay ? (activity.owners.length > 0 ? activity.owners : [NO_OWNER_LABEL]) : [],
      });
    }
    return statuses;
  };
}
