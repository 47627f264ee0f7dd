import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import JSZip from "jszip";
import {
  NIL_GUID,
  PACKAGE_FILE_NAME,
  packageManifest,
  readPngInfo,
  renderManifest,
  resolveManifestVars,
  validateManifest,
} from "../src/manifest/manifest-package.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const manifestDir = path.join(root, "manifest");

const testVars = {
  TEAMS_APP_ID: "3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
  BOT_ID: "9a8b7c6d-5e4f-4321-8fed-cba987654321",
  BOT_DOMAIN: "aanjager.example.nl",
};

interface ManifestShape {
  $schema: string;
  manifestVersion: string;
  id: string;
  name: { short: string; full?: string };
  localizationInfo?: { defaultLanguageTag: string };
  validDomains: string[];
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    isNotificationOnly: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description?: string }[] }[];
  }[];
}

let tmp = "";
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), "aanjager-manifest-"));
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

/** Copies manifest/ into a fresh temp dir so a test can break the copy. */
function copyManifestDir(name: string): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir, { recursive: true });
  for (const file of ["manifest.json", "color.png", "outline.png"]) {
    copyFileSync(path.join(manifestDir, file), path.join(dir, file));
  }
  return dir;
}

function readRaw(dir: string): ManifestShape {
  return JSON.parse(readFileSync(path.join(dir, "manifest.json"), "utf8")) as ManifestShape;
}

function writeRaw(dir: string, manifest: unknown): void {
  writeFileSync(path.join(dir, "manifest.json"), JSON.stringify(manifest, null, 2));
}

describe("committed manifest", () => {
  it("is valid once the placeholders are filled in", async () => {
    const manifest = renderManifest(manifestDir, testVars);
    expect(await validateManifest(manifest, manifestDir)).toEqual([]);
  });

  it("uses placeholders for the ids and the bot domain, and fills them in", () => {
    const raw = readRaw(manifestDir);
    expect(raw.id).toBe("${{TEAMS_APP_ID}}");
    expect(raw.bots[0]?.botId).toBe("${{BOT_ID}}");
    expect(raw.validDomains).toEqual(["${{BOT_DOMAIN}}"]);

    const rendered = renderManifest(manifestDir, testVars) as ManifestShape;
    expect(rendered.id).toBe(testVars.TEAMS_APP_ID);
    expect(rendered.bots[0]?.botId).toBe(testVars.BOT_ID);
    expect(rendered.validDomains).toEqual([testVars.BOT_DOMAIN]);
    expect(JSON.stringify(rendered)).not.toContain("${{");
  });

  it("declares a bundled schema version, Dutch language and the expected bot", () => {
    const raw = readRaw(manifestDir);
    expect(Number(raw.manifestVersion.split(".")[1])).toBeGreaterThanOrEqual(17);
    expect(raw.$schema).toContain(`/v${raw.manifestVersion}/`);
    expect(raw.localizationInfo?.defaultLanguageTag).toBe("nl-nl");
    expect(raw.name).toEqual({ short: "Aanjager", full: "Aanjager – aanjaagfunctie VSV Zuid-Limburg" });

    const bot = raw.bots[0]!;
    expect(bot.scopes.sort()).toEqual(["groupChat", "personal", "team"]);
    expect(bot.supportsFiles).toBe(false);
    expect(bot.isNotificationOnly).toBe(false);
    const byScope = new Map(bot.commandLists.flatMap((l) => l.scopes.map((s) => [s, l.commands] as const)));
    for (const scope of bot.scopes) {
      const titles = byScope.get(scope)?.map((c) => c.title) ?? [];
      expect(titles).toContain("help");
      expect(titles.length).toBeLessThanOrEqual(10);
    }
    expect(byScope.get("personal")?.find((c) => c.title === "help")?.description).toBe(
      "Wat kan Aanjager voor mij doen?",
    );
    const teamTitles = byScope.get("team")?.map((c) => c.title) ?? [];
    expect(teamTitles).toEqual(expect.arrayContaining(["koppel stuurgroep", "koppel projectteam"]));
    const allTitles = new Set(bot.commandLists.flatMap((l) => l.commands.map((c) => c.title)));
    for (const title of [
      "help", "voortgang", "zaken", "zaak", "pak op", "sluit", "escaleer", "cijfers",
      "samenvatting", "contacten", "verzending", "voorbeeld herinneringen",
      "koppel stuurgroep", "koppel projectteam",
    ]) {
      expect(allTitles, title).toContain(title);
    }
  });

  it("ships real PNG icons with the sizes Teams requires", () => {
    const color = readPngInfo(readFileSync(path.join(manifestDir, "color.png")));
    const outline = readPngInfo(readFileSync(path.join(manifestDir, "outline.png")));
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, colorType: 6 });
  });
});

describe("renderManifest", () => {
  it("names the missing variable", () => {
    expect(() => renderManifest(manifestDir, { TEAMS_APP_ID: testVars.TEAMS_APP_ID, BOT_DOMAIN: "x.example.nl" })).toThrow(
      /BOT_ID/,
    );
  });
});

describe("resolveManifestVars", () => {
  it("defaults BOT_DOMAIN but not the ids", () => {
    const vars = resolveManifestVars({});
    expect(vars.BOT_DOMAIN).toBe("localhost");
    expect(vars.TEAMS_APP_ID).toBeUndefined();
    expect(vars.BOT_ID).toBeUndefined();
    expect(() => renderManifest(manifestDir, vars)).toThrow(/TEAMS_APP_ID/);
  });

  it("fills the nil GUID only with allowPlaceholders", () => {
    const vars = resolveManifestVars({ BOT_ID: testVars.BOT_ID, TEAMS_APP_ID: "" }, { allowPlaceholders: true });
    expect(vars).toMatchObject({ TEAMS_APP_ID: NIL_GUID, BOT_ID: testVars.BOT_ID, BOT_DOMAIN: "localhost" });
  });
});

describe("validateManifest on a broken copy", () => {
  it("reports a missing name.full, a 40-character command title and a wrong icon size", async () => {
    const dir = copyManifestDir("broken");
    const raw = readRaw(dir);
    delete raw.name.full;
    raw.bots[0]!.commandLists[0]!.commands[1]!.title = "x".repeat(40);
    writeRaw(dir, raw);
    copyFileSync(path.join(manifestDir, "color.png"), path.join(dir, "outline.png")); // 192x192 as outline

    const problems = await validateManifest(renderManifest(dir, testVars), dir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/name\.full is missing/),
        expect.stringMatching(/commands\[1\]: title "x{40}" is 40 characters, Teams allows at most 32/),
        expect.stringMatching(/icons\.outline: outline\.png is 192x192, Teams requires exactly 32x32/),
      ]),
    );
    // The coloured 192px icon is also not white-on-transparent.
    expect(problems.some((p) => /icons\.outline: .*non-white/.test(p))).toBe(true);
  });

  it("reports schema errors, too many commands, foreign scopes, missing icons and bad domains", async () => {
    const dir = copyManifestDir("broken2");
    const raw = readRaw(dir) as ManifestShape & { developer?: unknown; icons: { color: string } };
    delete raw.developer;
    const bot = raw.bots[0]!;
    bot.scopes = ["personal", "team"];
    const list = bot.commandLists[0]!;
    list.commands.push({ title: "extra 1" }, { title: "extra 2" });
    raw.icons.color = "missing.png";
    writeRaw(dir, raw);

    const problems = await validateManifest(
      renderManifest(dir, { ...testVars, BOT_DOMAIN: "https://aanjager.example.nl/api/messages" }),
      dir,
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^schema: .*developer/),
        expect.stringMatching(/commandLists\[0\]: 12 commands, Teams allows at most 10/),
        expect.stringMatching(/commandLists\[2\]: scope "groupChat" is not one of the bot's scopes/),
        expect.stringMatching(/icons\.color: file missing\.png does not exist/),
        expect.stringMatching(/validDomains\[0\].*without protocol or path/),
      ]),
    );
  });

  it("flags unresolved placeholders and a schema that is not bundled", async () => {
    const raw = JSON.parse(readFileSync(path.join(manifestDir, "manifest.json"), "utf8")) as Record<string, unknown>;
    raw.$schema = "https://example.org/teams/MicrosoftTeams.schema.json";
    const problems = await validateManifest(raw, manifestDir);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/id: unresolved placeholder/),
        expect.stringMatching(/not bundled with @microsoft\/app-manifest/),
      ]),
    );
  });
});

describe("packageManifest", () => {
  it("writes a zip with manifest.json and both icons at the root, placeholders filled in", async () => {
    const outDir = path.join(tmp, "dist");
    const { zipPath, problems } = await packageManifest({ manifestDir, outDir, vars: testVars });
    expect(problems).toEqual([]);
    expect(zipPath).toBe(path.join(outDir, PACKAGE_FILE_NAME));

    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const entries = Object.keys(zip.files).sort();
    expect(entries).toEqual(["color.png", "manifest.json", "outline.png"]);

    const packaged = await zip.file("manifest.json")!.async("string");
    expect(packaged).not.toContain("${{");
    const manifest = JSON.parse(packaged) as ManifestShape;
    expect(manifest.id).toBe(testVars.TEAMS_APP_ID);
    expect(manifest.bots[0]?.botId).toBe(testVars.BOT_ID);
    expect(await validateManifest(manifest, manifestDir)).toEqual([]);

    const outline = await zip.file("outline.png")!.async("nodebuffer");
    expect(outline.equals(readFileSync(path.join(manifestDir, "outline.png")))).toBe(true);
  });

  it("uses the nil GUID for local packaging only when allowed", async () => {
    const outDir = path.join(tmp, "dist-local");
    await expect(packageManifest({ manifestDir, outDir, vars: {} })).rejects.toThrow(/BOT_ID.*TEAMS_APP_ID/);

    const { zipPath, problems } = await packageManifest({ manifestDir, outDir, vars: {}, allowPlaceholders: true });
    expect(problems).toEqual([]);
    const zip = await JSZip.loadAsync(readFileSync(zipPath));
    const manifest = JSON.parse(await zip.file("manifest.json")!.async("string")) as ManifestShape;
    expect(manifest.id).toBe(NIL_GUID);
    expect(manifest.validDomains).toEqual(["localhost"]);
  });

  it("does not write a zip (and removes a stale one) when the manifest is invalid", async () => {
    const dir = copyManifestDir("broken-package");
    const raw = readRaw(dir);
    delete raw.name.full;
    writeRaw(dir, raw);
    const outDir = path.join(tmp, "dist-invalid");
    mkdirSync(outDir, { recursive: true });
    writeFileSync(path.join(outDir, PACKAGE_FILE_NAME), "stale");

    const { zipPath, problems } = await packageManifest({ manifestDir: dir, outDir, vars: testVars });
    expect(problems).toEqual([expect.stringMatching(/name\.full is missing/)]);
    expect(existsSync(zipPath)).toBe(false);
  });
});
