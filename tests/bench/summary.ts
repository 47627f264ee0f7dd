/**
 * The weekly stuurgroep summary of Monday 22 March 2027 08:30, run through the job runner on the
 * generated region (five school years of DDD imports, the catalogue's rounds, 2,000 cases with
 * their trails, a stored summary for every earlier week) and on the doubled region, three times
 * each on a fresh copy: building every section from the real sources, storing it and enqueueing
 * its cards to the linked stuurgroep channel. Goal: at most 500 ms, and growing with the region,
 * not with its square: at most 1.1x per school per doubling. It posts the same cards whatever the
 * size, but reads every school's figures (this year's and last year's up to its deadline) and the
 * week's case changes, so twice the schools is up to twice the reading. Prints one JSON line.
 */
import { upsertChannelLink } from "../../src/db/channel-links.js";
import { atLocal, benchDailyJob } from "./generated-region.js";

const at = atLocal("2027-03-22", "08:30");
await benchDailyJob({
  benchmark: "summary",
  job: "weekly-summary",
  at,
  goalMs: 500,
  // What it reads: every school's DDD history (the cards are the same few whatever the size).
  itemsOf: (_result, region) => region.schools,
  prepare: async (db) => {
    await upsertChannelLink(db, { purpose: "stuurgroep", conversationId: "19:stuurgroep@thread.tacv2", teamId: "team-vsv", channelId: "19:stuurgroep@thread.tacv2", linkedById: null }, at);
  },
});
