import { renderOverstapYearCard } from "../cards/overstapjaar-card.js";
import { runOverstapYear } from "../services/ddd/overstap-year.js";
import type { JobDefinition } from "./types.js";

/**
 * The overstap year after 1 April (issue 18): reminders in the toelating and start phases, the
 * 1 June and 1 October checks, and the zomerlek and niet-gestart cases. Daily; it decides itself
 * whether today is a working moment and which steps are due (src/domain/ddd/overstap-year.ts),
 * so a missed day is caught up. Idempotent: each step is done once per school.
 */
export const overstapYearJob: JobDefinition = {
  name: "overstap-jaar",
  description: "Volgt het overstapjaar na 1 april: herinneringen over aanmelding, plaatsing en start, de controles van 1 juni en 1 oktober, en zaken voor zomerlek en niet gestart (werkdagen, 08:20).",
  schedule: { kind: "daily", time: "08:20" },
  catchUp: true,
  async run(deps, now) {
    const result = await runOverstapYear({ ...deps, render: renderOverstapYearCard }, now);
    return { ...result };
  },
};
