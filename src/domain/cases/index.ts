/** Public API of the escalation domain: case vocabulary, the policy as data, planning and the state machine. */
export * from "./types.js";
export * from "./policy.js";
export * from "./plan-escalation.js";
export * from "./actions.js";
export * from "./bsn.js";
export * from "./filter.js";
