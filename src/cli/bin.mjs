#!/usr/bin/env node
// `npx aanjager ...`: runs the TypeScript CLI through tsx, so no build step is needed after `npm ci`.
import { register } from "tsx/esm/api";

register();
const { runCli } = await import("./main.ts");
process.exitCode = await runCli(process.argv.slice(2));
