import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Idle memory (issue 22, item 5): what the server loads at start stays resident. Libraries only a
 * CLI import or a download needs are loaded when used. The bot reached exceljs (about 180 modules)
 * at every start through the bundled catalogue's file reader. Checked in a fresh process: the
 * test workers share a module cache in which other tests load everything.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const LOADED_ONLY_WHEN_USED = ["exceljs", "adaptivecards-templating", "adaptive-expressions"];

function listPackagesLoadedBy(entry: string): string[] {
  const script = `
    import { createRequire } from "node:module";
    await import(${JSON.stringify(path.join(root, entry))});
    const cache = Object.keys(createRequire(import.meta.url).cache);
    console.log(JSON.stringify([...new Set(cache.map((k) => /node_modules\\/((@[^/]+\\/)?[^/]+)/.exec(k)?.[1]).filter(Boolean))]));
  `;
  const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout.trim().split("\n").at(-1)!) as string[];
}

describe("what the server loads at start", () => {
  it("main's modules do not load the spreadsheet reader or the card templating", () => {
    const loaded = listPackagesLoadedBy("src/main.ts");
    expect(loaded).toContain("@prisma/client");
    expect(loaded.filter((p) => LOADED_ONLY_WHEN_USED.includes(p))).toEqual([]);
  });
});
