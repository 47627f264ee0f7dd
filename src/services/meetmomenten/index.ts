/** Meetmomenten, split by use case; one import for callers. */
export * from "./deps.js";
export * from "./round-view.js";
export * from "./actions.js";
export * from "./chat.js";
export * from "./job.js";
