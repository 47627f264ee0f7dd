import path from "node:path";
import { Command, CommanderError } from "commander";
import { createCliContext } from "../app.js";
import { loadConfig } from "../config.js";
import { migrateDatabase, readMigrationStatus } from "../db/migrations.js";
import { findLastJobRuns } from "../db/job-runs.js";
import { describeSchedule, findNextSlot } from "../domain/schedule.js";
import { AppError, isAppError } from "../errors.js";
import { runJobManually } from "../jobs/job-runner.js";
import { findJob } from "../jobs/registry.js";
import { createLogger } from "../logger.js";
import { packageManifest, renderManifest, resolveManifestVars, validateManifest } from "../manifest/manifest-package.js";
import { seedDemoData } from "../services/demo-seed.js";

/**
 * The `aanjager` command line. Every command validates its input and exits non-zero with a
 * clear message (Dutch first, English in brackets for operators) on bad input.
 */
const projectRoot = path.resolve(import.meta.dirname, "..", "..");

function parseInstant(value: string): Date {
  // Require an explicit date (and optional time); "now" is allowed for convenience.
  if (value === "now") return new Date();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new AppError("CLI_USAGE", `Ongeldig tijdstip "${value}": gebruik ISO 8601, bijvoorbeeld 2027-03-01T09:00+01:00 (invalid --at value)`);
  }
  const date = new Date(value.length === 10 ? `${value}T12:00:00` : value);
  if (Number.isNaN(date.getTime())) throw new AppError("CLI_USAGE", `Ongeldig tijdstip "${value}" (invalid --at value)`);
  return date;
}

async function withContext<T>(fn: (ctx: Awaited<ReturnType<typeof createCliContext>>) => Promise<T>): Promise<T> {
  const config = loadConfig(process.env);
  const logger = createLogger(process.env.LOG_LEVEL ?? "warn", process.stderr as never);
  const ctx = await createCliContext({ config, logger });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

export function buildProgram(): Command {
  const program = new Command("aanjager")
    .description("Aanjager: de aanjaagfunctie van het VSV-programma Zuid-Limburg in Teams")
    .showHelpAfterError()
    .exitOverride();

  const db = program.command("db").description("database");
  db.command("migrate")
    .description("pas alle migraties toe op de database (DATABASE_PATH)")
    .action(async () => {
      const config = loadConfig(process.env);
      await migrateDatabase(config.databasePath);
      await withContext(async ({ db }) => console.log(JSON.stringify({ ok: true, database: config.databasePath, migrations: await readMigrationStatus(db) })));
    });
  db.command("status")
    .description("toon welke migraties zijn toegepast")
    .action(async () => withContext(async ({ db }) => console.log(JSON.stringify(await readMigrationStatus(db)))));

  program
    .command("demo")
    .description("demodata")
    .command("seed")
    .description("laad de fictieve demoregio (idempotent)")
    .action(async () => withContext(async ({ db }) => console.log(JSON.stringify({ ok: true, ...(await seedDemoData(db)) }))));

  program
    .command("run")
    .description("voer een job één keer uit alsof het dat tijdstip is; print één JSON-regel")
    .argument("<job>", "naam van de job (zie `aanjager jobs`)")
    .option("--at <iso>", "tijdstip, ISO 8601", "now")
    .action(async (jobName: string, options: { at: string }) => {
      const at = parseInstant(options.at);
      await withContext(async ({ jobDeps, jobs }) => {
        const outcome = await runJobManually(jobDeps, findJob(jobName, jobs), at);
        console.log(JSON.stringify(outcome.status === "succeeded" ? { job: outcome.job, at: at.toISOString(), status: outcome.status, ...outcome.result } : { ...outcome, at: at.toISOString() }));
        if (outcome.status === "failed") process.exitCode = 1;
      });
    });

  program
    .command("jobs")
    .description("lijst van jobs met laatste en volgende uitvoering")
    .action(async () =>
      withContext(async ({ db, jobs }) => {
        const last = await findLastJobRuns(db);
        const now = new Date();
        for (const job of jobs) {
          const run = last.get(job.name);
          console.log(
            JSON.stringify({
              job: job.name,
              schedule: job.manualOnly ? "doorlopend in de server, of met `aanjager run`" : describeSchedule(job.schedule),
              description: job.description,
              lastRun: run ? { slot: run.slot.toISOString(), trigger: run.trigger, status: run.status, finishedAt: run.finishedAt?.toISOString() ?? null } : null,
              nextRun: job.manualOnly ? null : findNextSlot(job.schedule, now).toISOString(),
            }),
          );
        }
      }),
    );

  const manifest = program.command("manifest").description("Teams-app-manifest");
  manifest
    .command("validate")
    .description("valideer manifest/manifest.json (offline schema en eigen controles)")
    .action(async () => {
      const dir = path.join(projectRoot, "manifest");
      const problems = await validateManifest(renderManifest(dir, resolveManifestVars(process.env, { allowPlaceholders: true })), dir);
      if (problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${problems.map((p) => `- ${p}`).join("\n")}`);
      console.log(JSON.stringify({ ok: true, manifest: "manifest/manifest.json" }));
    });
  manifest
    .command("package")
    .description("valideer en schrijf het app-pakket naar dist/")
    .option("--allow-placeholders", "gebruik nul-GUID's als TEAMS_APP_ID/BOT_ID ontbreken (alleen lokaal)", false)
    .action(async (options: { allowPlaceholders: boolean }) => {
      const result = await packageManifest({ manifestDir: path.join(projectRoot, "manifest"), outDir: path.join(projectRoot, "dist"), allowPlaceholders: options.allowPlaceholders });
      if (result.problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${result.problems.map((p) => `- ${p}`).join("\n")}`);
      console.log(JSON.stringify({ ok: true, package: path.relative(projectRoot, result.zipPath) }));
    });

  return program;
}

export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv, { from: "user" });
    return typeof process.exitCode === "number" ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    console.error(isAppError(error) ? `Fout (${error.code}): ${error.message}` : `Fout: ${error instanceof Error ? error.message : String(error)}`);
    return isAppError(error) && error.code === "CLI_USAGE" ? 2 : 1;
  }
}

process.exitCode = await runCli(process.argv.slice(2));
