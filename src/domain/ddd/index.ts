/** Public API of the DDD campaign domain: figures and their rules, norms, the plan, the forecast and the planner. Pure. */
export * from "./figures.js";
export * from "./overstap-counts.js";
export * from "./overstap-export.js";
export * from "./pupil-counts.js";
export * from "./norms.js";
export * from "./campaign-plan.js";
export * from "./forecast.js";
export * from "./planner.js";
export * from "./registration-planner.js";
export * from "./format.js";
export * from "./working-day-index.js";
export * from "./overstap-year.js";
