#!/usr/bin/env node
// `npx aanjager ...`: the compiled CLI when `npm run build` is current (a call answers in about a
// second), else the TypeScript through tsx (several seconds), so no build step is needed after
// `npm ci` and an edit is never run stale. See cli-entry.mjs for the rule.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { chooseCliEntry, readLocalEnv } from "./cli-entry.mjs";

const root = path.resolve(import.meta.dirname, "..", "..");
Object.assign(process.env, readLocalEnv(root, process.env));
const entry = chooseCliEntry(root);
if (entry.kind === "tsx") {
  try {
    const { register } = await import("tsx/esm/api");
    register();
  } catch {
    // A production install (`npm ci --omit=dev`, the release folder) has no tsx: it must run the build.
    console.error(`Aanjager is niet gebouwd (${entry.reason}) en tsx ontbreekt: draai eerst npm run build.`);
    process.exit(1);
  }
}
const { runCli } = await import(pathToFileURL(entry.path).href);
process.exitCode = await runCli(process.argv.slice(2));
