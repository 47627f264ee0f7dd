import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DateTime } from "luxon";
import { afterEach, describe, expect, it } from "vitest";
import { upsertChannelLink } from "../../src/db/channel-links.js";
import type { SchoolYearLabel } from "../../src/domain/calendar/index.js";
import { runJobManually } from "../../src/jobs/job-runner.js";
import { findJob } from "../../src/jobs/registry.js";
import { runAanjagerCli } from "../support/cli.js";
import { fetchDownload, findDownloadLink } from "../support/downloads.js";
import { loadActivity } from "../support/fixtures.js";
import { createFakeSummarySources, generateMeasurements, listSchoolYearsBack, loadCatalogueActivities } from "../support/summary-fixtures.js";
import { startTestAanjager, type TestAanjager } from "../support/test-app.js";
import { databaseEnv } from "../support/test-db.js";

let bot: TestAanjager;
let seq = 0;
let now = new Date();

function at(localIso: string): Date {
  return DateTime.fromISO(localIso, { zone: "Europe/Amsterdam" }).toJSDate();
}
afterEach(async () => {
  await bot.close();
});

type User = { teamsId: string; aad: string; name: string; conversation: string };
const PATTI: User = { teamsId: "29:patti", aad: "00000000-0000-0000-0000-0000000000024", name: "Patti Fernandez", conversation: "a:patti" };
const MEGAN: User = { teamsId: "29:megan", aad: "00000000-0000-0000-0000-0000000000021", name: "Megan Bowen", conversation: "a:megan" };

async function say(user: User, text: string) {
  const id = `msg-${++seq}`;
  const res = await bot.post(loadActivity("personal-message-help", bot.connector.url, { id, text, from: { id: user.teamsId, aadObjectId: user.aad, name: user.name }, conversation: { id: user.conversation } }));
  expect(res.status).toBe(200);
  return bot.connector.sent().filter((c) => c.path.endsWith(`/activities/${id}`));
}
const cardOf = (call: { body: any }) => call.body.attachments?.[0]?.content;

async function runWeeklySummary(localIso: string) {
  const outcome = await runJobManually(bot.app.jobDeps, findJob("weekly-summary", bot.app.jobs), at(localIso));
  expect(outcome.status).toBe("succeeded");
  return (outcome as { result: Record<string, unknown> }).result;
}

describe("samenvatting in chat", () => {
  it("gives Patti (stuurgroep) a tussenstand before Monday's summary, then the stored one; earlier weeks by number", async () => {
    now = at("2027-03-15T07:45");
    bot = await startTestAanjager({ clock: () => now });
    const [before] = await say(PATTI, "samenvatting");
    const tussenstand = JSON.stringify(cardOf(before!));
    expect(cardOf(before!).version).toBe("1.5");
    expect(tussenstand).toContain("Tussenstand week 11 (2026-2027)");
    expect(tussenstand).toContain("Escalaties");
    expect(tussenstand).toContain('"type":"Chart.Line"');
    expect(tussenstand).toContain("nog geen meting");
    expect(tussenstand).toContain("DDD en overstap"); // the DDD campaign's demo progress feeds this section
    expect(await bot.app.db.weeklySummary.count()).toBe(0); // a tussenstand is not stored

    await upsertChannelLink(bot.app.db, { purpose: "stuurgroep", conversationId: "19:stuurgroep@thread.tacv2", teamId: "19:team", channelId: "19:stuurgroep@thread.tacv2", linkedById: null }, now);
    expect(await runWeeklySummary("2027-03-15T08:30")).toMatchObject({ outcome: "verstuurd", week: 11 });
    now = at("2027-03-17T10:00");
    const [stored] = await say(PATTI, "Samenvatting");
    const text = JSON.stringify(cardOf(stored!));
    expect(text).toContain("Weeksamenvatting week 11 (2026-2027)");
    expect(text).toContain("Stand van maandag 15 maart 2027 om 08:30");
    expect(JSON.stringify(cardOf((await say(PATTI, "samenvatting week 11"))[0]!))).toBe(text);

    expect((await say(PATTI, "samenvatting week 10"))[0]!.body.text).toContain("Van week 10 (2026-2027) is geen samenvatting opgeslagen");
    expect((await say(PATTI, "samenvatting week 10"))[0]!.body.text).toContain("Opgeslagen weken in 2026-2027: 11.");
    expect((await say(PATTI, "samenvatting week 25"))[0]!.body.text).toContain("Week 25 van 2026-2027 moet nog komen.");
    expect((await say(PATTI, "samenvatting gisteren"))[0]!.body.text).toContain("Typ **samenvatting**");
  });

  it("is for the stuurgroep, projectteam, programmaleider and beheerder only", async () => {
    now = at("2027-03-15T10:00");
    bot = await startTestAanjager({ clock: () => now });
    expect((await say(MEGAN, "samenvatting"))[0]!.body.text).toContain("niet beschikbaar voor jouw rol");
    const help = JSON.stringify(cardOf((await say(PATTI, "help"))[0]!));
    expect(help).toContain("samenvatting [week ‹nr›]");
  });

  it("answers with the follow-up cards too when the KPI table does not fit in one card", async () => {
    now = at("2027-03-15T10:00");
    const activities = loadCatalogueActivities();
    bot = await startTestAanjager({ clock: () => now, summarySources: createFakeSummarySources({ measurements: generateMeasurements(activities, listSchoolYearsBack("2026-2027" as SchoolYearLabel, 2)) }) });
    const replies = await say(PATTI, "samenvatting");
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) expect(Buffer.byteLength(JSON.stringify(cardOf(reply)))).toBeLessThan(28 * 1024);
    expect(JSON.stringify(cardOf(replies[0]!))).toContain(`De volledige tabel per activiteit staat in de ${replies.length - 1} berichten hieronder.`);
    expect(JSON.stringify(cardOf(replies[1]!))).toContain(`KPI's per activiteit, 2026-2027 week 11 (deel 1 van ${replies.length - 1})`);
  });
});

describe("export samenvatting in chat", () => {
  it("gives Patti a download link to the stored week as CSV, or as HTML to print; the same document as the command line", async () => {
    now = at("2027-03-15T07:45");
    bot = await startTestAanjager({ clock: () => now });
    await upsertChannelLink(bot.app.db, { purpose: "stuurgroep", conversationId: "19:stuurgroep@thread.tacv2", teamId: "19:team", channelId: "19:stuurgroep@thread.tacv2", linkedById: null }, now);
    await runWeeklySummary("2027-03-15T08:30");
    now = at("2027-03-17T10:00");

    const [csvReply] = await say(PATTI, "export samenvatting week 11");
    expect(csvReply!.body.text).toMatch(/^De KPI-samenvatting van week 11 van 2026-2027 als CSV-bestand voor Excel\.\n\n\*\*Download:\*\* \[samenvatting-2026-2027-week-11\.csv\]/);
    const csv = await fetchDownload(bot, csvReply!.body.text);
    expect(csv).toMatchObject({ name: "samenvatting-2026-2027-week-11.csv", status: 200 });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.text.split("\n")[0]).toContain("Weeksamenvatting week 11 (2026-2027)");
    expect(csv.text).toContain("Escalaties");

    const html = await fetchDownload(bot, (await say(PATTI, "Export samenvatting week 11 HTML"))[0]!.body.text);
    expect(html).toMatchObject({ name: "samenvatting-2026-2027-week-11.html", status: 200 });
    // Served as a download, never rendered on Aanjager's own address.
    expect(html.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(html.headers.get("content-disposition")).toBe("attachment; filename=samenvatting-2026-2027-week-11.html");
    expect(html.headers.get("x-content-type-options")).toBe("nosniff");
    expect(html.text).toMatch(/^<!doctype html>/);
    const cli = await runAanjagerCli(["export", "samenvatting", "--week", "11", "--schooljaar", "2026-2027", "--format", "html"], { ...databaseEnv(bot.config.database), LOG_LEVEL: "silent" });
    expect(cli.code).toBe(0);
    expect(html.text).toBe(cli.stdout);

    // This week without arguments is the stored week 11; an unknown week and bad arguments get Dutch answers and no link.
    expect(findDownloadLink((await say(PATTI, "export samenvatting"))[0]!.body.text).name).toBe("samenvatting-2026-2027-week-11.csv");
    const missing = (await say(PATTI, "export samenvatting week 10"))[0]!.body.text as string;
    expect(missing).toContain("Van week 10 (2026-2027) is geen samenvatting opgeslagen");
    expect(missing).not.toContain("/downloads/");
    expect((await say(PATTI, "export samenvatting pdf"))[0]!.body.text).toContain("zet er **html** achter");
    expect((await say(MEGAN, "export samenvatting"))[0]!.body.text).toContain("**export samenvatting** is niet beschikbaar voor jouw rol");
    expect(await bot.app.db.download.count()).toBe(3);
  });
});

describe("aanjager export samenvatting", () => {
  it("writes the stored week as HTML, Markdown or CSV; refuses bad input with exit 2 and a missing week with exit 1", async () => {
    now = at("2027-03-15T08:30");
    bot = await startTestAanjager({ clock: () => now });
    await upsertChannelLink(bot.app.db, { purpose: "stuurgroep", conversationId: "19:stuurgroep@thread.tacv2", teamId: "19:team", channelId: "19:stuurgroep@thread.tacv2", linkedById: null }, now);
    await runWeeklySummary("2027-03-15T08:30");
    const env = { ...databaseEnv(bot.config.database), LOG_LEVEL: "silent" };
    const cli = async (...args: string[]) => {
      const { code, stdout, stderr } = await runAanjagerCli(["--json", "export", "samenvatting", ...args], env);
      return { status: code, stdout, stderr };
    };
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-export-"));

    const html = await cli("--week", "11", "--schooljaar", "2026-2027", "--format", "html", "--out", path.join(dir, "w11.html"));
    expect(html.status, html.stderr).toBe(0);
    expect(JSON.parse(html.stdout)).toEqual({ ok: true, file: path.join(dir, "w11.html"), format: "html", schoolYear: "2026-2027", week: 11, preview: false });
    const page = fs.readFileSync(path.join(dir, "w11.html"), "utf8");
    expect(page).toContain("<h1>Weeksamenvatting week 11 (2026-2027)</h1>");
    expect(page).toContain("<th>Verschil met vorig jaar</th>");

    const mdRun = await cli("--week", "11", "--schooljaar", "2026-2027", "--format", "md");
    expect(mdRun.status, mdRun.stderr).toBe(0);
    const md = mdRun.stdout;
    expect(md).toContain("# Weeksamenvatting week 11 (2026-2027)");
    expect(md).toContain("## Escalaties");
    const csv = await cli("--week", "11", "--schooljaar", "2026-2027", "--format", "csv");
    expect(csv.stdout).toContain("Sectie;Tabel;Indicator;Norm;Nu;Vorige;Verschil met norm;Verschil met vorig jaar;Status;Toelichting");

    expect((await cli("--week", "54", "--format", "md")).status).toBe(2);
    expect((await cli("--week", "11", "--format", "pdf")).stderr).toContain("Onbekend formaat");
    expect((await cli("--week", "11", "--schooljaar", "2026", "--format", "md")).status).toBe(2);
    const missing = await cli("--week", "40", "--schooljaar", "2025-2026", "--format", "md");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("Van week 40 (2025-2026) is geen samenvatting opgeslagen");
  });
});
