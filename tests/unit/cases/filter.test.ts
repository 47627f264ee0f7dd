import { describe, expect, it } from "vitest";
import { DEFAULT_REGION_FILE, readRegionFile } from "../../../src/config.js";

const DEMO_SUBREGIOS = readRegionFile(DEFAULT_REGION_FILE).subregios.map((s) => ({ id: s.id, naam: s.naam }));
import { parseCaseFilter } from "../../../src/domain/cases/index.js";

describe("parseCaseFilter", () => {
  it("reads a subregio, also by its first word, and a type by a common word", () => {
    expect(parseCaseFilter("parkstad", DEMO_SUBREGIOS)).toEqual({ subregioId: "parkstad", unknown: [] });
    expect(parseCaseFilter("Westelijke Mijnstreek ddd", DEMO_SUBREGIOS)).toEqual({ subregioId: "westelijke-mijnstreek", type: "ddd-achterstand", unknown: [] });
    expect(parseCaseFilter("maastricht overstap", DEMO_SUBREGIOS)).toEqual({ subregioId: "maastricht-heuvelland", type: "overstap", unknown: [] });
    expect(parseCaseFilter("geen reactie", DEMO_SUBREGIOS)).toEqual({ type: "geen-reactie", unknown: [] });
  });

  it("reads mijn and gesloten, and reports words it does not know", () => {
    expect(parseCaseFilter("mijn gesloten contact", DEMO_SUBREGIOS)).toEqual({ mine: true, resolved: true, type: "geen-geldig-contact", unknown: [] });
    expect(parseCaseFilter("blabla", DEMO_SUBREGIOS)).toEqual({ unknown: ["blabla"] });
    expect(parseCaseFilter("", DEMO_SUBREGIOS)).toEqual({ unknown: [] });
  });
});
