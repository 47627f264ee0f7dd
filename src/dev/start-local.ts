/**
 * `npm start`: Aanjager on the embedded SQLite database with demo data (unless DEMO_DISABLED=true),
 * plus the Microsoft 365 Agents Playground as a local Teams-like client. For production use `npm run serve`.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { loadConfig } from "../config.js";
import { describeDatabase } from "../db/client.js";
import { isAppError } from "../errors.js";
import { startAanjager } from "../main.js";
import { seedDemoData } from "../services/demo-seed.js";
import { projectRoot } from "../project-root.js";
import { preparePlaygroundConfig } from "./playground-config.js";

const localEnvFile = path.join(projectRoot, "env", ".env.local");
if (fs.existsSync(localEnvFile)) process.loadEnvFile(localEnvFile);
// The production entry point defaults to production; this one is local unless told otherwise.
if (!process.env.BOT_MODE?.trim()) process.env.BOT_MODE = "local";

const playgroundPort = Number(process.env.PLAYGROUND_PORT ?? 56150);

function startPlayground(botEndpoint: string): ChildProcess {
  const cli = path.join(path.dirname(createRequire(import.meta.url).resolve("@microsoft/m365agentsplayground/package.json")), "cli.js");
  fs.mkdirSync(path.join(projectRoot, "devTools"), { recursive: true });
  const child = spawn(process.execPath, [cli, "-e", botEndpoint, "-c", "msteams", "-p", String(playgroundPort), "--disable-telemetry"], {
    cwd: projectRoot,
    // Without this the playground tries to open a browser and exits when there is none.
    // The log file can be redirected (the acceptance tests keep one per run).
    env: {
      ...process.env,
      // Aanjager in the team "VSV Zuid-Limburg", as in the manifest, not "Test Bot" in "My Team".
      ...preparePlaygroundConfig(process.env, path.join(projectRoot, "devTools")),
      TEAMSAPPTESTER_BROWSER: "none",
      M365_AGENTS_PLAYGROUND_LOGFILE: process.env.M365_AGENTS_PLAYGROUND_LOGFILE ?? path.join(projectRoot, "devTools", "m365agentsplayground.log"),
    },
    stdio: ["ignore", "ignore", "inherit"],
  });
  return child;
}

async function main() {
  const config = loadConfig(process.env);
  if (config.mode !== "local") throw new Error("npm start is voor lokaal gebruik; gebruik npm run serve voor productie");
  const started = Date.now();
  // Demo data after migration and before any job catches up (a summary of an empty region would
  // be stored for the week); idempotent on every start.
  // A beheerder trying their own region in the playground wants their schools only (DEMO_DISABLED=true).
  const demo = process.env.DEMO_DISABLED !== "true";
  const running = await startAanjager(process.env, demo ? { prepare: async (app) => void (await seedDemoData(app.db, new Date(), app.config.region.subregios)) } : {});

  const botEndpoint = `http://localhost:${running.port}/api/messages`;
  const playground = process.env.PLAYGROUND_DISABLED === "true" ? null : startPlayground(botEndpoint);
  playground?.on("exit", (code) => {
    if (code !== 0 && code !== null) console.error(`Agents Playground stopte met code ${code} (zie devTools/m365agentsplayground.log)`);
  });
  const stopPlayground = () => playground?.kill("SIGTERM");
  process.once("SIGINT", stopPlayground);
  process.once("SIGTERM", stopPlayground);
  process.once("exit", stopPlayground);

  console.log(
    [
      "",
      `Aanjager draait (lokaal, ${demo ? "demodata geladen" : "zonder demodata"}) na ${((Date.now() - started) / 1000).toFixed(1)} s`,
      `  Bot:              ${botEndpoint}`,
      playground ? `  Agents Playground: http://localhost:${playgroundPort}  (open in je browser en typ "help")` : "  Agents Playground: uitgeschakeld (PLAYGROUND_DISABLED=true)",
      `  Database:         ${describeDatabase(config.database)}`,
      "Stoppen: Ctrl+C",
      "",
    ].join("\n"),
  );
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.message : error);
  process.exit(1);
});
