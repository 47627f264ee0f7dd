import { describe, expect, it } from "vitest";
import { PLAYGROUND_USERS } from "../../src/demo/demo-region.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { findJob } from "../../src/jobs/registry.js";
import { loadActivity } from "../support/fixtures.js";
import { useTestAanjager } from "../support/test-app.js";

const TEAM_ID = "19:stuurgroep-general-channel@thread.tacv2";

const bot = useTestAanjager();

async function unlinkedDecaan(skip = 0) {
  return bot.app.db.person.findFirstOrThrow({ where: { aadObjectId: null, roles: { some: { role: "decaan" } } }, orderBy: { id: "asc" }, skip });
}

const rosterCalls = () => bot.connector.calls.filter((c) => c.method === "GET" && c.path.endsWith(`/v3/conversations/${TEAM_ID}/pagedmembers`));

describe("roster sync", () => {
  it("links the directory people in a team's roster when the bot is added to the team", async () => {
    const decaan = await unlinkedDecaan();
    const m = bot.connector.members;
    m.set("29:decaan", { id: "29:decaan", name: decaan.naam, aadObjectId: "aad-decaan", email: decaan.email.toUpperCase() });
    m.set("29:alex", { id: "29:alex", name: "Alex Wilber", aadObjectId: PLAYGROUND_USERS.alex.aadObjectId, userPrincipalName: "alexw@tenant.example" });
    m.set("29:stranger", { id: "29:stranger", name: "Iemand Anders", aadObjectId: "aad-stranger", email: "stranger@elders.example" });
    m.set("29:impostor", { id: "29:impostor", name: "X", aadObjectId: "aad-impostor", email: PLAYGROUND_USERS.megan.email });
    const peopleBefore = await bot.app.db.person.count();

    const res = await bot.post(loadActivity("conversation-update-bot-added-team", bot.connector.url));
    expect(res.status).toBe(200);
    expect(rosterCalls()).toHaveLength(1);
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: decaan.id } })).toMatchObject({ aadObjectId: "aad-decaan", teamsUserId: "29:decaan" });
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { email: PLAYGROUND_USERS.alex.email } })).toMatchObject({ teamsUserId: "29:alex" });
    // Megan is linked to her own AAD account: an e-mail match from another account does not take her over.
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { email: PLAYGROUND_USERS.megan.email } })).toMatchObject({ aadObjectId: PLAYGROUND_USERS.megan.aadObjectId, teamsUserId: null });
    // Nobody outside the directory is stored.
    expect(await bot.app.db.person.count()).toBe(peopleBefore);
    expect(await bot.app.db.person.findFirst({ where: { teamsUserId: "29:stranger" } })).toBeNull();
  });

  it("runs daily over every team the bot is in, linking people who joined since, and reports counts", async () => {
    await bot.post(loadActivity("conversation-update-bot-added-team", bot.connector.url));
    const later = await unlinkedDecaan(1);
    bot.connector.members.set("29:later", { id: "29:later", name: later.naam, email: later.email });
    bot.connector.members.set("29:stranger", { id: "29:stranger", name: "Iemand Anders", aadObjectId: "aad-stranger", email: "stranger@elders.example" });

    const outcome = await runJobManually(bot.app.jobDeps, findJob("sync-rosters", bot.app.jobs), new Date("2026-10-05T04:30:00Z"));
    expect(outcome).toMatchObject({ status: "succeeded", result: { teams: 1, failedTeams: 0, members: 2, linked: 1, alreadyLinked: 0, notInDirectory: 1, conflicts: 0 } });
    expect(await bot.app.db.person.findUniqueOrThrow({ where: { id: later.id } })).toMatchObject({ teamsUserId: "29:later", aadObjectId: null });
    expect(rosterCalls()).toHaveLength(2);

    const again = await runJobManually(bot.app.jobDeps, findJob("sync-rosters", bot.app.jobs), new Date("2026-10-06T04:30:00Z"));
    expect(again).toMatchObject({ status: "succeeded", result: { linked: 0, alreadyLinked: 1 } });
  });

  it("keeps going when Teams refuses a team's roster, and skips teams the bot was removed from", async () => {
    await bot.post(loadActivity("conversation-update-bot-added-team", bot.connector.url));
    bot.connector.faults.push((call) => (call.path.includes("/pagedmembers") ? { status: 403, body: { error: { code: "BotNotInConversationRoster", message: "x" } } } : null));
    const failed = await runJobManually(bot.app.jobDeps, findJob("sync-rosters", bot.app.jobs), new Date("2026-10-05T04:30:00Z"));
    expect(failed).toMatchObject({ status: "succeeded", result: { teams: 1, failedTeams: 1, linked: 0 } });
    expect(bot.connector.sent()).toHaveLength(0); // nothing is posted in the team's channel

    bot.connector.reset();
    await bot.post(loadActivity("installation-update-remove-team", bot.connector.url));
    const none = await runJobManually(bot.app.jobDeps, findJob("sync-rosters", bot.app.jobs), new Date("2026-10-06T04:30:00Z"));
    expect(none).toMatchObject({ status: "succeeded", result: { teams: 0 } });
    expect(rosterCalls()).toHaveLength(0);
  });
});
