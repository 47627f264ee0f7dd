import { casesFeature } from "./cases.js";
import { contactsFeature } from "./contacts.js";
import { coreFeature } from "./core.js";
import { dddFeature } from "./ddd.js";
import { deliveryFeature } from "./delivery.js";
import { evaluationsFeature } from "./evaluations.js";
import { composeFeatures, type ComposedFeatures, type Feature } from "./feature.js";
import { meetmomentenFeature } from "./meetmomenten.js";
import { regionFeature } from "./region.js";
import { summaryFeature } from "./summary.js";

/**
 * Aanjager's features. Their order is the help card's order and the order in which missed jobs
 * catch up at start: contacts and DDD reminders may open cases, escalations move them on, and
 * the summary reports the cases as they then stand.
 */
export const FEATURES: readonly Feature[] = [coreFeature, contactsFeature, dddFeature, casesFeature, summaryFeature, meetmomentenFeature, evaluationsFeature, deliveryFeature, regionFeature];

/** The features composed: commands, card actions, jobs and the authorization table. */
export const COMPOSED_FEATURES: ComposedFeatures = composeFeatures(FEATURES);
