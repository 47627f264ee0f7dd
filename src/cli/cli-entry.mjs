// Which code `npx aanjager` runs. Plain JavaScript: it decides before any TypeScript loader exists.
import fs from "node:fs";
import path from "node:path";
import { parseEnv } from "node:util";

/**
 * The compiled CLI (dist/app/cli/main.js, written by `npm run build`) when it is current, else
 * the TypeScript through tsx. Current means no .ts file under src/ changed after the build wrote
 * the compiled CLI: a checkout or an edit after the build runs through tsx, never stale code. A
 * release folder has no src/ TypeScript, so it always runs the compiled CLI.
 */
export function chooseCliEntry(root) {
  const compiled = path.join(root, "dist", "app", "cli", "main.js");
  const builtAt = fs.statSync(compiled, { throwIfNoEntry: false })?.mtimeMs;
  if (builtAt === undefined) return { kind: "tsx", path: path.join(root, "src", "cli", "main.ts"), reason: "geen build" };
  const newer = findTypeScriptNewerThan(path.join(root, "src"), builtAt);
  if (newer) return { kind: "tsx", path: path.join(root, "src", "cli", "main.ts"), reason: `${path.relative(root, newer)} is nieuwer dan de build` };
  return { kind: "compiled", path: compiled };
}

function findTypeScriptNewerThan(dir, time) {
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return undefined;
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith(".ts")) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    if (fs.statSync(file).mtimeMs > time) return file;
  }
  return undefined;
}

/**
 * The settings of env/.env.local that the environment does not set already. `npm start` reads
 * that file, so the CLI must too: a beheerder who put REGION_FILE there had every import checked
 * against Zuid-Limburg's subregio's, and DATABASE_PATH there sent imports to another database.
 */
export function readLocalEnv(root, env) {
  const file = path.join(root, "env", ".env.local");
  if (!fs.existsSync(file)) return {};
  return Object.fromEntries(Object.entries(parseEnv(fs.readFileSync(file, "utf8"))).filter(([name]) => env[name] === undefined));
}
