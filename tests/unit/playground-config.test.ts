import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import YAML from "yaml";
import { describe, expect, it } from "vitest";
import { PLAYGROUND_USERS } from "../../src/demo/demo-region.js";
import { preparePlaygroundConfig } from "../../src/dev/playground-config.js";

const manifest = JSON.parse(fs.readFileSync(path.resolve(import.meta.dirname, "..", "..", "manifest", "manifest.json"), "utf8")) as { name: { short: string }; developer: { name: string } };

describe("the Agents Playground's tenant for npm start (src/dev/playground-config.ts)", () => {
  it("names the bot and its team as the manifest does, with the demo region's people, Alex signed in", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-playground-"));
    const env = preparePlaygroundConfig({}, dir);
    const config = YAML.parse(fs.readFileSync(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH, "utf8"));
    expect(env.M365_AGENTS_PLAYGROUND_CONFIG_PATH).toBe(path.join(dir, ".m365agentsplayground.yml"));
    expect(config.bot.name).toBe("Aanjager");
    expect(config.bot.name).toBe(manifest.name.short);
    expect(config.team.name).toBe(manifest.developer.name);
    expect(config.team.name).not.toBe("My Team");
    expect(config.currentUser).toMatchObject({ name: PLAYGROUND_USERS.alex.naam, aadObjectId: PLAYGROUND_USERS.alex.aadObjectId });
    expect(config.users.map((u: { aadObjectId: string }) => u.aadObjectId).sort()).toEqual(
      Object.values(PLAYGROUND_USERS).filter((p) => p !== PLAYGROUND_USERS.alex).map((p) => p.aadObjectId).sort(),
    );
  });

  it("keeps a config file the caller brought (the acceptance tests sign in other people)", () => {
    expect(preparePlaygroundConfig({ M365_AGENTS_PLAYGROUND_CONFIG_PATH: "/elders/config.yml" }, "/niet-gebruikt")).toEqual({ M365_AGENTS_PLAYGROUND_CONFIG_PATH: "/elders/config.yml" });
  });
});
