import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JavaScript without types: bin.mjs imports it before any TypeScript loader exists.
import { chooseCliEntry, readLocalEnv } from "../../src/cli/cli-entry.mjs";

type Entry = { kind: "compiled" | "tsx"; path: string; reason?: string };
const choose = chooseCliEntry as (root: string) => Entry;
const readLocal = readLocalEnv as (root: string, env: Record<string, string | undefined>) => Record<string, string>;

/** A project folder with the given files, each written with the given modification time (seconds). */
function makeProject(files: Record<string, number>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-cli-entry-"));
  for (const [file, seconds] of Object.entries(files)) {
    const full = path.join(root, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, "");
    fs.utimesSync(full, seconds, seconds);
  }
  return root;
}

describe("which code npx aanjager runs (src/cli/cli-entry.mjs)", () => {
  it("runs the compiled CLI when the build is newer than every TypeScript file", () => {
    const root = makeProject({ "src/cli/main.ts": 1_000, "src/db/deep/x.ts": 1_500, "dist/app/cli/main.js": 2_000 });
    expect(choose(root)).toEqual({ kind: "compiled", path: path.join(root, "dist/app/cli/main.js") });
  });

  it("runs the TypeScript when any file under src/ changed after the build, naming it", () => {
    const root = makeProject({ "src/cli/main.ts": 1_000, "src/db/deep/x.ts": 3_000, "dist/app/cli/main.js": 2_000 });
    expect(choose(root)).toMatchObject({ kind: "tsx", path: path.join(root, "src/cli/main.ts"), reason: `${path.join("src", "db", "deep", "x.ts")} is nieuwer dan de build` });
  });

  it("runs the TypeScript when there is no build", () => {
    const root = makeProject({ "src/cli/main.ts": 1_000 });
    expect(choose(root)).toMatchObject({ kind: "tsx", reason: "geen build" });
  });

  it("runs the compiled CLI in a release folder, which has no TypeScript", () => {
    const root = makeProject({ "src/cli/bin.mjs": 3_000, "src/data/activities.yaml": 3_000, "dist/app/cli/main.js": 2_000 });
    expect(choose(root).kind).toBe("compiled");
  });
});

describe("the settings npx aanjager takes from env/.env.local (as npm start does)", () => {
  it("takes the file's settings the environment does not set, and none without the file", () => {
    const root = makeProject({});
    expect(readLocal(root, {})).toEqual({});
    fs.mkdirSync(path.join(root, "env"));
    fs.writeFileSync(path.join(root, "env", ".env.local"), "# mijn regio\nREGION_FILE=/srv/regio-betuwe.yaml\nDATABASE_PATH=data/betuwe.db\nDEMO_DISABLED=true\n");
    expect(readLocal(root, { DATABASE_PATH: "/tmp/other.db" })).toEqual({ REGION_FILE: "/srv/regio-betuwe.yaml", DEMO_DISABLED: "true" });
  });
});
