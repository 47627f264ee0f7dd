/** Public API of the escalation domain: case vocabulary, the policy as data, planning and the state machine. */
export * from "./types.js";
export * from "./policy.js";
export * from "./plan-escalation.js";
export * from "./actions.js";
// The BSN check belongs to the one pupil-data screen; re-exported here for the case code that uses it.
export { BSN_REFUSAL, containsBsn, findBsnCandidates, passesElfproef } from "../free-text.js";
export * from "./filter.js";
