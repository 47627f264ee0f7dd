/**
 * The weekly stuurgroep summary of Monday 22 March 2027 08:30, run through the job runner on the
 * generated region (five school years of DDD imports, the catalogue's rounds, 2,000 cases with
 * their trails, a stored summary for every earlier week) and on the doubled region, three times
 * each on a fresh copy: building every section from the real sources, storing it and enqueueing
 * its cards to the linked stuurgroep channel. Goal: at most 500 ms, and at most 1.1x per doubling
 * (it posts the same cards whatever the region's size). Prints one JSON line.
 */
import { upsertChannelLink } from "../../src/db/channel-links.js";
import { atLocal, benchDailyJob } from "./generated-region.js";

const at = atLocal("2027-03-22", "08:30");
await benchDailyJob({
  benchmark: "summary",
  job: "weekly-summary",
  at,
  goalMs: 500,
  // The same few cards whatever the size: the run should not grow with the region at all.
  itemsOf: () => 1,
  prepare: async (db) => {
    await upsertChannelLink(db, { purpose: "stuurgroep", conversationId: "19:stuurgroep@thread.tacv2", teamId: "team-vsv", channelId: "19:stuurgroep@thread.tacv2", linkedById: null }, at);
  },
});
