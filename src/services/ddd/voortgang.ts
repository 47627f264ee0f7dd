import { countHandoversTo, findSchoolForCase, listSchoolsForMatching } from "../../db/cases.js";
import { forecastCompletion } from "../../domain/ddd/index.js";
import { matchSchool } from "../../domain/school-match.js";
import type { Actor } from "../actor.js";
import { composeDecaanCard, composeMentorCard, loadProgressContext, type DddCardDeps } from "./cards.js";
import { isDecaanOf } from "./card-updates.js";
import type { DddCardView } from "./views.js";

/**
 * `voortgang` in chat: a decaan gets the card of their school, a mentor that of their group, the
 * projectteam the region overview, or with `voortgang <school>` one school's card.
 */

export type Reply = DddCardView | string;

const STAFF_ROLES = ["projectteam", "beheerder"] as const;

export async function buildRegionOverview(deps: DddCardDeps, now: Date): Promise<DddCardView> {
  const pc = await loadProgressContext(deps, now);
  const { ctx } = pc;
  const card = {
    schoolYear: ctx.schoolYear,
    today: ctx.today,
    plan: ctx.plan,
    normPercent: pc.norms.ddd,
    schools: pc.views.map((v) => ({
      naam: v.school.naam,
      subregio: v.school.subregioNaam,
      figures: v.figures,
      forecast: forecastCompletion({ points: v.points, today: ctx.today, deadlineDay: ctx.plan.deadlineDay, normPercent: pc.norms.ddd, index: ctx.index }),
    })),
    contact: deps.config.projectteamContact,
  };
  return { kind: "overzicht", card };
}

/** One school's card as the projectteam sees it (`voortgang <school>`, or the school chosen on "bedoel je ...?"). */
export async function buildSchoolProgressCard(deps: DddCardDeps, actor: Actor, schoolId: number, now: Date): Promise<Reply> {
  const pc = await loadProgressContext(deps, now, [schoolId]);
  const view = pc.views[0];
  if (!view) return "Die school ken ik niet.";
  const own = isDecaanOf(actor, view.school.id);
  return composeDecaanCard(pc, view, { kind: "stand", step: null, greetingName: null, canEdit: own, canAskHelp: own, snoozesLeft: null }, deps.config.projectteamContact);
}

/**
 * `voortgang` for the intake of an mbo institution: the dossiers heading its way as counts only
 * (the DDD's of the vo schools of its subregio, and the warme overdrachten to it). Pupil-level
 * detail stays with the vo school and the DDD itself.
 */
async function buildIntakeReplies(deps: DddCardDeps, schoolIds: readonly number[], now: Date): Promise<string[]> {
  const replies: string[] = [];
  const pc = await loadProgressContext(deps, now);
  for (const schoolId of schoolIds) {
    const school = await findSchoolForCase(deps.db, schoolId);
    if (!school) continue;
    const sending = pc.views.filter((v) => school.subregioId !== null && v.school.subregioId === school.subregioId && v.figures);
    const sum = (key: "overstappers" | "afgerond" | "inBeeld") => sending.reduce((total, v) => total + v.figures![key], 0);
    const handovers = await countHandoversTo(deps.db, schoolId);
    const region = sending[0]?.school.subregioNaam ?? "je subregio";
    replies.push(
      [
        `**Op weg naar ${school.naam}** (schooljaar ${pc.ctx.schoolYear}, alleen aantallen):`,
        `- DDD's van de ${sending.length} vo-scholen in ${region}: ${sum("afgerond")} van ${sum("overstappers")} afgerond en aangeleverd; ${sum("inBeeld")} leerlingen in beeld met een vervolgkeuze.`,
        `- Warme overdrachten naar jullie: ${handovers.waiting} wachten op jullie bevestiging, ${handovers.received} bevestigd.`,
      ].join("\n"),
    );
  }
  return replies;
}

export async function buildVoortgangReplies(deps: DddCardDeps, actor: Actor, args: string, now: Date): Promise<Reply[]> {
  const isStaff = STAFF_ROLES.some((r) => actor.roles.includes(r));
  const contact = deps.config.projectteamContact;
  const query = args.trim();
  if (query !== "") {
    if (!isStaff) return ["Alleen het projectteam kan de voortgang van een andere school opvragen. Typ **voortgang** voor je eigen school of groep."];
    if (["regio", "overzicht", "alles"].includes(query)) return [await buildRegionOverview(deps, now)];
    // The same matching as `escaleer`: BRIN, full name, or part of it with the odd typo; a tie asks with buttons.
    const match = matchSchool(query, await listSchoolsForMatching(deps.db));
    if (match.kind === "none") return [`Ik vind geen school bij '${query}'. Typ de naam (of een deel ervan) of de BRIN-code, bijvoorbeeld **voortgang 10AB**.`];
    if (match.kind === "ambiguous") return [{ kind: "school-keuze", typed: query, candidates: match.candidates, verb: "voortgang-school", reason: "" }];
    return [await buildSchoolProgressCard(deps, actor, match.school.id, now)];
  }

  const person = actor.person;
  const decaanSchools = [...new Set(person?.roles.filter((r) => r.role === "decaan" && r.schoolId !== null).map((r) => r.schoolId!) ?? [])];
  const mentorGroups = person?.roles.filter((r) => r.role === "mentor" && r.schoolId !== null && r.mentorGroup) ?? [];
  const schoolIds = [...new Set([...decaanSchools, ...mentorGroups.map((r) => r.schoolId!)])];
  const replies: Reply[] = [];
  if (schoolIds.length > 0) {
    const pc = await loadProgressContext(deps, now, schoolIds);
    for (const schoolId of decaanSchools) {
      const view = pc.views.find((v) => v.school.id === schoolId);
      if (view) replies.push(composeDecaanCard(pc, view, { kind: "stand", step: null, greetingName: null, canEdit: true, canAskHelp: true, snoozesLeft: null }, contact));
    }
    for (const role of mentorGroups) {
      const view = pc.views.find((v) => v.school.id === role.schoolId);
      const group = view?.groups.find((g) => g.mentorGroup === role.mentorGroup);
      if (view && group) replies.push(composeMentorCard(pc, view, group, { kind: "stand", step: null, greetingName: null, canMarkDone: true, canAskHelp: true }, contact));
    }
  }
  if (isStaff) replies.push(await buildRegionOverview(deps, now));
  const intakeSchools = [...new Set(person?.roles.filter((r) => r.role === "mbo-intake" && r.schoolId !== null).map((r) => r.schoolId!) ?? [])];
  if (intakeSchools.length > 0) replies.push(...(await buildIntakeReplies(deps, intakeSchools, now)));
  if (replies.length === 0) return [`Ik ken geen school of mentorgroep van je waarvan ik de DDD-voortgang kan laten zien. Klopt dat niet? Neem contact op met het ${contact}.`];
  return replies;
}
