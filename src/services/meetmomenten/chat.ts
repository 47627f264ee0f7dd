import { listActivities } from "../../db/catalogue.js";
import type { Db } from "../../db/client.js";
import { listMeasurements, listOpenRounds } from "../../db/meetmomenten.js";
import { getSchoolYear, parseSchoolYear, toIsoDate, formatSchoolYear } from "../../domain/calendar/index.js";
import { listProgrammePeriods } from "../../domain/catalogue.js";
import { describeDay, describePeriod, matchActivity } from "../../domain/meetmomenten/match.js";
import { type MeetmomentDeps, type MeetmomentActor, mayActOnActivity, ownActivityIds } from "./deps.js";
import { isFixedDay, meetmomentenOf } from "./job.js";
import { isRoundClosed, readMeasurementValue } from "../../domain/meetmomenten/round.js";
import { lastDayOf, loadRoundParties, loadRoundView, roundCard, type RoundCardView } from "./round-view.js";

// ---------------------------------------------------------------------------------------------
// Chat: `cijfers` and `cijfers <activiteit>`

export type ChatAnswer = { round: RoundCardView; text?: string } | { text: string };

/** One open round in the `cijfers` list. */
export type RoundListItem = { roundId: number; activityId: string; schoolYear: string; activityName: string; periodLabel: string; statusLabel: string; lastDayLabel: string; submitted: boolean };
/** What `cijfers` lists: the open rounds (own or all), and when none is open, the next one. */
export type OpenRoundsView = { items: RoundListItem[]; scope: "eigen" | "alle"; nextLine?: string };

export async function describeNextMeetmoment(db: Db, deps: MeetmomentDeps, activityIds: readonly string[] | null, now: Date): Promise<string | null> {
  const all = await listActivities(db);
  const periods = listProgrammePeriods(all);
  const activities = all.filter((a) => !activityIds || activityIds.includes(a.id));
  const today = toIsoDate(now, deps.calendar.zone);
  const year = getSchoolYear(now, deps.calendar.zone);
  const next = formatSchoolYear(parseSchoolYear(year).startYear + 1);
  const upcoming = activities
    .flatMap((a) => [...meetmomentenOf(a, year, deps.calendar, periods), ...meetmomentenOf(a, next, deps.calendar, periods)].map((m) => ({ m, a })))
    .filter(({ m }) => m.workingDay > today)
    .sort((x, y) => x.m.workingDay.localeCompare(y.m.workingDay))[0];
  if (!upcoming) return null;
  return `Het volgende meetmoment is dat van ${upcoming.a.naam} (${describePeriod(upcoming.m.date, isFixedDay(upcoming.a, upcoming.m.scheduleIndex))}); het opent op ${describeDay(upcoming.m.workingDay)}.`;
}

/** `cijfers`: the open rounds of the person's activities (all of them for the projectteam). */
export async function listOpenRoundsFor(db: Db, deps: MeetmomentDeps, actor: MeetmomentActor, now: Date): Promise<OpenRoundsView> {
  const own = ownActivityIds(actor);
  const rounds = (await listOpenRounds(db, own ? { activityIds: own } : {})).filter((r) => !isRoundClosed(r, now));
  const measured = new Set((await listMeasurements(db, rounds.map((r) => r.id))).filter((m) => readMeasurementValue(m) !== undefined).map((m) => m.roundId));
  const items: RoundListItem[] = rounds.map((r) => ({
    roundId: r.id,
    activityId: r.activityId,
    schoolYear: r.schoolYear,
    activityName: r.activity.naam,
    periodLabel: r.periodLabel,
    statusLabel: r.submittedAt ? "ingediend" : measured.has(r.id) ? "concept, nog niet ingediend" : "nog niet ingevuld",
    lastDayLabel: describeDay(lastDayOf(r, deps.calendar)),
    submitted: Boolean(r.submittedAt),
  }));
  const nextLine = items.length === 0 ? await describeNextMeetmoment(db, deps, own, now) : null;
  return { items, scope: own ? "eigen" : "alle", ...(nextLine ? { nextLine } : {}) };
}

/** `cijfers <activiteit>`: the form (or summary) of that activity's open round. */
export async function findRoundCardForActivity(db: Db, deps: MeetmomentDeps, actor: MeetmomentActor, query: string, now: Date): Promise<ChatAnswer> {
  const activities = await listActivities(db);
  const match = matchActivity(query, activities);
  if (match.kind === "none") return { text: `Ik ken geen activiteit "${query}". Typ **cijfers** voor je open meetmomenten, of gebruik de id van de activiteit (bijvoorbeeld **cijfers ddd**).` };
  if (match.kind === "ambiguous") return { text: `Bedoel je ${match.candidates.map((a) => `**${a.id}** (${a.naam})`).join(" of ")}? Typ **cijfers** met de id erachter.` };
  const activity = match.activity;
  if (!mayActOnActivity(actor, activity.id)) return { text: `Je bent geen eigenaar van ${activity.naam}; alleen de eigenaar en het projectteam kunnen die cijfers doorgeven. Typ **cijfers** voor je eigen meetmomenten.` };
  const [round] = (await listOpenRounds(db, { activityIds: [activity.id] })).filter((r) => !isRoundClosed(r, now));
  if (!round) {
    const next = await describeNextMeetmoment(db, deps, [activity.id], now);
    return { text: `Voor ${activity.naam} staat nu geen meetmoment open.${next ? ` ${next}` : " Deze activiteit heeft geen meetmomenten met een datum in de catalogus (loopt niet meer, of de beheerder kiest de maanden nog)."}` };
  }
  // In a per-party round an owner gets their own party's form; the projectteam the region's state.
  const own = (await loadRoundParties(db, round)).find((p) => p.owners.some((o) => o.id === actor.personId));
  return { round: roundCard(await loadRoundView(db, round, deps.calendar, own ? { key: own.key, label: own.label } : null), now) };
}
