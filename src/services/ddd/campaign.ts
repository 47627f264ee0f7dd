import type { Config } from "../../config.js";
import { getSchoolYear, toIsoDate, type IsoDate, type SchoolYearLabel, type WorkCalendar } from "../../domain/calendar/index.js";
import { buildCampaignIndex, buildCampaignPlan, type CampaignPlan, type WorkingDayIndex } from "../../domain/ddd/index.js";

/** The campaign of the school year `now` falls in, as configured: plan and a working-day index (norms: ProgressContext). */
export type CampaignContext = {
  schoolYear: SchoolYearLabel;
  today: IsoDate;
  plan: CampaignPlan;
  index: WorkingDayIndex;
};

// Plans and indexes depend only on the calendar, the settings and the school year: built once.
const cache = new WeakMap<WorkCalendar, Map<string, { plan: CampaignPlan; index: WorkingDayIndex }>>();

export function resolveCampaign(now: Date, calendar: WorkCalendar, config: Pick<Config, "ddd">): CampaignContext {
  const schoolYear = getSchoolYear(now, calendar.zone);
  const timing = config.ddd.timing;
  const key = `${schoolYear}|${config.ddd.deadline}|${config.ddd.campaignStart ?? ""}|${timing ? Object.values(timing).join(",") : ""}`;
  let perCalendar = cache.get(calendar);
  if (!perCalendar) cache.set(calendar, (perCalendar = new Map()));
  let entry = perCalendar.get(key);
  if (!entry) {
    const plan = buildCampaignPlan(schoolYear, calendar, { deadline: config.ddd.deadline, start: config.ddd.campaignStart, timing });
    entry = { plan, index: buildCampaignIndex(plan, calendar) };
    perCalendar.set(key, entry);
  }
  return { schoolYear, today: toIsoDate(now, calendar.zone), plan: entry.plan, index: entry.index };
}
