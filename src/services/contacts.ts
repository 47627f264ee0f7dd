import type { AdaptiveCard } from "../domain/adaptive-card.js";
import { runInTransaction, type Db } from "../db/client.js";
import { findCaseById, findSchoolForCase, listPeopleWithRole, listSchoolBoardPeople, listSubregioChainPeople } from "../db/cases.js";
import { listChainGaps } from "../db/chain-gaps.js";
import { applyContactChanges, confirmContacts, findPeopleWorkingElsewhere, findPersonIdsByEmail, listSchoolsWithContacts, type SchoolContactRow, type SchoolWithContacts } from "../db/contacts.js";
import { getSchoolYear } from "../domain/calendar/index.js";
import { formatLongDutchDate as formatDay } from "../domain/dutch-date.js";
import { assessSchoolContacts, readContactCorrections, type ContactCorrectionError, type ContactFacts } from "../domain/contacts.js";
import { judgeReachability } from "../domain/reachability.js";
import { OVERSTAP_SOORTEN } from "../domain/directory.js";
import type { PersonWithRoles } from "../db/people.js";
import type { OutboundMessage } from "./ports.js";

/**
 * Contact validity and the "klopt dit nog?" check, shared by the `contacten` command, the card
 * actions and the contact-check job. The service returns what the card shows
 * (`ContactCheckView`); src/cards/contact-check-card.ts renders it.
 */

/** What the "klopt dit nog?" card shows: a school's contacts, and a notice or the errors of a correction. */
export type ContactCheckView = { school: SchoolWithContacts; schoolYear: string; state: ContactCheckState };
/** Besides the list: a confirmation, or the errors of a rejected correction with what was typed. */
export type ContactCheckState = { notice?: string; errors?: readonly ContactCorrectionError[]; submitted?: Record<string, unknown> };

export function toContactFacts(contact: SchoolContactRow): ContactFacts {
  return {
    personId: contact.personId,
    naam: contact.naam,
    linkedToTeams: Boolean(contact.aadObjectId || contact.teamsUserId),
    reachability: judgeReachability(contact.reachability),
    confirmedThisSchoolYear: contact.confirmation !== null,
  };
}

export type SchoolWithoutValidContact = { schoolId: number; brin: string; naam: string; soort: string; subregio: string | null; reason: string };

/** Every overstap school (vmbo, vso, pro) without a valid decaan, with the reason, for the school year of `now`. */
export async function listSchoolsWithoutValidDecaan(db: Db, now: Date): Promise<{ schoolYear: string; overstapSchools: number; schools: SchoolWithoutValidContact[] }> {
  const schoolYear = getSchoolYear(now);
  const schools = await listSchoolsWithContacts(db, { schoolYear, soorten: [...OVERSTAP_SOORTEN] });
  const invalid: SchoolWithoutValidContact[] = [];
  for (const school of schools) {
    const decanen = school.contacts.filter((c) => c.roles.some((r) => r.role === "decaan")).map(toContactFacts);
    const verdict = assessSchoolContacts(decanen, schoolYear);
    if (!verdict.valid) invalid.push({ schoolId: school.id, brin: school.brin, naam: school.naam, soort: school.soort, subregio: school.subregio, reason: verdict.reason! });
  }
  return { schoolYear, overstapSchools: schools.length, schools: invalid };
}

async function loadSchool(db: Db, schoolId: number, schoolYear: string): Promise<SchoolWithContacts | null> {
  const [school] = await listSchoolsWithContacts(db, { schoolYear, schoolIds: [schoolId] });
  return school ?? null;
}

function viewOf(school: SchoolWithContacts, schoolYear: string, state: ContactCheckState = {}): ContactCheckView {
  return { school, schoolYear, state };
}

export type ContactCheckMessage = {
  /** The decaan who gets the card. */
  personId: number;
  schoolId: number;
  schoolBrin: string;
  /** Idempotency key: one card per decaan, school and school year. */
  key: string;
  view: ContactCheckView;
};

/** What the contact check hands to the delivery outbox for one decaan, with the rendered card. */
export function toOutboundMessage(message: ContactCheckMessage, card: AdaptiveCard, notBefore?: Date): OutboundMessage {
  return { key: message.key, purpose: "contacten-controle", recipient: { personId: message.personId }, card, ...(notBefore ? { notBefore } : {}) };
}

/**
 * The "klopt dit nog?" card for every decaan of every overstap school, for the school year.
 * With onlyUnconfirmed, schools whose contacts are all confirmed for the year are skipped (the
 * job's choice: no need to ask twice).
 */
export async function listContactChecks(db: Db, schoolYear: string, options: { onlyUnconfirmed?: boolean } = {}): Promise<ContactCheckMessage[]> {
  const schools = await listSchoolsWithContacts(db, { schoolYear, soorten: [...OVERSTAP_SOORTEN] });
  const messages: ContactCheckMessage[] = [];
  for (const school of schools) {
    if (options.onlyUnconfirmed && school.contacts.every((c) => c.confirmation !== null)) continue;
    const view = viewOf(school, schoolYear);
    for (const decaan of school.contacts.filter((c) => c.roles.some((r) => r.role === "decaan"))) {
      messages.push({
        personId: decaan.personId,
        schoolId: school.id,
        schoolBrin: school.brin,
        key: `contact-check:${schoolYear}:${school.id}:${decaan.personId}`,
        view,
      });
    }
  }
  return messages;
}

export type ContactCheckActionData = { schoolId: number; schoolYear: string; contactIds?: number[] } & Record<string, unknown>;

function isDecaanOf(person: PersonWithRoles | null, schoolId: number): boolean {
  return Boolean(person?.roles.some((r) => r.role === "decaan" && r.schoolId === schoolId));
}

export const NOT_YOUR_SCHOOL = "Alleen een decaan van deze school kan deze contactpersonen bevestigen of corrigeren. Er is niets veranderd.";

function staleYear(schoolYear: string): string {
  return `Deze kaart hoort bij schooljaar ${schoolYear}; dat is voorbij. Er is niets veranderd. Je krijgt een nieuwe kaart voor dit schooljaar.`;
}

/** `contacten-bevestigen`: the decaan confirms the listed contacts of their school for the school year. */
export async function confirmSchoolContacts(db: Db, input: { actor: PersonWithRoles | null; data: ContactCheckActionData; now: Date }): Promise<ContactCheckView | string> {
  const { actor, data, now } = input;
  if (!actor || !isDecaanOf(actor, data.schoolId)) return NOT_YOUR_SCHOOL;
  if (data.schoolYear !== getSchoolYear(now)) return staleYear(data.schoolYear);
  const school = await loadSchool(db, data.schoolId, data.schoolYear);
  if (!school) return NOT_YOUR_SCHOOL;
  // Confirm what the decaan saw: people added since the card was sent wait for the next look.
  const shown = data.contactIds ? new Set(data.contactIds) : null;
  const personIds = school.contacts.map((c) => c.personId).filter((id) => !shown || shown.has(id));
  await confirmContacts(db, { schoolId: school.id, personIds, schoolYear: data.schoolYear, confirmedById: actor.id, at: now });
  const refreshed = (await loadSchool(db, data.schoolId, data.schoolYear))!;
  return viewOf(refreshed, data.schoolYear, { notice: `Bevestigd door ${actor.naam} op ${formatDay(now)}. Dank je wel!` });
}

/** `contacten-corrigeren`: validates the inline inputs; on any error nothing is saved and the errors are shown on the card. */
export async function correctSchoolContacts(db: Db, input: { actor: PersonWithRoles | null; data: ContactCheckActionData; now: Date }): Promise<ContactCheckView | string> {
  const { actor, data, now } = input;
  if (!actor || !isDecaanOf(actor, data.schoolId)) return NOT_YOUR_SCHOOL;
  if (data.schoolYear !== getSchoolYear(now)) return staleYear(data.schoolYear);
  const school = await loadSchool(db, data.schoolId, data.schoolYear);
  if (!school) return NOT_YOUR_SCHOOL;
  const proposedEmails = school.contacts.map((c) => data[`email_${c.personId}`]).filter((v): v is string => typeof v === "string").map((v) => v.trim().toLowerCase());
  const owners = await findPersonIdsByEmail(db, proposedEmails);
  const result = readContactCorrections(data, school.contacts, (email) => owners.get(email) ?? null);
  if (!result.ok) return viewOf(school, data.schoolYear, { errors: result.errors, submitted: data });
  if (result.changes.length === 0) return viewOf(school, data.schoolYear, { notice: "Je hebt niets gewijzigd. Klopt de lijst? Bevestig hem dan." });
  // A person is one record: a new name or address would also change them for the other school or
  // role they hold (and a new address drops their Teams link there). That is the beheerder's call.
  const edits = result.changes.filter((c) => c.naam !== undefined || c.email !== undefined);
  const elsewhere = await findPeopleWorkingElsewhere(db, { schoolId: school.id, personIds: edits.map((c) => c.personId) });
  const refused: ContactCorrectionError[] = edits
    .filter((c) => elsewhere.has(c.personId))
    .map((c) => ({ personId: c.personId, field: c.email !== undefined ? "email" : "naam", message: "deze persoon werkt ook buiten deze school; vraag de beheerder om naam of e-mailadres aan te passen" }));
  if (refused.length > 0) return viewOf(school, data.schoolYear, { errors: refused, submitted: data });
  const applied = await applyContactChanges(db, { schoolId: school.id, changes: result.changes });
  const parts = [
    applied.renamed > 0 && `${applied.renamed} ${applied.renamed === 1 ? "naam" : "namen"} aangepast`,
    applied.emailChanged > 0 && `${applied.emailChanged} ${applied.emailChanged === 1 ? "e-mailadres" : "e-mailadressen"} aangepast`,
    applied.removed > 0 && `${applied.removed} ${applied.removed === 1 ? "persoon" : "personen"} afgemeld voor deze school`,
  ].filter(Boolean);
  const refreshed = (await loadSchool(db, data.schoolId, data.schoolYear))!;
  return viewOf(refreshed, data.schoolYear, { notice: `Opgeslagen: ${parts.join(", ")}. Klopt de lijst nu? Bevestig hem dan.` });
}

export type { ContactCorrectionError };

/** A level of the escalation policy that reached nobody and still would: what `contacten` lists for the beheerder. */
export type OpenChainGap = { who: string; where: string; since: string; caseId: number };

const GAP_WHO: Record<string, string> = { schoolleiding: "schoolleiding", "school-board": "schoolbestuur", "rmc-leerplicht": "RMC en leerplicht" };

/**
 * The gaps recorded by the escalation job (ChainGap) that the directory has not filled since:
 * each is checked again now, so an import that adds the missing person clears it from the list.
 */
export async function listOpenChainGaps(db: Db): Promise<OpenChainGap[]> {
  return runInTransaction(db, async (tx) => {
    const open: OpenChainGap[] = [];
    for (const gap of await listChainGaps(tx)) {
      const school = gap.schoolId ? await findSchoolForCase(tx, gap.schoolId) : null;
      let filled: boolean;
      if (gap.audience === "schoolleiding") filled = gap.schoolId !== null && (await listPeopleWithRole(tx, "schoolleiding", { schoolId: gap.schoolId })).length > 0;
      else if (gap.audience === "school-board") filled = gap.schoolId !== null && (await listSchoolBoardPeople(tx, gap.schoolId)).people.length > 0;
      else if (gap.subregioId) filled = (await listSubregioChainPeople(tx, gap.subregioId)).length > 0;
      // A pupil case without a school: open for as long as that case is.
      else filled = (await findCaseById(tx, gap.caseId))?.state !== "open";
      if (filled) continue;
      const where = school ? `${school.naam} (${school.brin})` : gap.subregioId ? `subregio ${gap.subregioId}` : `zaak ${gap.caseId} (geen school bekend)`;
      open.push({ who: GAP_WHO[gap.audience] ?? gap.audience, where, since: formatDay(gap.firstAt), caseId: gap.caseId });
    }
    return open;
  });
}
