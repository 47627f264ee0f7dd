import { z } from "zod";
import { getSchoolYearDays, shiftIsoDate, type IsoDate } from "./calendar/index.js";
import type { Reachability } from "./reachability.js";

/**
 * Contact validity, the first task of the aanjaagfunctie: "controleert of de geregistreerde
 * contactpersonen nog valide zijn". Every school in the overstap needs at least one decaan
 * Aanjager can actually reach. Pure: the facts come in, a verdict with a Dutch reason comes out.
 */

export type ContactFacts = {
  personId: number;
  naam: string;
  /** Teams ids known (AAD object id or Teams user id): Aanjager can find the person in Teams. */
  linkedToTeams: boolean;
  /** Whether Teams lets Aanjager reach the person (domain/reachability.ts, as the dispatcher decides). */
  reachability: Reachability;
  /** A confirmation of this contact for this school in the school year being judged. */
  confirmedThisSchoolYear: boolean;
};

export type ContactVerdict = { valid: boolean; reasons: string[] };

/**
 * A contact is valid when all of these hold, and each failing one is a reason:
 * - known in Teams (linked by AAD object id or Teams id; a person only in the CSV is not);
 * - not unreachable: the bot was not removed (uninstalled) or blocked in their 1:1 chat, and
 *   Teams did not refuse a message to them (a chat that was never opened is fine: the bot can
 *   start one for a linked person);
 * - confirmed for this school year by a decaan of the school ("klopt dit nog?").
 */
export function assessContact(facts: ContactFacts, schoolYear: string): ContactVerdict {
  const reasons: string[] = [];
  if (!facts.linkedToTeams) reasons.push("onbekend in Teams (nog niet gekoppeld)");
  const reach = facts.reachability;
  if (!reach.reachable && reach.reason === "blocked") reasons.push("heeft Aanjager geblokkeerd in Teams");
  if (!reach.reachable && reach.reason === "uninstalled") reasons.push("heeft Aanjager verwijderd in Teams");
  if (!facts.confirmedThisSchoolYear) reasons.push(`niet bevestigd voor schooljaar ${schoolYear}`);
  return { valid: reasons.length === 0, reasons };
}

export type SchoolContactVerdict = {
  valid: boolean;
  /** Why the school has no valid decaan, in Dutch; null when it has one. */
  reason: string | null;
  decanen: (ContactVerdict & { personId: number; naam: string })[];
};

/** A school is covered when at least one of its decanen is a valid contact. */
export function assessSchoolContacts(decanen: readonly ContactFacts[], schoolYear: string): SchoolContactVerdict {
  if (decanen.length === 0) return { valid: false, reason: "geen decaan geregistreerd", decanen: [] };
  const verdicts = decanen.map((d) => ({ personId: d.personId, naam: d.naam, ...assessContact(d, schoolYear) }));
  if (verdicts.some((v) => v.valid)) return { valid: true, reason: null, decanen: verdicts };
  const reason = verdicts.map((v) => `${v.naam}: ${v.reasons.join("; ")}`).join(" | ");
  return { valid: false, reason: `geen geldige decaan. ${reason}`, decanen: verdicts };
}

// ---------------------------------------------------------------------------------------------
// The "klopt dit nog?" check

/**
 * When decanen are asked to confirm their school's contacts: from 1 September (the school year
 * is under way and the decanen are back) up to the DDD deadline of 1 April, which is what the
 * check prepares for. Outside it the job sends nothing.
 */
export function isContactCheckPeriod(day: IsoDate, schoolYear: string): boolean {
  const { firstDay } = getSchoolYearDays(schoolYear);
  const start = `${firstDay.slice(0, 4)}-09-01`;
  const end = shiftIsoDate(`${Number(firstDay.slice(0, 4)) + 1}-04-01`, -1);
  return day >= start && day <= end;
}

/** One contact's inputs on the correction card, validated server-side. */
export const contactCorrectionSchema = z.object({
  naam: z.string({ required_error: "naam ontbreekt" }).trim().min(1, "de naam mag niet leeg zijn").max(200, "de naam is te lang (hoogstens 200 tekens)"),
  email: z
    .string({ required_error: "e-mailadres ontbreekt" })
    .trim()
    .toLowerCase()
    .min(1, "het e-mailadres mag niet leeg zijn")
    .email("dit is geen geldig e-mailadres"),
  weg: z
    .union([z.boolean(), z.enum(["true", "false", ""])])
    .optional()
    .transform((v) => v === true || v === "true"),
});

export type ContactCorrectionInput = z.infer<typeof contactCorrectionSchema>;
export type CurrentContact = { personId: number; naam: string; email: string };
export type ContactChange = { personId: number; naam?: string; email?: string; gone: boolean };
export type ContactCorrectionError = { personId: number; field: "naam" | "email" | "weg"; message: string };

/**
 * Reads the correction inputs of a card (`naam_<id>`, `email_<id>`, `weg_<id>`) for the school's
 * current contacts and validates them. Returns the changes, or every error (nothing may be
 * saved then). Inputs for people who are no longer contacts of the school are ignored: the
 * refreshed card shows the list as it is now.
 */
export function readContactCorrections(
  data: Record<string, unknown>,
  contacts: readonly CurrentContact[],
  emailOwner: (email: string) => number | null,
): { ok: true; changes: ContactChange[] } | { ok: false; errors: ContactCorrectionError[] } {
  const errors: ContactCorrectionError[] = [];
  const changes: ContactChange[] = [];
  const claimed = new Map<string, number>();
  for (const contact of contacts) {
    const raw = { naam: data[`naam_${contact.personId}`], email: data[`email_${contact.personId}`], weg: data[`weg_${contact.personId}`] };
    if (raw.naam === undefined && raw.email === undefined && raw.weg === undefined) continue;
    const parsed = contactCorrectionSchema.safeParse({ naam: raw.naam ?? contact.naam, email: raw.email ?? contact.email, weg: raw.weg });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) errors.push({ personId: contact.personId, field: issue.path[0] as "naam" | "email" | "weg", message: issue.message });
      continue;
    }
    const input = parsed.data;
    if (input.weg) {
      changes.push({ personId: contact.personId, gone: true });
      continue;
    }
    const change: ContactChange = { personId: contact.personId, gone: false };
    if (input.naam !== contact.naam) change.naam = input.naam;
    if (input.email !== contact.email) {
      const owner = emailOwner(input.email);
      const twin = claimed.get(input.email);
      if (owner !== null && owner !== contact.personId) errors.push({ personId: contact.personId, field: "email", message: "dit e-mailadres hoort in Aanjager al bij iemand anders" });
      else if (twin !== undefined) errors.push({ personId: contact.personId, field: "email", message: "hetzelfde e-mailadres staat ook bij een andere contactpersoon op deze kaart" });
      else change.email = input.email;
    }
    claimed.set(input.email, contact.personId);
    if (change.naam !== undefined || change.email !== undefined) changes.push(change);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, changes };
}

/**
 * The data of both "klopt dit nog?" actions as the card sends it: the school and school year
 * the card was made for, the contacts it showed, plus the inline inputs (`naam_<id>`,
 * `email_<id>`, `weg_<id>`), which the correction validates field by field.
 */
export const contactCheckActionSchema = z
  .object({
    schoolId: z.coerce.number().int().positive(),
    schoolYear: z.string().regex(/^\d{4}-\d{4}$/),
    contactIds: z.array(z.coerce.number().int().positive()).max(1000).optional(),
  })
  .catchall(z.union([z.string().max(1000), z.boolean(), z.number(), z.null(), z.array(z.unknown()).max(1000)]));
