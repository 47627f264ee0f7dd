/** Escalation cases, split by use case; one import for callers. */
export * from "./types.js";
export * from "./view.js";
export * from "./open.js";
export * from "./escalation.js";
export * from "./actions.js";
export * from "./reading.js";
export * from "./handover.js";
