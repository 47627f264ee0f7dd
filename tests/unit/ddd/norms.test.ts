import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseCatalogue } from "../../../src/domain/catalogue.js";
import { DDD_NORM_KPIS, DDD_NORM_WITHOUT_TARGET, resolveDddNormTargets, toCampaignNorms } from "../../../src/domain/ddd/index.js";

const parsed = parseCatalogue(readFileSync(new URL("../../../src/data/activities.yaml", import.meta.url), "utf8"));
if (!parsed.ok) throw new Error("the bundled catalogue does not parse");
const ddd = parsed.activities.find((a) => a.id === DDD_NORM_KPIS.activityId) ?? null;

describe("DDD norms: one source, the catalogue", () => {
  it("finds both DDD KPIs in the bundled catalogue, with targets", () => {
    expect(ddd?.kpis.map((k) => k.key)).toEqual(expect.arrayContaining([DDD_NORM_KPIS.completed, DDD_NORM_KPIS.inBeeld]));
  });

  it("gives a plan year its own norms, and later years the latest plan year's", () => {
    expect(toCampaignNorms(resolveDddNormTargets(ddd, "2017-2018"))).toEqual({ ddd: 95, inBeeld: 98 });
    expect(resolveDddNormTargets(ddd, "2026-2027")).toEqual({
      completed: { value: 97, schoolYear: "2019-2020", defaulted: true },
      inBeeld: { value: 98, schoolYear: "2019-2020", defaulted: true },
    });
    expect(toCampaignNorms(resolveDddNormTargets(ddd, "2026-2027"))).toEqual({ ddd: 97, inBeeld: 98 });
  });

  it("holds schools to 100 % when no catalogue (or no target for that year) is loaded", () => {
    expect(toCampaignNorms(resolveDddNormTargets(null, "2026-2027"))).toEqual({ ddd: DDD_NORM_WITHOUT_TARGET, inBeeld: DDD_NORM_WITHOUT_TARGET });
    expect(toCampaignNorms(resolveDddNormTargets(ddd, "2015-2016"))).toEqual({ ddd: 100, inBeeld: 100 });
  });
});
