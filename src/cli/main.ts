import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError } from "commander";
import { createCliContext } from "../app.js";
import { loadConfig } from "../config.js";
import { backupDatabase, restoreDatabase } from "../db/backup.js";
import { migrateDatabase, readMigrationStatus } from "../db/migrations.js";
import { findLastJobRuns } from "../db/job-runs.js";
import { formatAuthorizationMatrix } from "../domain/authorization.js";
import { COMPOSED_FEATURES } from "../features/index.js";
import { describeSchedule, findNextSlot } from "../domain/schedule.js";
import { AppError, isAppError } from "../errors.js";
import { runJobManually } from "../jobs/job-runner.js";
import { findJob } from "../jobs/registry.js";
import { createLogger } from "../logger.js";
import { packageManifest, renderManifest, resolveManifestVars, validateManifest } from "../manifest/manifest-package.js";
import { DUO_COLUMNS } from "../domain/duo-vsv.js";
import { importDuoVsvFile } from "../services/duo-import.js";
import { ensureCatalogue, importCatalogueFile, listCatalogueActivityStatus, listCatalogueMeetmomenten, listKpiTargets } from "../services/catalogue.js";
import { getSchoolYear, isSchoolYearLabel } from "../domain/calendar/index.js";
import { seedDemoData } from "../services/demo-seed.js";
import { erasePersonalData, exportPersonalData } from "../services/privacy.js";
import { eraseReferenceData, exportReferenceData } from "../services/pupil-references.js";
import { buildMeetmomentExport, buildMeetmomentExportFile, resolveExportActivity } from "../services/meetmoment-export.js";
import { importDirectoryFile } from "../services/directory-import.js";
import { formatCatalogueIssue } from "../domain/catalogue.js";
import { formatImportIssues, importDddFile } from "../services/ddd/import.js";
import { previewDddReminders } from "../services/ddd/preview.js";
import os from "node:os";
import { exportSummaryView, findPastSummary, summaryDepsOf, type SummaryExportFormat } from "../services/summary/weekly-summary.js";
import { projectRoot } from "../project-root.js";

function isSummaryExportFormat(value: string): value is SummaryExportFormat {
  return value === "html" || value === "md" || value === "csv";
}

/**
 * The `aanjager` command line. Every command validates its input and exits non-zero with a
 * clear message (Dutch first, English in brackets for operators) on bad input.
 */

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

/**
 * Where a run of the CLI reads its environment and writes its output. `bin.mjs` passes the
 * process's own; tests pass strings to collect, so the CLI runs in-process like any function.
 */
export type CliIo = {
  env: NodeJS.ProcessEnv;
  stdout: (text: string | Uint8Array) => void;
  stderr: (text: string) => void;
};

const processIo: CliIo = {
  env: process.env,
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
};

type CliContext = Awaited<ReturnType<typeof createCliContext>>;

async function withIoContext<T>(io: CliIo, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig(io.env);
  const logger = createLogger(io.env.LOG_LEVEL ?? "warn", { write: (line: string) => io.stderr(line) });
  const ctx = await createCliContext({ config, logger });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

/** The commands; `state.exitCode` is set by a command that ran but failed (1). */
export function buildProgram(io: CliIo = processIo, state: { exitCode: number } = { exitCode: 0 }): Command {
  const print = (line: string) => io.stdout(`${line}\n`);
  const printError = (line: string) => io.stderr(`${line}\n`);
  const withContext = <T>(fn: (ctx: CliContext) => Promise<T>) => withIoContext(io, fn);
  const program = new Command("aanjager")
    .description("Aanjager: de aanjaagfunctie van het VSV-programma Zuid-Limburg in Teams")
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError()
    .exitOverride();

  const db = program.command("db").description("database");
  db.command("migrate")
    .description("pas alle migraties toe op de database (DATABASE_PATH)")
    .action(async () => {
      const config = loadConfig(io.env);
      await migrateDatabase(config.databasePath);
      await withContext(async ({ db }) => {
        // As every start does: a new database gets the bundled catalogue (an imported one is kept).
        const catalogue = await ensureCatalogue(db, new Date());
        print(JSON.stringify({ ok: true, database: config.databasePath, migrations: await readMigrationStatus(db), catalogueLoaded: catalogue.loaded, activities: catalogue.activities }));
      });
    });
  db.command("status")
    .description("toon welke migraties zijn toegepast")
    .action(async () => withContext(async ({ db }) => print(JSON.stringify(await readMigrationStatus(db)))));

  program
    .command("backup")
    .description("maak een online backup van de database (ook terwijl de bot draait)")
    .argument("<file>", "doelbestand, bijvoorbeeld backups/aanjager-2027-03-01.db")
    .action(async (file: string) => {
      const config = loadConfig(io.env);
      print(JSON.stringify({ ok: true, backup: file, ...(await backupDatabase(config.databasePath, file)) }));
    });
  program
    .command("restore")
    .description("zet een backup terug (stop de bot eerst)")
    .argument("<file>", "backupbestand")
    .action(async (file: string) => {
      const config = loadConfig(io.env);
      print(JSON.stringify({ ok: true, restored: file, database: config.databasePath, ...restoreDatabase(file, config.databasePath) }));
    });

  const privacy = program.command("privacy").description("AVG: inzage en verwijdering van gegevens van een medewerker of over een leerlingkenmerk");
  privacy
    .command("export")
    .description("alles wat Aanjager over een medewerker bewaart, als JSON")
    .argument("<email>", "e-mailadres van de medewerker")
    .action(async (email: string) => withContext(async ({ db }) => print(JSON.stringify(await exportPersonalData(db, email, new Date()), null, 2))));
  privacy
    .command("delete")
    .description("verwijder een medewerker; de zaakgeschiedenis houdt een pseudoniem")
    .argument("<email>", "e-mailadres van de medewerker")
    .action(async (email: string) => withContext(async ({ db }) => print(JSON.stringify({ ok: true, ...(await erasePersonalData(db, email, new Date())) }))));
  privacy
    .command("kenmerk-export")
    .description("alles wat Aanjager over een leerlingkenmerk (overstapzaak) bewaart, als JSON: zaken, geschiedenis, berichten en vermeldingen elders")
    .argument("<kenmerk>", "pseudoniem kenmerk, bijvoorbeeld OS-2027-0042")
    .action(async (reference: string) => withContext(async ({ db }) => print(JSON.stringify(await exportReferenceData(db, reference, new Date()), null, 2))));
  privacy
    .command("kenmerk-delete")
    .description("verwijder alles over een leerlingkenmerk: de zaken met geschiedenis en berichten; vermeldingen elders worden [kenmerk verwijderd]")
    .argument("<kenmerk>", "pseudoniem kenmerk, bijvoorbeeld OS-2027-0042")
    .action(async (reference: string) => withContext(async ({ db }) => print(JSON.stringify({ ok: true, ...(await eraseReferenceData(db, reference, new Date())) }))));

  program
    .command("demo")
    .description("demodata")
    .command("seed")
    .description("laad de fictieve demoregio (idempotent)")
    .action(async () => withContext(async ({ db }) => print(JSON.stringify({ ok: true, ...(await seedDemoData(db)) }))));

  const importer = program.command("import").description("contactenlijst, programmacatalogus of DDD-voortgang inlezen");
  importer
    .command("directory")
    .description("lees de contactenlijst (CSV: email;naam;rol;school_brin;school_naam;school_soort;subregio;mentorgroep;activiteit;aad_object_id)")
    .argument("<file>", "CSV-bestand, ; of , gescheiden, UTF-8")
    .option("--dry-run", "alleen controleren en tonen wat er zou veranderen", false)
    .addHelpText(
      "after",
      [
        "",
        "Per rol: decaan school_brin; mentor school_brin + mentorgroep; eigenaar activiteit (id uit de catalogus);",
        "projectteam, programmaleider, stuurgroep, beheerder geen school. Een nieuwe school vraagt ook school_naam,",
        "school_soort (vmbo, vso, pro, havo-vwo, mbo, vavo) en subregio (Westelijke Mijnstreek, Maastricht-Heuvelland, Parkstad).",
        "Eén fout in het bestand en er verandert niets; de uitvoer noemt elke foute regel.",
        "Rollen uit een vorige import die nu ontbreken worden verwijderd. Handmatig toegevoegde rollen en de demodata",
        "blijven staan. Personen worden nooit gewist: wie uit de lijst verdwijnt houdt zijn gegevens maar verliest zijn rollen.",
      ].join("\n"),
    )
    .action(async (file: string, options: { dryRun: boolean }) =>
      withContext(async ({ db }) => {
        const result = await importDirectoryFile(db, file, { dryRun: options.dryRun });
        print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`Contactenlijst afgewezen, er is niets veranderd (${result.errors.length} ${result.errors.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.errors) printError(`- regel ${e.line}: ${e.reason}`);
          state.exitCode = 1;
        }
      }),
    );
  importer
    .command("catalogue")
    .description("lees de programmacatalogus (YAML, zoals src/data/activities.yaml)")
    .argument("<file>", "YAML-bestand met de activiteiten")
    .option("--dry-run", "alleen controleren en tonen wat er zou veranderen", false)
    .action(async (file: string, options: { dryRun: boolean }) =>
      withContext(async ({ db }) => {
        const result = await importCatalogueFile(db, file, { now: new Date(), dryRun: options.dryRun });
        print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`Catalogus afgewezen, er is niets veranderd (${result.errors.length} ${result.errors.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.errors) printError(`- ${formatCatalogueIssue(e)}`);
          state.exitCode = 1;
        }
      }),
    );

  importer
    .command("duo")
    .description("lees DUO's vsv-cijfers per vestiging (voorlopig of definitief) in de KPI's met duo_vsv in de catalogus")
    .argument("<file>", `CSV met kopregel: ${DUO_COLUMNS.join(";")}`)
    .action(async (file: string) =>
      withContext(async ({ db }) => {
        const result = await importDuoVsvFile(db, file, { now: new Date() });
        print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`DUO-bestand afgewezen, er is niets veranderd (${result.issues.length} ${result.issues.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.issues) printError(`- regel ${e.line}: ${e.reason}`);
          state.exitCode = 1;
        }
      }),
    );

  const catalogue = program.command("catalogus").description("de programmacatalogus");
  const readYear = (value: string | undefined) => {
    const year = value ?? getSchoolYear(new Date());
    if (!isSchoolYearLabel(year)) throw new AppError("CLI_USAGE", `Ongeldig schooljaar "${year}": gebruik JJJJ-JJJJ, bijvoorbeeld 2026-2027 (invalid school year)`);
    return year;
  };
  catalogue
    .command("meetmomenten")
    .description("de meetmomenten van alle activiteiten in een schooljaar (één JSON-regel per meetmoment)")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db, jobDeps }) => {
        for (const m of await listCatalogueMeetmomenten(db, readYear(year), jobDeps.calendar)) print(JSON.stringify(m));
      }),
    );
  catalogue
    .command("activiteiten")
    .description("elke activiteit in een schooljaar: loopt ze, haar meetmomenten, en welke ritmes nog maanden van de beheerder nodig hebben (één JSON-regel per activiteit)")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db, jobDeps }) => {
        for (const a of await listCatalogueActivityStatus(db, readYear(year), jobDeps.calendar)) print(JSON.stringify(a));
      }),
    );
  catalogue
    .command("streefwaarden")
    .description("de streefwaarde van elke KPI in een schooljaar (één JSON-regel per KPI)")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db }) => {
        for (const k of await listKpiTargets(db, readYear(year))) if (k.unit !== "text") print(JSON.stringify(k));
      }),
    );

  const exporter = program.command("export").description("gegevens als document");
  exporter
    .command("samenvatting")
    .description("de weeksamenvatting van de stuurgroep als document (HTML, Markdown of CSV), voor de jaar- en novemberevaluatie")
    .requiredOption("--week <n>", "weeknummer (1-53)")
    .option("--schooljaar <jjjj-jjjj>", "schooljaar; standaard het huidige")
    .option("--format <format>", "html, md of csv", "html")
    .option("--out <file>", "schrijf naar dit bestand in plaats van naar de uitvoer")
    .action(async (options: { week: string; schooljaar?: string; format: string; out?: string }) => {
      const week = Number(options.week);
      if (!/^\d{1,2}$/.test(options.week) || week < 1 || week > 53) throw new AppError("CLI_USAGE", `Ongeldige week "${options.week}": gebruik een weeknummer van 1 tot en met 53 (invalid --week)`);
      if (options.schooljaar !== undefined && !isSchoolYearLabel(options.schooljaar)) throw new AppError("CLI_USAGE", `Ongeldig schooljaar "${options.schooljaar}": gebruik JJJJ-JJJJ, bijvoorbeeld 2026-2027 (invalid --schooljaar)`);
      if (!isSummaryExportFormat(options.format)) throw new AppError("CLI_USAGE", `Onbekend formaat "${options.format}": kies html, md of csv (invalid --format)`);
      const format = options.format;
      await withContext(async ({ db, jobDeps }) => {
        const deps = summaryDepsOf(jobDeps);
        const result = await findPastSummary(db, deps, { week, schoolYear: options.schooljaar }, new Date());
        if (result.kind === "not-found") throw new AppError("NOT_FOUND", result.message);
        const text = exportSummaryView(result.view, format);
        if (options.out) {
          fs.mkdirSync(path.dirname(path.resolve(options.out)), { recursive: true });
          fs.writeFileSync(options.out, text);
          print(JSON.stringify({ ok: true, file: options.out, format, schoolYear: result.view.data.period.schoolYear, week: result.view.data.period.week, preview: result.view.preview }));
        } else io.stdout(text);
      });
    });

  exporter
    .command("meetmoment")
    .description("de cijfers van de meetmomenten van een schooljaar: elke KPI, periode, waarde, norm, wie en wanneer")
    .argument("<activiteit>", "id van de activiteit (bijvoorbeeld ddd) of alle")
    .option("--schooljaar <JJJJ-JJJJ>", "schooljaar; standaard het huidige")
    .option("--format <csv|xlsx>", "csv (; en decimale komma, voor Excel) of xlsx", "csv")
    .option("--out <bestand>", "schrijf naar dit bestand (csv zonder --out: naar stdout; xlsx zonder --out: meetmomenten-<activiteit>-<schooljaar>.xlsx)")
    .option("--historie", "elke versie van elke waarde, niet alleen de laatste", false)
    .action(async (activityArg: string, options: { schooljaar?: string; format: string; out?: string; historie: boolean }) => {
      if (options.format !== "csv" && options.format !== "xlsx") throw new AppError("CLI_USAGE", `Onbekend formaat "${options.format}": kies csv of xlsx (unknown format)`);
      const format = options.format;
      const schoolYear = readYear(options.schooljaar);
      await withContext(async ({ db }) => {
        const activity = await resolveExportActivity(db, activityArg);
        const rows = await buildMeetmomentExport(db, { schoolYear, history: options.historie, ...(activity === "alle" ? {} : { activityId: activity.id }) });
        const { fileName, content } = await buildMeetmomentExportFile(rows, { activity, schoolYear, format });
        if (format === "csv" && !options.out) {
          io.stdout(content);
          return;
        }
        const file = options.out ?? fileName;
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        fs.writeFileSync(file, content);
        print(JSON.stringify({ ok: true, file, format, schoolYear, activity: activity === "alle" ? "alle" : activity.id, rows: rows.length, bytes: content.length }));
      });
    });

  program
    .command("run")
    .description("voer een job één keer uit alsof het dat tijdstip is; print één JSON-regel")
    .argument("<job>", "naam van de job (zie `aanjager jobs`)")
    .option("--at <iso>", "tijdstip, ISO 8601", "now")
    .action(async (jobName: string, options: { at: string }) => {
      const at = parseInstant(options.at);
      await withContext(async ({ jobDeps, jobs }) => {
        const outcome = await runJobManually(jobDeps, findJob(jobName, jobs), at);
        print(JSON.stringify(outcome.status === "succeeded" ? { job: outcome.job, at: at.toISOString(), status: outcome.status, ...outcome.result } : { ...outcome, at: at.toISOString() }));
        if (outcome.status === "failed") state.exitCode = 1;
      });
    });

  importer
    .command("ddd")
    .description("importeer de DDD-voortgang (export uit het overstapsysteem, CSV met kopregel)")
    .argument("<file>", "CSV: school_brin;mentorgroep;overstappers;ddd_gestart;ddd_deel_b;ddd_afgerond;in_beeld")
    .option("--schooljaar <jjjj-jjjj>", "schooljaar van de cijfers (standaard: het huidige)")
    .option("--door <naam>", "wie importeert (voor de audit; standaard de gebruikersnaam)")
    .action(async (file: string, options: { schooljaar?: string; door?: string }) => {
      if (options.schooljaar !== undefined && !isSchoolYearLabel(options.schooljaar)) {
        throw new AppError("CLI_USAGE", `Ongeldig schooljaar "${options.schooljaar}": gebruik bijvoorbeeld 2026-2027 (invalid --schooljaar)`);
      }
      let text: string;
      try {
        text = fs.readFileSync(file, "utf8");
      } catch {
        throw new AppError("CLI_USAGE", `Bestand "${file}" kan niet worden gelezen (cannot read file)`);
      }
      const now = new Date();
      await withContext(async ({ db }) => {
        const result = await importDddFile(db, {
          text,
          fileName: path.basename(file),
          schoolYear: options.schooljaar ?? getSchoolYear(now),
          operator: options.door ?? os.userInfo().username,
          now,
        });
        if (!result.ok) throw new AppError("VALIDATION", formatImportIssues(result.issues));
        print(JSON.stringify(result));
      });
    });

  program
    .command("preview")
    .description("laat zien wat een job zou doen, zonder iets te versturen")
    .argument("<job>", "ddd-reminders")
    .option("--at <iso>", "tijdstip, ISO 8601", "now")
    .action(async (jobName: string, options: { at: string }) => {
      if (jobName !== "ddd-reminders") throw new AppError("CLI_USAGE", `Voor "${jobName}" bestaat geen voorbeeld; alleen ddd-reminders (no preview for this job)`);
      const at = parseInstant(options.at);
      await withContext(async ({ jobDeps }) => {
        const { card: _card, ...preview } = await previewDddReminders(jobDeps, at);
        print(JSON.stringify({ job: jobName, ...preview }));
      });
    });

  program
    .command("rechten")
    .description("wie wat mag: elke opdracht, knop en export tegen elke rol (Markdown-tabel)")
    .action(() => void io.stdout(formatAuthorizationMatrix(COMPOSED_FEATURES.authorization)));

  program
    .command("jobs")
    .description("lijst van jobs met laatste en volgende uitvoering")
    .action(async () =>
      withContext(async ({ db, jobs }) => {
        const last = await findLastJobRuns(db);
        const now = new Date();
        for (const job of jobs) {
          const run = last.get(job.name);
          print(
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
      const problems = await validateManifest(renderManifest(dir, resolveManifestVars(io.env, { allowPlaceholders: true })), dir);
      if (problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${problems.map((p) => `- ${p}`).join("\n")}`);
      print(JSON.stringify({ ok: true, manifest: "manifest/manifest.json" }));
    });
  manifest
    .command("package")
    .description("valideer en schrijf het app-pakket naar dist/")
    .option("--allow-placeholders", "gebruik nul-GUID's als TEAMS_APP_ID/BOT_ID ontbreken (alleen lokaal)", false)
    .action(async (options: { allowPlaceholders: boolean }) => {
      const result = await packageManifest({ manifestDir: path.join(projectRoot, "manifest"), outDir: path.join(projectRoot, "dist"), allowPlaceholders: options.allowPlaceholders, vars: io.env });
      if (result.problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${result.problems.map((p) => `- ${p}`).join("\n")}`);
      print(JSON.stringify({ ok: true, package: path.relative(projectRoot, result.zipPath) }));
    });

  return program;
}

/** Runs one command line; returns the exit code (0 ok, 1 failed, 2 bad usage) instead of exiting. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const state = { exitCode: 0 };
  const program = buildProgram(io, state);
  try {
    await program.parseAsync(argv, { from: "user" });
    return state.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    io.stderr(`${isAppError(error) ? `Fout (${error.code}): ${error.message}` : `Fout: ${error instanceof Error ? error.message : String(error)}`}\n`);
    return isAppError(error) && error.code === "CLI_USAGE" ? 2 : 1;
  }
}
