import { createHash } from "node:crypto";
import type { Db } from "../db/client.js";
import { withMaintenanceWindow } from "../db/maintenance.js";
import { deletePerson, findPersonRecord, PERSONAL_DATA_PROVIDERS } from "../db/personal-data.js";
import { AppError } from "../errors.js";

/** A stable pseudonym for an erased person: the same person always maps to the same label. */
export function buildPseudonym(personId: number, email: string): string {
  return `verwijderde medewerker ${createHash("sha256").update(`${personId}:${email.toLowerCase()}`).digest("hex").slice(0, 8)}`;
}

async function findPerson(db: Db, email: string) {
  const person = await findPersonRecord(db, email);
  if (!person) throw new AppError("NOT_FOUND", `Geen medewerker met e-mailadres ${email} (no such person)`);
  return person;
}

/** AVG inzageverzoek: everything stored about a staff member, per table. */
export async function exportPersonalData(db: Db, email: string, now: Date): Promise<Record<string, unknown>> {
  const person = await findPerson(db, email);
  const data: Record<string, unknown> = {
    exportedAt: now.toISOString(),
    persoon: { ...person },
  };
  for (const provider of PERSONAL_DATA_PROVIDERS) data[provider.name] = await provider.collect(db, person.id);
  return data;
}

/**
 * AVG verwijderverzoek: removes the person and their roles, chats and answers; where history must
 * stay (the audit trail of cases, aggregates they delivered) their name becomes a pseudonym.
 */
export async function erasePersonalData(db: Db, email: string, now: Date): Promise<{ pseudonym: string; changed: Record<string, number> }> {
  const person = await findPerson(db, email);
  const pseudonym = buildPseudonym(person.id, person.email);
  const changed: Record<string, number> = {};
  await withMaintenanceWindow(db, "privacy-delete", now, async (tx) => {
    for (const provider of PERSONAL_DATA_PROVIDERS) changed[provider.name] = await provider.erase(tx, person.id, pseudonym, person);
    await deletePerson(tx, person.id);
  });
  return { pseudonym, changed };
}
