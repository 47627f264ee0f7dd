import type { DbOrTx } from "../db/client.js";
import { findPersonIdsByEmail } from "../db/contacts.js";
import { listEmailAddresses, screenFreeText } from "../domain/free-text.js";
import { AppError } from "../errors.js";

/**
 * Screens free text before it is stored or sent: no BSN-like numbers, no e-mail addresses of
 * people outside the directory. Returns the Dutch refusal, or null when the text may be stored.
 * Chat commands and card actions reach the same use cases, so both pass through here.
 */
export async function checkFreeText(db: DbOrTx, texts: readonly (string | null | undefined)[], what?: string): Promise<string | null> {
  const staff = await findPersonIdsByEmail(db, listEmailAddresses(texts));
  return screenFreeText(texts, (address) => staff.has(address), what);
}

/** As `checkFreeText`, for use cases that answer a refusal by throwing a user error. */
export async function assertFreeTextAllowed(db: DbOrTx, texts: readonly (string | null | undefined)[]): Promise<void> {
  const refusal = await checkFreeText(db, texts);
  if (refusal !== null) throw new AppError("VALIDATION", "free text with pupil data refused", { userMessage: refusal });
}
