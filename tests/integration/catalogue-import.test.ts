import fs from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/client.js";
import { findActivity, listActivities } from "../../src/db/catalogue.js";
import { parseCatalogue, resolveKpiTarget } from "../../src/domain/catalogue.js";
import { DEFAULT_CATALOGUE_PATH, ensureCatalogue, importCatalogueText, listCatalogueMeetmomenten, listKpiTargets } from "../../src/services/catalogue.js";
import { loadWorkCalendar } from "../../src/services/calendar-data.js";
import { seedDemoData } from "../../src/services/demo-seed.js";
import { PLAYGROUND_USERS } from "../../src/demo/demo-region.js";
import { useTestDb } from "../support/test-db.js";

const bundled = fs.readFileSync(DEFAULT_CATALOGUE_PATH, "utf8");
const now = new Date("2026-09-01T08:00:00Z");

const openDb = useTestDb();
let db: Db;
beforeEach(() => {
  db = openDb();
});

async function snapshot() {
  return JSON.stringify({
    activities: await db.activity.findMany({ orderBy: { id: "asc" } }),
    schedules: await db.meetmomentSchedule.findMany({ orderBy: { id: "asc" } }),
    kpis: await db.kpi.findMany({ orderBy: { id: "asc" } }),
    targets: await db.kpiTarget.findMany({ orderBy: { id: "asc" } }),
  });
}

describe("catalogue import", () => {
  it("loads the 19 activities with rhythms, KPIs and per-year targets, and reads them back as written", async () => {
    const result = await importCatalogueText(db, bundled, { now });
    expect(result).toMatchObject({ ok: true, activities: 19, changed: true, unchanged: 0 });
    expect(await db.activity.count()).toBe(19);
    const parsed = parseCatalogue(bundled);
    expect(parsed.ok && (await listActivities(db))).toEqual(parsed.ok && parsed.activities);
    const ddd = (await findActivity(db, "ddd"))!;
    const dddPct = ddd.kpis.find((k) => k.key === "waarvan-pct-met-een-ingevuld-ddd")!;
    expect(dddPct).toMatchObject({ unit: "percentage", direction: "higher", targetText: "90% (2016-2017) oplopend naar 97% (2019-2020)" });
    // History from the seed; today's target defaults to the last seed year's until configured.
    expect(resolveKpiTarget(dddPct.targets, "2017-2018")).toEqual({ value: 95, schoolYear: "2017-2018", defaulted: false });
    expect(resolveKpiTarget(dddPct.targets, "2026-2027")).toEqual({ value: 97, schoolYear: "2019-2020", defaulted: true });
  });

  it("answers targets and meetmomenten of a school year from the database", async () => {
    await importCatalogueText(db, bundled, { now });
    const targets = await listKpiTargets(db, "2026-2027");
    expect(targets.filter((t) => t.activityId === "ddd" && t.target).map((t) => [t.key, t.target!.value, t.target!.defaulted])).toEqual([
      ["pct-overstappers-vo-mbo-in-regio-39-in-beeld-met", 98, true],
      ["waarvan-pct-met-een-ingevuld-ddd", 97, true],
    ]);
    const moments = await listCatalogueMeetmomenten(db, "2026-2027", await loadWorkCalendar());
    expect(moments.filter((m) => m.activityId === "ddd" || m.activityId === "overstap-vo-mbo").map((m) => [m.activityId, m.date])).toEqual([
      ["ddd", "2026-11-02"],
      ["overstap-vo-mbo", "2026-11-02"],
    ]);
    expect(moments.map((m) => m.date)).toEqual([...moments.map((m) => m.date)].sort());
  });

  it("changes nothing when the same catalogue is imported again", async () => {
    await importCatalogueText(db, bundled, { now });
    const before = await snapshot();
    expect(await importCatalogueText(db, bundled, { now: new Date("2026-10-01T08:00:00Z") })).toMatchObject({ ok: true, changed: false, unchanged: 19, added: [], updated: [], archived: [] });
    expect(await snapshot()).toBe(before);
  });

  it("applies an edited catalogue: a configured target for this year, a renamed activity, a removed KPI and a removed activity", async () => {
    await importCatalogueText(db, bundled, { now });
    const dddKpiId = (await db.kpi.findFirstOrThrow({ where: { activityId: "ddd", key: "waarvan-pct-met-een-ingevuld-ddd" } })).id;
    const edited = bundled
      .replace(`per_year_targets: {"2016-2017": "90%", "2017-2018": "95%", "2018-2019": "96%", "2019-2020": "97%"}`, `per_year_targets: {"2016-2017": "90%", "2017-2018": "95%", "2018-2019": "96%", "2019-2020": "97%", "2026-2027": "99%"}`)
      .replace(`naam: "Coach4you"`, `naam: "Coach4U"`)
      .replace(
        '\n    - name: "VSV-cijfer vmbo bovenbouw"\n      unit: percentage\n      duo_vsv: "VMBO BOVENBOUW"\n      target: "onder de landelijke norm houden"\n  verantwoordelijk: "De betrokken onderwijsinstellingen. Doel/opbrengst ligt bij besturen vo/mbo."',
        '\n  verantwoordelijk: "De betrokken onderwijsinstellingen. Doel/opbrengst ligt bij besturen vo/mbo."',
      );
    const withoutLast = edited.slice(0, edited.indexOf("- id: maatwerktraject-dacapo"));
    const result = await importCatalogueText(db, withoutLast, { now });
    expect(result).toMatchObject({ ok: true, activities: 18, changed: true, added: [], archived: ["maatwerktraject-dacapo"] });
    expect(result.ok && [...result.updated].sort()).toEqual(["coach4you", "ddd"]);
    const ddd = (await findActivity(db, "ddd"))!;
    expect(ddd.kpis.map((k) => k.key)).not.toContain("vsv-cijfer-vmbo-bovenbouw");
    expect(await db.kpi.findFirst({ where: { activityId: "ddd", key: "vsv-cijfer-vmbo-bovenbouw" } })).toMatchObject({ archivedAt: now });
    const pct = ddd.kpis.find((k) => k.key === "waarvan-pct-met-een-ingevuld-ddd")!;
    expect(resolveKpiTarget(pct.targets, "2026-2027")).toEqual({ value: 99, schoolYear: "2026-2027", defaulted: false });
    expect((await db.kpi.findUniqueOrThrow({ where: { id: dddKpiId } })).key).toBe("waarvan-pct-met-een-ingevuld-ddd"); // same row: figures keep their KPI
    expect(await findActivity(db, "maatwerktraject-dacapo")).toBeNull();
    expect((await findActivity(db, "coach4you"))!.naam).toBe("Coach4U");
    // Bringing it back un-archives it.
    expect(await importCatalogueText(db, bundled, { now })).toMatchObject({ ok: true, added: [], archived: [] });
    expect(await findActivity(db, "maatwerktraject-dacapo")).not.toBeNull();
  });

  it("rejects a catalogue with any invalid entry as a whole and leaves the database as it was", async () => {
    await importCatalogueText(db, bundled, { now });
    const before = await snapshot();
    const broken = bundled.replace(`naam: "Coach4you"`, `naam: "Coach4U"`).replace("unit: count\n      target: \"90 van de", "unit: aantal\n      target: \"90 van de");
    const result = await importCatalogueText(db, broken, { now });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors).toEqual([expect.objectContaining({ position: 16, id: "bovenschoolse-tussenvoorziening", line: expect.any(Number), reason: expect.stringContaining("kpis[1].unit: onbekende eenheid") })]);
    expect(await snapshot()).toBe(before);
  });

  it("loads the bundled catalogue only into an empty database", async () => {
    expect(await ensureCatalogue(db, now)).toEqual({ loaded: true, activities: 19 });
    await importCatalogueText(db, bundled.replace(`naam: "Coach4you"`, `naam: "Coach4U"`), { now });
    expect(await ensureCatalogue(db, now)).toEqual({ loaded: false, activities: 19 });
    expect((await findActivity(db, "coach4you"))!.naam).toBe("Coach4U");
  });
});

describe("demo seed", () => {
  it("loads the catalogue and gives every activity an owner, keeping the playground users' roles", async () => {
    const first = await seedDemoData(db, now);
    expect(first).toMatchObject({ catalogueLoaded: true, activities: 19, schools: 60, changed: true });
    const owners = await db.roleAssignment.findMany({ where: { role: "eigenaar" }, include: { person: true } });
    expect(new Set(owners.map((o) => o.activityId))).toEqual(new Set((await listActivities(db)).map((a) => a.id)));
    expect(owners.find((o) => o.activityId === "ddd")!.person.email).toBe(PLAYGROUND_USERS.isaiah.email);
    const alex = await db.person.findUniqueOrThrow({ where: { email: PLAYGROUND_USERS.alex.email }, include: { roles: true } });
    expect(alex.roles.map((r) => r.role).sort()).toEqual(["beheerder", "decaan", "projectteam"]);
    expect(alex.roles.every((r) => r.source === "demo")).toBe(true);
    const schools = await db.school.groupBy({ by: ["soort"], _count: true });
    expect(Object.fromEntries(schools.map((s) => [s.soort, s._count]))).toEqual({ vmbo: 26, "havo-vwo": 12, pro: 6, vso: 7, mbo: 6, vavo: 3 });
  });

  it("is deterministic and idempotent: a second run writes nothing", async () => {
    await seedDemoData(db, now);
    const people = JSON.stringify(await db.person.findMany({ orderBy: { id: "asc" } }));
    const roles = JSON.stringify(await db.roleAssignment.findMany({ orderBy: { id: "asc" } }));
    expect(await seedDemoData(db, now)).toMatchObject({ catalogueLoaded: false, changed: false });
    expect(JSON.stringify(await db.person.findMany({ orderBy: { id: "asc" } }))).toBe(people);
    expect(JSON.stringify(await db.roleAssignment.findMany({ orderBy: { id: "asc" } }))).toBe(roles);
  });
});
