import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildHelpCardData } from "../../src/cards/help-card.js";
import { cardsDir, findUnexpandedExpressions, listCardTemplates, renderCard } from "../../src/cards/render-card.js";
import { listCommandsFor } from "../../src/domain/commands.js";
import { buildActor } from "../../src/services/actor.js";
import { DDD_CARD_DATA_SETS } from "./ddd/card-fixtures.js";

/**
 * Every template in cards/ with each of its data sets. A template added without data sets
 * here fails the suite, so no card reaches Teams untested.
 */
const alex = {
  id: 1,
  naam: "Alex Wilber",
  email: "alexw@example.com",
  aadObjectId: "a",
  teamsUserId: "t",
  roles: [
    { role: "projectteam", schoolId: null, schoolBrin: null, schoolNaam: null, mentorGroup: null, activityId: null },
    { role: "decaan", schoolId: 1, schoolBrin: "10AB", schoolNaam: "Graaf Huyn Vmbo", mentorGroup: null, activityId: null },
  ],
};
const contact = "projectteam, pt@vsv.example";
export const CARD_DATA_SETS: Record<string, object[]> = {
  help: [
    buildHelpCardData(buildActor(alex, { teamsUserId: "t", aadObjectId: "a" }), listCommandsFor(["projectteam", "decaan"]), contact),
    buildHelpCardData(buildActor(null, { teamsUserId: "t", aadObjectId: null }), listCommandsFor([]), contact),
  ],
  ...DDD_CARD_DATA_SETS,
};

describe("card templates", () => {
  it("has data sets for every template in cards/", () => {
    expect(listCardTemplates().sort()).toEqual(Object.keys(CARD_DATA_SETS).sort());
  });

  for (const [name, dataSets] of Object.entries(CARD_DATA_SETS)) {
    it(`renders ${name} with every data set: Adaptive Card 1.5, nothing left unexpanded, under 28 KB`, () => {
      const template = JSON.parse(fs.readFileSync(path.join(cardsDir, `${name}.json`), "utf8"));
      expect(template.type).toBe("AdaptiveCard");
      for (const data of dataSets) {
        const card = renderCard(name, data);
        expect(card.version).toBe("1.5");
        expect(findUnexpandedExpressions(card)).toEqual([]);
        expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(28 * 1024);
      }
    });
  }

  it("refuses to render a card whose data misses a field", () => {
    expect(() => renderCard("help", { title: "x" })).toThrow(/unexpanded expressions/);
  });
});
