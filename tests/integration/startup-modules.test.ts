import { spawnSync } from "node:child_process";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * Idle memory (issue 22, item 5): what the server loads at start stays resident. Libraries only a
 * CLI import or a download needs are loaded when used. The bot reached exceljs (about 180 modules)
 * at every start through the bundled catalogue's file reader. The text recognizers that teams-ai
 * loads through botbuilder-dialogs, and Aanjager never calls, stand in until they are used
 * (src/defer-unused-modules.ts). Checked in a fresh process: the test workers share a module
 * cache in which other tests load everything.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
// pg and its Prisma adapter: only for a PostgreSQL database (src/db/client-postgresql.ts).
const LOADED_ONLY_WHEN_USED = ["exceljs", "adaptivecards-templating", "adaptive-expressions", "pg", "@prisma/adapter-pg"];

type Deferred = { name: string; loaded: boolean };
type Probe = { packages: string[]; deferredAtStart: Deferred[]; choice: string | undefined; dutchLocale: string; deferredAfterUse: Deferred[] };

/**
 * Imports main, the modules it loads at start and the bot's modules (which the composition root
 * imports when it builds the bot) in a fresh process, then calls a recognizer through botbuilder-dialogs as a prompt would.
 */
function probeMain(): Probe {
  const at = (file: string) => JSON.stringify(path.join(root, file));
  const script = `
    import { createRequire } from "node:module";
    const fromHere = createRequire(import.meta.url);
    await import(${at("src/main.ts")});
    // What main loads once the configuration and the lock are settled.
    for (const file of [${at("src/db/migrations.ts")}, ${at("src/app.ts")}, ${at("src/services/catalogue.ts")}]) await import(file);
    const packages = [...new Set(Object.keys(fromHere.cache).map((k) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))];
    await import(${at("src/teams/bot.ts")});
    const { listDeferredModules } = await import(${at("src/defer-unused-modules.ts")});
    const deferredAtStart = structuredClone(listDeferredModules());
    // The botbuilder-dialogs that teams-ai loaded (from the module cache).
    const dialogs = createRequire(fromHere.resolve("@microsoft/teams-ai"))("botbuilder-dialogs");
    // "2" matches no choice's text: the number recognizer finds the second choice.
    const choice = dialogs.recognizeChoices("2", ["een", "twee", "drie"], { locale: "en-us" })[0]?.resolution.value;
    const deferredAfterUse = listDeferredModules();
    console.log(JSON.stringify({ packages, deferredAtStart, choice, dutchLocale: dialogs.PromptCultureModels.Dutch.locale, deferredAfterUse }));
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as Probe;
}

describe("what the server loads at start", () => {
  let probe: Probe;
  beforeAll(() => {
    probe = probeMain();
  });

  it("main's modules do not load the spreadsheet reader, the card templating or PostgreSQL's client", () => {
    expect(probe.packages).toContain("@prisma/client");
    expect(probe.packages.filter((p) => LOADED_ONLY_WHEN_USED.includes(p))).toEqual([]);
  });

  it("the text recognizers stand in until called, and work when called", () => {
    // Listed only when the stand-in came before botbuilder-dialogs (else it holds the real ones).
    expect(probe.deferredAtStart).toEqual(
      ["@microsoft/recognizers-text-suite", "@microsoft/recognizers-text-number", "@microsoft/recognizers-text-choice", "@microsoft/recognizers-text-date-time"].map((name) => ({ name, loaded: false })),
    );
    // The prompt cultures read the suite's culture names while importing, without loading it.
    expect(probe.dutchLocale).toBe("nl-nl");
    expect(probe.choice).toBe("twee");
    expect(probe.deferredAfterUse.filter((m) => m.loaded).map((m) => m.name)).toEqual(["@microsoft/recognizers-text-number"]);
  });
});
