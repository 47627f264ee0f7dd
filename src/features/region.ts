import { checklistCommand } from "../teams/commands/checklist.js";
import type { Feature } from "./feature.js";

/** The region as data (src/data/regio-*.yaml) and the beheerder's checklist of what it still misses. */
export const regionFeature: Feature = {
  name: "regio",
  commands: [checklistCommand],
};
