import { confirmContactsAction } from "./confirm-contacts.js";
import { correctContactsAction } from "./correct-contacts.js";
import type { CardActionHandler } from "./router.js";

/** Card action handlers (Action.Execute verbs). Features add theirs here. */
export const CARD_ACTION_HANDLERS: readonly CardActionHandler[] = [confirmContactsAction, correctContactsAction];
