import { dddCijfersAction } from "./ddd-cijfers.js";
import { dddGedaanAction } from "./ddd-gedaan.js";
import { dddHulpAction } from "./ddd-hulp.js";
import { dddLaterAction } from "./ddd-later.js";
import type { CardActionHandler } from "./router.js";

/** Card action handlers (Action.Execute verbs). Features add theirs here. */
export const CARD_ACTION_HANDLERS: readonly CardActionHandler[] = [dddCijfersAction, dddLaterAction, dddHulpAction, dddGedaanAction];
