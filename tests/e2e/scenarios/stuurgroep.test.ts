import { describe, expect, it } from "vitest";
import { useScenario } from "../support/scenario.js";

/**
 * Patti (stuurgroep) reads the weekly KPI summary in chat: `samenvatting` gives this week's
 * (a tussenstand until Monday's is made), with its charts or, where the client does not render
 * charts, their fallback tables; `samenvatting week 47 2026-2027` gives a stored earlier week.
 */
const scenario = useScenario("stuurgroep", { user: "patti" });

describe("stuurgroep: the weekly summary", () => {
  it("shows this week's summary on `samenvatting`, with the charts or their fallback tables", async () => {
    const { user } = scenario;
    await user.waitForText("Hallo Patti, ik ben Aanjager");
    await user.say("samenvatting");
    await user.waitForText("Tussenstand week");
    await user.waitForText("Open per niveau");
    const text = await user.chatText();
    expect(text).toContain("Escalaties");
    // The demo region's DDD progress feeds the DDD section.
    expect(text).toContain("DDD en overstap");
    // The line chart of open and new cases per week, drawn (axis "Week", legend "open" and "nieuw"),
    // or, in a client without charts, its fallback table ("w48  0 open, 0 nieuw").
    const chart = /Zaken[\s\S]*w\d+[\s\S]*Week\s+open\s+nieuw/.test(text);
    const fallback = /Open en nieuwe zaken per week\s+w\d+\s+0 open, 0 nieuw/.test(text);
    expect(chart || fallback, text).toBe(true);
    await user.step("samenvatting");
    // The card is taller than the window: bring the escalations and their chart into view.
    await user.page.getByText("Open per niveau").last().scrollIntoViewIfNeeded();
    await user.step("escalaties-en-grafiek");
  });

  it("shows a stored earlier week with `samenvatting week 47 2026-2027`", async () => {
    const { user, stack } = scenario;
    const run = await stack.cli(["run", "weekly-summary", "--at", "2026-11-16T08:30:00+01:00"]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.json).toMatchObject({ job: "weekly-summary", status: "succeeded", week: 47, schoolYear: "2026-2027" });
    await user.say("samenvatting week 47 2026-2027");
    await user.waitForText("Weeksamenvatting week 47 (2026-2027)");
    expect(await user.chatText()).toContain("Stand van maandag 16 november 2026 om 08:30");
    await user.stepCard("week-47", "Weeksamenvatting week 47");
  });

  it("takes a week along as a file: `export samenvatting week 47 2026-2027 html` gives a download link that works", async () => {
    const { user } = scenario;
    await user.say("export samenvatting week 47 2026-2027 html");
    await user.waitForText("De KPI-samenvatting van week 47 van 2026-2027 als HTML-document om te printen.");
    const link = user.page.getByRole("link", { name: "samenvatting-2026-2027-week-47.html" }).last();
    const href = await link.getAttribute("href");
    expect(href).toMatch(/^http:\/\/localhost:\d+\/downloads\/[A-Za-z0-9_-]{32}$/);
    const res = await fetch(href!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toBe("attachment; filename=samenvatting-2026-2027-week-47.html");
    expect(await res.text()).toContain("Weeksamenvatting week 47 (2026-2027)");
    await user.step("export-samenvatting");
  });
});
