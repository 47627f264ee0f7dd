import { describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.js";
import { resolveCampaign } from "../../../src/services/ddd/campaign.js";
import { amsterdam, zuid } from "./zuid-calendar.js";

describe("DDD campaign configuration", () => {
  // Issue 18: the default start moved from February to the region file's timing (the first
  // working day after the kerstvakantie, after a registration phase from the herfstvakantie on).
  it("defaults to a 1 April deadline and the region file's timing: registration after the herfstvakantie, the campaign after the kerstvakantie", () => {
    const timing = { registrationAfterHerfstvakantie: 1, reminderBeforeKerstvakantie: 10, campaignAfterKerstvakantie: 1 };
    expect(loadConfig({}).ddd).toEqual({ deadline: "04-01", campaignStart: null, timing });
    expect(loadConfig({ DDD_DEADLINE: "04-15", DDD_CAMPAIGN_START: "01-15" }).ddd).toEqual({ deadline: "04-15", campaignStart: "01-15", timing });
    expect(resolveCampaign(amsterdam("2026-11-25T12:00"), zuid, loadConfig({})).plan.startDay).toBe("2027-01-04");
    expect(loadConfig({ DDD_CAMPAIGN_START: "  " }).ddd.campaignStart).toBeNull();
  });

  it("names a bad DDD date in Dutch", () => {
    expect(() => loadConfig({ DDD_DEADLINE: "1 april", DDD_CAMPAIGN_START: "13-01" })).toThrow(/- DDD_DEADLINE: verwacht MM-DD[\s\S]*- DDD_CAMPAIGN_START: verwacht MM-DD/);
  });

  it("refuses a campaign that would start after its deadline (checked at start-up)", () => {
    const config = loadConfig({ DDD_DEADLINE: "03-01", DDD_CAMPAIGN_START: "03-15" });
    expect(() => resolveCampaign(amsterdam("2026-11-25T12:00"), zuid, config)).toThrow("De DDD-campagne moet vóór de deadline beginnen (start 2027-03-15, deadline 2027-03-01).");
    expect(resolveCampaign(amsterdam("2026-11-25T12:00"), zuid, loadConfig({})).plan.deadlineDay).toBe("2027-04-01");
  });
});
