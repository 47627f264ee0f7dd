import type { Db } from "../db/client.js";
import { listSubmittedKpiValues } from "../db/kpi-measurements.js";
import { listActivityOwners, listKpisOfActivity, listMeasurements, listRoundParties, listRoundsOfSchoolYear, type RoundWithActivity } from "../db/meetmomenten.js";
import { toIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../domain/calendar/index.js";
import type { KpiMeasurement, MeetmomentRoundStatus } from "../domain/summary/types.js";
import { lastDayOf } from "./meetmomenten/index.js";
import { computeRegionTotal, listAskedKpis } from "../domain/meetmomenten/round.js";

/**
 * The weekly summary's measurement source (src/services/summary/sources.ts): per round and KPI the
 * latest submitted value known at `asOf`, dated on the round's meetmoment.
 */
export async function listLatestKpiMeasurements(db: Db, query: { from: IsoDate; asOf: Date }): Promise<KpiMeasurement[]> {
  const rows = await listSubmittedKpiValues(db, { from: query.from, to: toIsoDate(query.asOf), asOf: query.asOf });
  // The latest version per round, KPI and party; a per-party round gives the region's figure as
  // its card does (computeRegionTotal: counts summed, percentages averaged over who reported).
  const perParty = new Map<string, Map<string, (typeof rows)[number]>>();
  for (const row of rows) {
    const key = `${row.activityId}|${row.kpiKey}|${row.measuredOn}`;
    const parties = perParty.get(key) ?? new Map();
    parties.set(row.party, row);
    perParty.set(key, parties);
  }
  return [...perParty.values()].map((parties) => {
    const [first] = parties.values();
    const row = first!;
    const values = new Map([...parties].map(([party, r]) => [party, r.value]));
    const value = parties.has("") && parties.size === 1 ? row.value : computeRegionTotal({ id: 0, unit: row.unit }, [...values.keys()].map((key) => ({ key, label: key, submitted: true })), values).total!;
    return { activityId: row.activityId, kpiKey: row.kpiKey, measuredOn: row.measuredOn as IsoDate, value, ...(row.describes ? { describes: row.describes } : {}) };
  });
}

/** Who is overdue: the owners, or in a per-party round the parties that have not submitted ("Parkstad (naam)"). */
async function listOverdue(db: Db, round: RoundWithActivity, owners: string[], submittedParties: Set<string>): Promise<string[]> {
  if (!round.activity.figuresPer) return owners.length > 0 ? owners : [NO_OWNER_LABEL];
  const parties = await listRoundParties(db, round.activityId, round.activity.ownerRole, round.activity.figuresPer);
  const missing = parties.filter((p) => !submittedParties.has(p.key)).map((p) => (p.owners.some((o) => o.naam === p.label) ? p.label : `${p.label} (${p.owners.map((o) => o.naam).join(", ")})`));
  return parties.length === 0 ? [NO_OWNER_LABEL] : missing;
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
    const submittedParties = new Map<number, Set<string>>();
    for (const m of await listMeasurements(db, rounds.map((r) => r.id))) {
      if (m.status !== "ingediend" || m.recordedAt > asOf) continue;
      const kpis = submitted.get(m.roundId) ?? new Set<number>();
      kpis.add(m.kpiId);
      submitted.set(m.roundId, kpis);
      submittedParties.set(m.roundId, (submittedParties.get(m.roundId) ?? new Set<string>()).add(m.party));
    }
    const perActivity = new Map<string, { kpiIds: Set<number>; owners: string[] }>();
    const statuses: MeetmomentRoundStatus[] = [];
    for (const round of rounds) {
      let activity = perActivity.get(round.activityId);
      if (!activity) {
        const kpis = await listKpisOfActivity(db, round.activityId);
        const owners = await listActivityOwners(db, round.activityId, round.activity.ownerRole);
        activity = { kpiIds: new Set(listAskedKpis(kpis).map((k) => k.id)), owners: owners.map((o) => o.naam) };
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
        overdueOwners: !done && dueOn < asOfDay ? await listOverdue(db, round, activity.owners, submittedParties.get(round.id) ?? new Set()) : [],
      });
    }
    return statuses;
  };
}
