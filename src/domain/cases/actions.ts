import { isValidIsoDate, toIsoDate, type IsoDate } from "../calendar/index.js";
import { formatDutchDate, startOfDay } from "../dutch-date.js";
import type { CaseEventKind, CaseState } from "./types.js";

/**
 * The state machine of a case and who may drive it. Pure, so chat commands, card buttons and
 * the job share exactly the same rules, and the rules are tested without a database.
 *
 *   open --pak op--> erkend --sluit--> opgelost --heropen--> open (new round, from L0)
 *   open|erkend --pauzeer--> gepauzeerd --(date passed)--> the state before the pause
 *   open|erkend|gepauzeerd --escaleer--> open, one level up (a human overrides the waits)
 */
export type CaseAction =
  | { kind: "acknowledge" }
  | { kind: "comment"; note: string }
  | { kind: "pause"; until: Date }
  | { kind: "resolve"; note: string }
  | { kind: "reopen" }
  | { kind: "escalate"; note?: string }
  | { kind: "resume" };

export type CaseActionKind = CaseAction["kind"];

export type CaseMachineState = {
  id: number;
  state: CaseState;
  level: number;
  round: number;
  ownerId: number | null;
  pausedFrom: CaseState | null;
};

/** The fields an action changes; undefined means "leave as is". */
export type CaseChanges = {
  state?: CaseState;
  level?: number;
  levelSince?: Date;
  pausedUntil?: Date | null;
  pausedFrom?: CaseState | null;
  ownerId?: number | null;
  acknowledgedAt?: Date | null;
  resolvedAt?: Date | null;
  resolution?: string | null;
  round?: number;
  /** Whether the case holds its dedupe key after the change (false once resolved). */
  holdsOpenKey?: boolean;
};

export type CaseDecision =
  | { ok: true; changes: CaseChanges; event: { kind: CaseEventKind; level?: number; note?: string; data?: Record<string, unknown> } }
  | { ok: false; message: string };

const refuse = (message: string): CaseDecision => ({ ok: false, message });

export function decideCaseAction(c: CaseMachineState, action: CaseAction, actorPersonId: number | null, now: Date, topLevel: number): CaseDecision {
  const nr = `Zaak ${c.id}`;
  switch (action.kind) {
    case "acknowledge": {
      if (c.state === "opgelost") return refuse(`${nr} is gesloten. Heropen de zaak eerst als er weer iets moet gebeuren.`);
      if (c.state === "erkend" && c.ownerId === actorPersonId) return refuse(`${nr} is al door jou opgepakt.`);
      // Picking up a paused case ends the pause: someone is working on it now.
      return {
        ok: true,
        changes: { state: "erkend", ownerId: actorPersonId, acknowledgedAt: now, pausedUntil: null, pausedFrom: null },
        event: { kind: "acknowledged", level: c.level, data: c.ownerId !== null && c.ownerId !== actorPersonId ? { previousOwnerId: c.ownerId } : undefined },
      };
    }
    case "comment": {
      if (action.note.trim() === "") return refuse("Een opmerking mag niet leeg zijn.");
      return { ok: true, changes: {}, event: { kind: "commented", level: c.level, note: action.note.trim() } };
    }
    case "pause": {
      if (c.state === "opgelost") return refuse(`${nr} is gesloten en kan niet gepauzeerd worden.`);
      if (action.until.getTime() <= now.getTime()) return refuse("Kies een datum in de toekomst om de zaak tot dan te pauzeren.");
      const from: CaseState = c.state === "gepauzeerd" ? (c.pausedFrom ?? "open") : c.state;
      return {
        ok: true,
        changes: { state: "gepauzeerd", pausedUntil: action.until, pausedFrom: from },
        event: { kind: "paused", level: c.level, data: { until: action.until.toISOString() } },
      };
    }
    case "resume": {
      if (c.state !== "gepauzeerd") return refuse(`${nr} is niet gepauzeerd.`);
      // The wait for the next level starts again: the pause was agreed time, not lost time.
      return {
        ok: true,
        changes: { state: c.pausedFrom ?? "open", pausedUntil: null, pausedFrom: null, levelSince: now },
        event: { kind: "resumed", level: c.level },
      };
    }
    case "resolve": {
      if (c.state === "opgelost") return refuse(`${nr} is al gesloten.`);
      if (action.note.trim() === "") return refuse(`Schrijf bij het sluiten een toelichting, bijvoorbeeld: **sluit ${c.id} DDD's zijn binnen**.`);
      return {
        ok: true,
        changes: { state: "opgelost", resolvedAt: now, resolution: action.note.trim(), pausedUntil: null, pausedFrom: null, holdsOpenKey: false },
        event: { kind: "resolved", level: c.level, note: action.note.trim() },
      };
    }
    case "reopen": {
      if (c.state !== "opgelost") return refuse(`${nr} is niet gesloten, dus heropenen is niet nodig.`);
      return {
        ok: true,
        changes: { state: "open", resolvedAt: null, resolution: null, acknowledgedAt: null, level: -1, levelSince: now, round: c.round + 1, holdsOpenKey: true },
        event: { kind: "reopened", level: -1, data: { round: c.round + 1 } },
      };
    }
    case "escalate": {
      if (c.state === "opgelost") return refuse(`${nr} is gesloten. Heropen de zaak eerst met **heropen ${c.id}**.`);
      if (c.level >= topLevel) return refuse(`${nr} staat al op het hoogste niveau (L${topLevel}, stuurgroep).`);
      const level = c.level + 1;
      return {
        ok: true,
        changes: { state: "open", level, levelSince: now, pausedUntil: null, pausedFrom: null },
        event: { kind: "escalated", level, note: action.note?.trim() || undefined, data: { manual: true } },
      };
    }
  }
}

/** The roles that work cases: they may do everything with every case. */
export const CASE_STAFF_ROLES = ["projectteam", "programmaleider", "beheerder"] as const;

export type CaseAuthorizationKind = CaseActionKind | "view" | "open-overstap";

/** The part of an actor that authorization needs: roles with their school scope. */
export type CaseActorScope = { personId: number | null; roles: readonly { role: string; schoolId: number | null }[] };

export function isCaseStaff(actor: CaseActorScope): boolean {
  return actor.roles.some((r) => (CASE_STAFF_ROLES as readonly string[]).includes(r.role));
}

export function listDecaanSchoolIds(actor: CaseActorScope): number[] {
  return actor.roles.filter((r) => r.role === "decaan" && r.schoolId !== null).map((r) => r.schoolId!);
}

/**
 * The school an overstap report is about: a decaan's own school; none for a decaan of several
 * schools or for staff (the case is then the reporter's, see authorizeCaseAction).
 */
export function chooseOverstapSchool(actor: CaseActorScope): number | null {
  const schools = [...new Set(listDecaanSchoolIds(actor))];
  return schools.length === 1 ? schools[0]! : null;
}

/**
 * The answer when a reference is already an open case the reporter may not see (another
 * school's pupil, or a typo). It says nothing about that case, not even that it exists beyond
 * what the refusal itself implies, and nothing is stored.
 */
export const OVERSTAP_REFERENCE_REFUSAL =
  "Dit kenmerk kan ik niet vastleggen voor jouw school. Controleer of je het kenmerk goed hebt overgenomen; klopt het, geef je melding dan door aan het projectteam. Er is niets opgeslagen.";

/**
 * Whether the actor may do this with a case about this school. Staff may do everything; a
 * decaan may view, pick up and comment on cases about their own school only, and on an overstap
 * case they reported without a school (a decaan of several schools). The chat command table
 * also checks roles, but this check is the one that knows the case, so it is decisive.
 */
export function authorizeCaseAction(actor: CaseActorScope, action: CaseAuthorizationKind, caseSchoolId: number | null, openedById: number | null = null): { ok: true } | { ok: false; message: string } {
  if (actor.personId === null) return { ok: false, message: "Ik ken je nog niet in een rol binnen het VSV-programma, dus je kunt niet met zaken werken." };
  if (isCaseStaff(actor)) return { ok: true };
  const decaanSchools = listDecaanSchoolIds(actor);
  if (decaanSchools.length > 0) {
    if (action === "open-overstap") return { ok: true };
    if (action !== "view" && action !== "acknowledge" && action !== "comment") {
      return { ok: false, message: "Als decaan kun je een zaak oppakken en er een opmerking bij zetten. Escaleren, pauzeren, sluiten en heropenen doet het projectteam." };
    }
    if (caseSchoolId !== null && decaanSchools.includes(caseSchoolId)) return { ok: true };
    if (caseSchoolId === null && openedById !== null && openedById === actor.personId) return { ok: true };
    return { ok: false, message: "Deze zaak gaat niet over jouw school. Als decaan kun je alleen zaken van je eigen school inzien en oppakken." };
  }
  return { ok: false, message: "Met zaken werken is voorbehouden aan het projectteam, de programmaleider en decanen (voor hun eigen school)." };
}

/** A pause runs until the start of a day after today (chat and the card's date input alike). */
export function readPauseDate(day: IsoDate, now: Date, zone: string): { until: Date } | { message: string } {
  // A date box can send a day that does not exist (31 februari): say so instead of failing the turn.
  if (!isValidIsoDate(day)) return { message: `${day} is geen bestaande datum. Kies een datum in de agenda.` };
  if (day <= toIsoDate(now, zone)) return { message: `${formatDutchDate(day)} ligt niet in de toekomst. Kies een latere datum.` };
  return { until: startOfDay(day) };
}
