import type { SchoolContactRow } from "../db/contacts.js";
import { formatLongDutchDate } from "../domain/dutch-date.js";
import type { ContactCheckState, ContactCheckView } from "../services/contacts.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type ContactCheckCardData = {
  title: string;
  intro: string;
  hasNotice: boolean;
  notice: string;
  hasErrors: boolean;
  errorIntro: string;
  errors: { text: string }[];
  hasContacts: boolean;
  emptyText: string;
  hasMore: boolean;
  moreText: string;
  contacts: {
    personId: number;
    naam: string;
    email: string;
    rolLabel: string;
    status: string;
    inputNaam: string;
    inputEmail: string;
    inputWeg: string;
    hasNaamError: boolean;
    naamError: string;
    hasEmailError: boolean;
    emailError: string;
  }[];
  footer: string;
  schoolId: number;
  schoolYear: string;
  contactIds: number[];
};

const FIELD_LABELS = { naam: "naam", email: "e-mailadres", weg: "afmelden" } as const;

/**
 * How many contacts one card lists and offers for correction. Teams refuses a card over 28 KB
 * and each contact with its inputs takes about 0.7 KB (1 KB with errors shown); a school with more decanen and mentors
 * than this hears which ones are missing and corrects those through the projectteam.
 */
export const MAX_CONTACTS_ON_CARD = 25;
const MAX_ERRORS_LISTED = 10;

function describeRoles(roles: SchoolContactRow["roles"]): string {
  return roles
    .map((r) => (r.role === "mentor" && r.mentorGroup ? `mentor ${r.mentorGroup}` : r.role))
    .sort((a, b) => (a === "decaan" ? -1 : b === "decaan" ? 1 : a.localeCompare(b)))
    .join(", ");
}

function asText(value: unknown, fallback: string): string {
  return typeof value === "string" ? value : fallback;
}

export function buildContactCheckCardData(
  school: { id: number; brin: string; naam: string; contacts: readonly SchoolContactRow[] },
  schoolYear: string,
  state: ContactCheckState,
  formatDay: (date: Date) => string,
): ContactCheckCardData {
  const errors = state.errors ?? [];
  const submitted = state.submitted ?? {};
  const byPerson = new Map(school.contacts.map((c) => [c.personId, c]));
  const shown = school.contacts.slice(0, MAX_CONTACTS_ON_CARD);
  const hidden = school.contacts.length - shown.length;
  return {
    title: `Klopt dit nog? Contactpersonen van ${school.naam}`,
    intro: `Voor de DDD-campagne van schooljaar ${schoolYear} wil Aanjager zeker weten dat dit de juiste contactpersonen van ${school.naam} (${school.brin}) zijn. Klopt de lijst? Bevestig hem. Klopt er iets niet? Corrigeer het hieronder.`,
    hasNotice: Boolean(state.notice),
    notice: state.notice ?? "",
    hasErrors: errors.length > 0,
    errorIntro: "Er is niets opgeslagen. Verbeter dit via 'Iets klopt niet' en sla opnieuw op:",
    // The top of the card names the first few; every error also stands under its own field.
    errors: [
      ...errors.slice(0, MAX_ERRORS_LISTED).map((e) => ({ text: `${byPerson.get(e.personId)?.naam ?? "contactpersoon"}, ${FIELD_LABELS[e.field]}: ${e.message}` })),
      ...(errors.length > MAX_ERRORS_LISTED ? [{ text: `en nog ${errors.length - MAX_ERRORS_LISTED} andere fouten, bij de velden zelf` }] : []),
    ],
    hasContacts: school.contacts.length > 0,
    emptyText: "Aanjager kent geen decaan of mentor van deze school. Geef de juiste contactpersonen door aan het projectteam.",
    hasMore: hidden > 0,
    moreText: `En nog ${hidden} ${hidden === 1 ? "contactpersoon" : "contactpersonen"} die niet op deze kaart passen; geef correcties voor hen door aan het projectteam.`,
    contacts: shown.map((c) => {
      const naamError = errors.find((e) => e.personId === c.personId && e.field === "naam")?.message ?? "";
      const emailError = errors.find((e) => e.personId === c.personId && e.field === "email")?.message ?? "";
      return {
        personId: c.personId,
        naam: c.naam,
        email: c.email,
        rolLabel: describeRoles(c.roles),
        status: c.confirmation ? `bevestigd op ${formatDay(c.confirmation.confirmedAt)}` : `nog niet bevestigd voor ${schoolYear}`,
        // After a rejected correction the inputs keep what was typed, so nothing has to be typed twice.
        inputNaam: asText(submitted[`naam_${c.personId}`], c.naam),
        inputEmail: asText(submitted[`email_${c.personId}`], c.email),
        inputWeg: submitted[`weg_${c.personId}`] === "true" || submitted[`weg_${c.personId}`] === true ? "true" : "false",
        hasNaamError: naamError !== "",
        naamError,
        hasEmailError: emailError !== "",
        emailError,
      };
    }),
    footer: "Alleen een decaan van deze school kan de lijst bevestigen of corrigeren. Een correctie geldt meteen; geef haar ook door aan wie de contactenlijst van je school bijhoudt.",
    schoolId: school.id,
    schoolYear,
    contactIds: shown.map((c) => c.personId),
  };
}

export function renderContactCheckCard(data: ContactCheckCardData): AdaptiveCard {
  return renderCard("contact-check", data);
}

/** The "klopt dit nog?" card for what the contacts service returns. */
export function renderContactCheckView(view: ContactCheckView): AdaptiveCard {
  return renderContactCheckCard(buildContactCheckCardData(view.school, view.schoolYear, view.state, (date) => formatLongDutchDate(date)));
}
