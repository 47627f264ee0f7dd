// First: teams-ai must find the modules it never uses already standing in (see the module).
import "../defer-unused-modules.js";
import fs from "node:fs";
import path from "node:path";
import { Command, CommanderError, Option } from "commander";
import { DateTime } from "luxon";
import { createCliContext } from "../app.js";
import { isPostgresUrl, loadConfig } from "../config.js";
import { backupDatabase, restoreDatabase } from "../db/backup.js";
import { describeDatabase } from "../db/client.js";
import { copySqliteToPostgres } from "../db/copy-database.js";
import { migrateDatabase, readMigrationStatus } from "../db/migrations.js";
import { findLastJobRuns } from "../db/job-runs.js";
import { formatAuthorizationMatrix } from "../domain/authorization.js";
import { COMPOSED_FEATURES } from "../features/index.js";
import { describeSchedule, findNextSlot, SCHEDULE_ZONE } from "../domain/schedule.js";
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
import { importDirectoryFile, type DirectoryImportReport } from "../services/directory-import.js";
import { readImportFile } from "../services/sheet-file.js";
import { buildImportTemplate, describeTemplateImport, IMPORT_TEMPLATE_KINDS, resolveTemplateKind } from "../services/import-templates.js";
import { DIRECTORY_COLUMNS, SCHOOL_SOORTEN } from "../domain/directory.js";
import { formatDutchDate, formatDutchDateTime } from "../domain/dutch-date.js";
import { DUTCH_HELP, formatFields, formatResult, formatTable, translateCommanderError } from "./format.js";
import { formatCatalogueIssue } from "../domain/catalogue.js";
import { DDD_IMPORT_COLUMNS, DDD_IMPORT_COUNT_COLUMNS, formatImportIssues, importDddFile, type DddImportPreview } from "../services/ddd/import.js";
import { previewDddReminders } from "../services/ddd/preview.js";
import os from "node:os";
import { exportSummaryView, findPastSummary, summaryDepsOf, type SummaryExportFormat } from "../services/summary/weekly-summary.js";
import { projectRoot } from "../project-root.js";
import { buildRegionChecklist, type RegionChecklist } from "../services/region-checklist.js";
import { describeChecklistNames, formatRunMoment } from "../cards/checklist-card.js";

function isSummaryExportFormat(value: string): value is SummaryExportFormat {
  return value === "html" || value === "md" || value === "csv";
}

/**
 * The `aanjager` command line, for people first: Dutch command names (the old English ones are
 * aliases), Dutch help, tables and sentences with times in Europe/Amsterdam; `--json` gives
 * scripts the data. Every command validates its input and exits non-zero with a clear message
 * (Dutch first, English in brackets for operators) on bad input.
 */

function parseInstant(value: string): Date {
  // Require an explicit date (and optional time); "now" is allowed for convenience.
  if (value === "now") return new Date();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) {
    throw new AppError("CLI_USAGE", `Ongeldig tijdstip "${value}": gebruik ISO 8601, bijvoorbeeld 2027-03-01T09:00+01:00 (invalid --at value)`);
  }
  // A time without a zone is Dutch time, as every time the CLI shows; not the server's zone (often UTC).
  const local = DateTime.fromISO(value.length === 10 ? `${value}T12:00:00` : value.replace(" ", "T"), { zone: SCHEDULE_ZONE });
  if (!local.isValid) throw new AppError("CLI_USAGE", `Ongeldig tijdstip "${value}" (invalid --at value)`);
  return local.toJSDate();
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

/** The words users say, first; the old (English) names stay as aliases so scripts keep working. */
const COMMAND_NAMES_NOTE = "De oude Engelse namen werken nog: db migrate, import directory|ddd|catalogue, export, run, preview, jobs, restore, demo seed, privacy export|delete|kenmerk-export|kenmerk-delete, manifest validate|package, db copy-to-postgresql.";

/**
 * Backup and restore copy the SQLite file; a PostgreSQL database is backed up with the server's
 * own tools (pg_dump, or the managed service's backups), not re-implemented here.
 */
function refuseOnPostgres(config: ReturnType<typeof loadConfig>, command: "backup" | "terugzetten"): void {
  if (config.database.provider !== "postgresql") return;
  const what =
    command === "backup"
      ? 'maak een backup met pg_dump:\n  pg_dump --format=custom --file=aanjager-$(date +%F).dump "$DATABASE_URL"'
      : 'zet een backup terug met pg_restore (stop de bot eerst):\n  pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" aanjager-JJJJ-MM-DD.dump';
  throw new AppError("CLI_USAGE", `De database is PostgreSQL (${describeDatabase(config.database)}): ${what}\nZie docs/deploy.md, "Backups".`);
}

/** The commands; `state.exitCode` is set by a command that ran but failed (1). */
export function buildProgram(io: CliIo = processIo, state: { exitCode: number } = { exitCode: 0 }): Command {
  const print = (line: string) => io.stdout(`${line}\n`);
  const printError = (line: string) => io.stderr(`${line}\n`);
  const withContext = <T>(fn: (ctx: CliContext) => Promise<T>) => withIoContext(io, fn);
  /**
   * An import is often a new beheerder's first command, before the bot ever started: prepare the
   * database as every start does (migrations; the bundled catalogue into an empty one, so a
   * directory naming an activity owner is accepted), instead of failing on a missing table.
   */
  const withPreparedDatabase = async <T>(fn: (ctx: CliContext) => Promise<T>) => {
    await migrateDatabase(loadConfig(io.env).database);
    return withContext(async (ctx) => {
      await ensureCatalogue(ctx.db, new Date());
      return fn(ctx);
    });
  };
  const program = new Command("aanjager")
    .description("Aanjager: de aanjaagfunctie van het VSV-programma in Teams")
    .option("--json", "uitvoer als JSON (één regel per resultaat), voor scripts", false)
    .helpOption("-h, --help", "toon de hulp bij deze opdracht")
    .helpCommand("help [opdracht]", "toon de hulp bij een opdracht")
    .configureHelp(DUTCH_HELP)
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr, outputError: (text, write) => write(translateCommanderError(text)) })
    .addHelpText("after", `\nMet --json geeft elke opdracht JSON in plaats van tekst. ${COMMAND_NAMES_NOTE}`)
    .showHelpAfterError()
    .exitOverride();
  /** A person gets the text, a script (`--json`) the data: one JSON line per value. */
  const emit = (text: () => string, ...json: unknown[]) => {
    if (program.opts<{ json: boolean }>().json) for (const value of json) print(JSON.stringify(value));
    else print(text());
  };

  const db = program.command("database").alias("db").description("de database: migraties");
  db.command("migreer")
    .alias("migrate")
    .description("pas alle migraties toe op de database (DATABASE_URL, anders DATABASE_PATH) en laad de catalogus in een lege database")
    .action(async () => {
      const config = loadConfig(io.env);
      await migrateDatabase(config.database);
      await withContext(async ({ db }) => {
        // As every start does: a new database gets the bundled catalogue (an imported one is kept).
        const catalogue = await ensureCatalogue(db, new Date());
        const migrations = await readMigrationStatus(db);
        emit(
          () =>
            [
              `Database bijgewerkt: ${describeDatabase(config.database)}`,
              formatFields([
                ["Migraties", `${migrations.applied} van ${migrations.expected} toegepast`],
                ["Catalogus", catalogue.loaded ? `geladen uit de meegeleverde catalogus (${catalogue.activities} activiteiten)` : `al aanwezig (${catalogue.activities} activiteiten), niet aangeraakt`],
              ]),
            ].join("\n"),
          { ok: true, database: describeDatabase(config.database), migrations, catalogueLoaded: catalogue.loaded, activities: catalogue.activities },
        );
      });
    });
  db.command("status")
    .description("toon welke migraties zijn toegepast")
    .action(async () =>
      withContext(async ({ db }) => {
        const status = await readMigrationStatus(db);
        emit(
          () =>
            formatFields([
              ["Toegepast", `${status.applied} van ${status.expected}`],
              ["Nog toe te passen", status.pending.length === 0 ? "geen" : status.pending.join(", ")],
              ["Mislukt", status.failed.length === 0 ? "geen" : status.failed.join(", ")],
            ]),
          status,
        );
      }),
    );

  db.command("kopieer-naar-postgresql")
    .alias("copy-to-postgresql")
    .description("kopieer de SQLite-database (DATABASE_PATH) naar een lege PostgreSQL-database, met een telling per tabel")
    .requiredOption("--naar <url>", "de PostgreSQL-database: postgresql://gebruiker:wachtwoord@host:5432/database")
    .action(async (options: { naar: string }) => {
      if (!isPostgresUrl(options.naar)) throw new AppError("CLI_USAGE", `Ongeldige --naar: verwacht postgresql://gebruiker:wachtwoord@host:5432/database (invalid --naar)`);
      const config = loadConfig(io.env);
      const target = describeDatabase({ provider: "postgresql", url: options.naar });
      const tables = await copySqliteToPostgres(config.databasePath, options.naar);
      const ok = tables.every((t) => t.source === t.target);
      if (!ok) state.exitCode = 1;
      emit(
        () =>
          [
            ok ? `Gekopieerd: ${config.databasePath} naar ${target}` : `Kopie wijkt af: ${config.databasePath} naar ${target}`,
            formatTable(["Tabel", "SQLite", "PostgreSQL", ""], tables.map((t) => [t.table, String(t.source), String(t.target), t.source === t.target ? "gelijk" : "VERSCHIL"])),
            `Totaal: ${tables.reduce((n, t) => n + t.target, 0)} rijen in ${tables.length} tabellen`,
          ].join("\n"),
        { ok, source: config.databasePath, target, tables },
      );
    });

  program
    .command("backup")
    .description("maak een online backup van de database (ook terwijl de bot draait)")
    .argument("<bestand>", "doelbestand, bijvoorbeeld backups/aanjager-2027-03-01.db")
    .action(async (file: string) => {
      const config = loadConfig(io.env);
      refuseOnPostgres(config, "backup");
      const result = await backupDatabase(config.databasePath, file);
      emit(() => `Backup gemaakt: ${file} (${formatBytes(result.bytes)})`, { ok: true, backup: file, ...result });
    });
  program
    .command("terugzetten")
    .alias("restore")
    .description("zet een backup terug (stop de bot eerst)")
    .argument("<bestand>", "backupbestand")
    .action(async (file: string) => {
      const config = loadConfig(io.env);
      refuseOnPostgres(config, "terugzetten");
      const result = restoreDatabase(file, config.databasePath);
      emit(() => `Backup ${file} teruggezet in ${config.databasePath} (${result.tables} tabellen)`, { ok: true, restored: file, database: config.databasePath, ...result });
    });

  // An inzage is a JSON document by nature (what the AVG asks for), with or without --json.
  const privacy = program.command("privacy").description("AVG: inzage en verwijdering van gegevens van een medewerker of over een leerlingkenmerk");
  privacy
    .command("inzage")
    .alias("export")
    .description("alles wat Aanjager over een medewerker bewaart, als JSON")
    .argument("<email>", "e-mailadres van de medewerker")
    .action(async (email: string) => withContext(async ({ db }) => print(JSON.stringify(await exportPersonalData(db, email, new Date()), null, 2))));
  privacy
    .command("verwijder")
    .alias("delete")
    .description("verwijder een medewerker; de zaakgeschiedenis houdt een pseudoniem")
    .argument("<email>", "e-mailadres van de medewerker")
    .action(async (email: string) =>
      withContext(async ({ db }) => {
        const result = await erasePersonalData(db, email, new Date());
        emit(() => `Gegevens van ${email} verwijderd.\n${formatResult(result)}`, { ok: true, ...result });
      }),
    );
  privacy
    .command("kenmerk-inzage")
    .alias("kenmerk-export")
    .description("alles wat Aanjager over een leerlingkenmerk (overstapzaak) bewaart, als JSON: zaken, geschiedenis, berichten en vermeldingen elders")
    .argument("<kenmerk>", "pseudoniem kenmerk, bijvoorbeeld OS-2027-0042")
    .action(async (reference: string) => withContext(async ({ db }) => print(JSON.stringify(await exportReferenceData(db, reference, new Date()), null, 2))));
  privacy
    .command("kenmerk-verwijder")
    .alias("kenmerk-delete")
    .description("verwijder alles over een leerlingkenmerk: de zaken met geschiedenis en berichten; vermeldingen elders worden [kenmerk verwijderd]")
    .argument("<kenmerk>", "pseudoniem kenmerk, bijvoorbeeld OS-2027-0042")
    .action(async (reference: string) =>
      withContext(async ({ db }) => {
        const result = await eraseReferenceData(db, reference, new Date());
        emit(() => `Gegevens over kenmerk ${reference} verwijderd.\n${formatResult(result)}`, { ok: true, ...result });
      }),
    );

  program
    .command("demo")
    .description("demodata")
    .command("laad")
    .alias("seed")
    .description("laad de fictieve demoregio (kan vaker: de tweede keer verandert er niets)")
    .action(async () =>
      withContext(async ({ db, jobDeps }) => {
        const result = await seedDemoData(db, new Date(), jobDeps.config.region.subregios);
        emit(
          () =>
            [
              result.changed ? "Demoregio geladen." : "Demoregio was al geladen; er is niets veranderd.",
              formatFields([
                ["Catalogus", `${result.activities} activiteiten${result.catalogueLoaded ? " (nu geladen)" : ""}`],
                ["Scholen", result.schools],
                ["Personen", result.people],
                ["Rollen", result.roles],
                ["DDD-standen", result.dddSnapshots],
              ]),
            ].join("\n"),
          { ok: true, ...result },
        );
      }),
    );

  const importer = program.command("importeer").alias("import").description("contactenlijst, DDD-voortgang of programmacatalogus inlezen (zie ook `aanjager sjabloon`)");
  importer
    .command("contactenlijst")
    .alias("directory")
    .description(`lees de contactenlijst (CSV of Excel .xlsx met kopregel: ${DIRECTORY_COLUMNS.join(";")})`)
    .argument("<bestand>", "CSV (UTF-8, ; of , gescheiden) of Excel-werkmap (.xlsx, eerste blad)")
    .option("--proef", "alleen controleren en tonen wat er zou veranderen; er wordt niets opgeslagen")
    .addOption(DRY_RUN_ALIAS())
    .addHelpText(
      "after",
      [
        "",
        "Per rol: decaan school_brin; mentor school_brin + mentorgroep; eigenaar activiteit (id uit de catalogus);",
        "projectteam, programmaleider, stuurgroep, beheerder geen school. Een nieuwe school vraagt ook school_naam,",
        `school_soort (${SCHOOL_SOORTEN.join(", ")}) en subregio (zoals het regiobestand REGION_FILE ze noemt; \`aanjager checklist\` toont welk bestand geldt).`,
        "Eén fout in het bestand en er verandert niets; de uitvoer noemt elke foute regel (in Excel: het rijnummer).",
        "Rollen uit een vorige import die nu ontbreken worden verwijderd. Handmatig toegevoegde rollen en de demodata",
        "blijven staan. Personen worden nooit gewist: wie uit de lijst verdwijnt houdt zijn gegevens maar verliest zijn rollen.",
        "Een voorbeeldbestand: aanjager sjabloon contactenlijst [--xlsx].",
      ].join("\n"),
    )
    .action(async (file: string, options: ProefOptions) =>
      withPreparedDatabase(async ({ db, jobDeps }) => {
        const result = await importDirectoryFile(db, file, { dryRun: isProef(options), subregios: jobDeps.config.region.subregios });
        if (program.opts<{ json: boolean }>().json) print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`Contactenlijst afgewezen, er is niets veranderd (${result.errors.length} ${result.errors.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.errors) printError(`- regel ${e.line}: ${e.reason}`);
          state.exitCode = 1;
          return;
        }
        if (!program.opts<{ json: boolean }>().json) print(describeDirectoryImport(file, result));
      }),
    );
  importer
    .command("ddd")
    .description(`importeer de DDD-voortgang: cijfers per school of mentorgroep (kopregel: ${DDD_IMPORT_COLUMNS.join(";")}), of de export per leerling uit het overstapsysteem`)
    .argument("<bestand>", "CSV (UTF-8, ; of , gescheiden) of Excel-werkmap (.xlsx, eerste blad)")
    .option("--schooljaar <jjjj-jjjj>", "schooljaar van de cijfers (standaard: het huidige)")
    .option("--door <naam>", "wie importeert (voor de audit; standaard de gebruikersnaam)")
    .option("--proef", "alleen controleren en de aantallen per school tonen; er wordt niets opgeslagen")
    .option("--per-groep", "toon bij --proef ook de aantallen per mentorgroep")
    .addOption(DRY_RUN_ALIAS())
    .addHelpText(
      "after",
      [
        "",
        "Cijfers: één regel per school (mentorgroep leeg: het schooltotaal) of per mentorgroep; naar keuze ook de kolommen",
        `${Object.keys(DDD_IMPORT_COUNT_COLUMNS).join(";")} (leeg: niet gemeld).`,
        "Export per leerling: herkend aan de kopregel (BRIN, klas, DDD-status, aanmeldstatus ...; zie het koppelbestand",
        "src/data/overstap-export.yaml of OVERSTAP_EXPORT_FILE). Aanjager telt per school en mentorgroep en bewaart alleen",
        "de aantallen: geen namen, nummers of regels van leerlingen.",
        "Eén fout en er wordt niets opgeslagen. Een voorbeeldbestand: aanjager sjabloon ddd|ddd-leerlingen [--xlsx].",
      ].join("\n"),
    )
    .action(async (file: string, options: ProefOptions & { schooljaar?: string; door?: string; perGroep?: boolean }) => {
      if (options.schooljaar !== undefined && !isSchoolYearLabel(options.schooljaar)) {
        throw new AppError("CLI_USAGE", `Ongeldig schooljaar "${options.schooljaar}": gebruik bijvoorbeeld 2026-2027 (invalid --schooljaar)`);
      }
      const content = await readImportFile(file);
      const now = new Date();
      const dryRun = isProef(options);
      const json = program.opts<{ json: boolean }>().json;
      await withPreparedDatabase(async ({ db, jobDeps }) => {
        const result = await importDddFile(db, {
          content,
          fileName: path.basename(file),
          schoolYear: options.schooljaar ?? getSchoolYear(now),
          operator: options.door ?? os.userInfo().username,
          now,
          dryRun,
          overstapExport: jobDeps.config.overstapExport,
        });
        if (!result.ok) {
          // A dry run shows what it could count next to what is wrong; an import only what is wrong.
          if (!dryRun) throw new AppError("VALIDATION", formatImportIssues(result.issues));
          if (json) print(JSON.stringify({ file, dryRun, ...result }));
          else if (result.preview) print(describeDddPreview(file, result.preview, options.perGroep === true));
          printError(formatImportIssues(result.issues).replace("DDD-import afgewezen", "Proef: het bestand zou worden afgewezen"));
          state.exitCode = 1;
          return;
        }
        emit(() => {
          if (dryRun) return describeDddPreview(file, result.preview, options.perGroep === true);
          const pupils = result.preview.pupils;
          return [
            `DDD-voortgang ingelezen voor schooljaar ${result.schoolYear} (import ${result.importId}).`,
            formatFields([
              ...(pupils ? ([["Leerlingen geteld", `${pupils.counted}${pupils.skipped > 0 ? ` (${pupils.skipped} overgeslagen: geen overstapper)` : ""}; alleen de aantallen zijn bewaard`]] as const) : ([["Regels", result.rows]] as const)),
              ["Scholen", result.schools],
              ["Mentorgroepen", result.groups],
              ...(pupils ? [] : ([["Schooltotalen berekend uit mentorgroepen", result.derivedTotals]] as const)),
              ["Standen opgeslagen", result.snapshots],
            ]),
          ].join("\n");
        }, result);
      });
    });
  importer
    .command("catalogus")
    .alias("catalogue")
    .description("lees de programmacatalogus (YAML, zoals src/data/activities.yaml)")
    .argument("<bestand>", "YAML-bestand met de activiteiten")
    .option("--proef", "alleen controleren en tonen wat er zou veranderen; er wordt niets opgeslagen")
    .addOption(DRY_RUN_ALIAS())
    .action(async (file: string, options: ProefOptions) =>
      withContext(async ({ db }) => {
        const result = await importCatalogueFile(db, file, { now: new Date(), dryRun: isProef(options) });
        if (program.opts<{ json: boolean }>().json) print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`Catalogus afgewezen, er is niets veranderd (${result.errors.length} ${result.errors.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.errors) printError(`- ${formatCatalogueIssue(e)}`);
          state.exitCode = 1;
          return;
        }
        if (!program.opts<{ json: boolean }>().json) {
          const list = (ids: string[]) => (ids.length === 0 ? "geen" : ids.join(", "));
          print(
            [
              `${result.dryRun ? "Proef: er is niets opgeslagen." : result.changed ? "Catalogus ingelezen." : "Catalogus was al zo; er is niets veranderd."} ${file}: ${result.activities} ${result.activities === 1 ? "activiteit" : "activiteiten"}`,
              formatFields([
                ["Nieuw", list(result.added)],
                ["Gewijzigd", list(result.updated)],
                ["Gearchiveerd", list(result.archived)],
                ["Ongewijzigd", result.unchanged],
              ]),
            ].join("\n"),
          );
        }
      }),
    );

  importer
    .command("duo")
    .description("lees DUO's vsv-cijfers per vestiging (voorlopig of definitief) in de KPI's met duo_vsv in de catalogus")
    .argument("<bestand>", `CSV met kopregel: ${DUO_COLUMNS.join(";")}`)
    .action(async (file: string) =>
      withContext(async ({ db }) => {
        const result = await importDuoVsvFile(db, file, { now: new Date() });
        if (program.opts<{ json: boolean }>().json) print(JSON.stringify({ file, ...result }));
        if (!result.ok) {
          printError(`DUO-bestand afgewezen, er is niets veranderd (${result.issues.length} ${result.issues.length === 1 ? "fout" : "fouten"}):`);
          for (const e of result.issues) printError(`- regel ${e.line}: ${e.reason}`);
          state.exitCode = 1;
          return;
        }
        if (program.opts<{ json: boolean }>().json) return;
        print(`DUO-cijfers ingelezen uit ${file}: ${result.stored.length} opgeslagen, ${result.unchanged} ongewijzigd.`);
        if (result.stored.length > 0) {
          print(formatTable(["Activiteit", "KPI", "Schooljaar", "Status", "Vsv-%", "Vestigingen"], result.stored.map((f) => [f.activityId, f.kpiKey, f.schoolYear, f.status, String(f.percentage), String(f.vestigingen)])));
        }
        if (result.unused.length > 0) print(`Niet gebruikt: ${result.unused.join("; ")}`);
      }),
    );

  program
    .command("sjabloon")
    .description("schrijf een voorbeeldbestand om in te vullen en te importeren: de contactenlijst, de DDD-voortgang of een export per leerling (ddd-leerlingen)")
    .argument("<soort>", TEMPLATE_KIND_CHOICES)
    .option("--xlsx", "als Excel-werkmap (.xlsx) in plaats van CSV", false)
    .option("--out <bestand>", "schrijf naar dit bestand (standaard: sjabloon-<soort>.csv of .xlsx in de huidige map)")
    .action(async (kindArg: string, options: { xlsx: boolean; out?: string }) => {
      const kind = resolveTemplateKind(kindArg);
      if (!kind) throw new AppError("CLI_USAGE", `Onbekend sjabloon "${kindArg}": kies ${TEMPLATE_KIND_CHOICES} (unknown template)`);
      const format = options.xlsx ? "xlsx" : "csv";
      const template = await buildImportTemplate(kind, format);
      const file = options.out ?? template.fileName;
      fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
      fs.writeFileSync(file, template.content);
      emit(() => `Sjabloon geschreven: ${file} (${template.rows} voorbeeldregels). Vul het in en lees het in met: aanjager importeer ${describeTemplateImport(kind)} ${file}`, { ok: true, kind, format, file, rows: template.rows });
    });

  const catalogue = program.command("catalogus").description("de programmacatalogus");
  const readYear = (value: string | undefined) => {
    const year = value ?? getSchoolYear(new Date());
    if (!isSchoolYearLabel(year)) throw new AppError("CLI_USAGE", `Ongeldig schooljaar "${year}": gebruik JJJJ-JJJJ, bijvoorbeeld 2026-2027 (invalid school year)`);
    return year;
  };
  catalogue
    .command("meetmomenten")
    .description("de meetmomenten van alle activiteiten in een schooljaar")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db, jobDeps }) => {
        const meetmomenten = await listCatalogueMeetmomenten(db, readYear(year), jobDeps.calendar);
        emit(
          () => formatTable(["Datum", "Werkdag", "Activiteit", "Ritme", "Toelichting"], meetmomenten.map((m) => [formatDutchDate(m.date), formatDutchDate(m.workingDay), m.activityId, MEETMOMENT_KIND_LABELS[m.kind] ?? m.kind, m.note ?? ""])),
          ...meetmomenten,
        );
      }),
    );
  catalogue
    .command("activiteiten")
    .description("elke activiteit in een schooljaar: loopt ze, haar meetmomenten, en welke ritmes nog maanden van de beheerder nodig hebben")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db, jobDeps }) => {
        const activities = await listCatalogueActivityStatus(db, readYear(year), jobDeps.calendar);
        emit(
          () =>
            formatTable(
              ["Activiteit", "Status", "Meetmomenten", "Kies maanden"],
              activities.map((a) => [a.id, a.status, a.meetmomenten.map((m) => m.datum).join(", "), a.kiesMaanden.map((k) => k.toelichting ?? k.soort).join("; ")]),
            ),
          ...activities,
        );
      }),
    );
  catalogue
    .command("streefwaarden")
    .description("de streefwaarde van elke KPI in een schooljaar")
    .argument("[schooljaar]", "JJJJ-JJJJ; standaard het huidige schooljaar")
    .action(async (year: string | undefined) =>
      withContext(async ({ db }) => {
        const targets = (await listKpiTargets(db, readYear(year))).filter((k) => k.unit !== "text");
        const value = (k: (typeof targets)[number]) => (k.target === null ? "-" : `${k.target.value}${k.unit === "percentage" ? " %" : ""}${k.target.defaulted ? ` (uit ${k.target.schoolYear})` : ""}`);
        emit(() => formatTable(["Activiteit", "KPI", "Streefwaarde"], targets.map((k) => [k.activityId, k.name, value(k)])), ...targets);
      }),
    );

  const exporter = program.command("exporteer").alias("export").description("gegevens als document");
  exporter
    .command("samenvatting")
    .description("de weeksamenvatting van de stuurgroep als document (HTML, Markdown of CSV), voor de jaar- en novemberevaluatie")
    .requiredOption("--week <n>", "weeknummer (1-53)")
    .option("--schooljaar <jjjj-jjjj>", "schooljaar; standaard het huidige")
    .option("--format <format>", "html, md of csv", "html")
    .option("--out <bestand>", "schrijf naar dit bestand in plaats van naar de uitvoer")
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
          const { schoolYear, week: savedWeek } = result.view.data.period;
          emit(() => `Samenvatting van week ${savedWeek} (${schoolYear}) geschreven: ${options.out} (${format})`, { ok: true, file: options.out, format, schoolYear, week: savedWeek, preview: result.view.preview });
        } else io.stdout(text);
      });
    });

  exporter
    .command("meetmoment")
    .description("de cijfers van de meetmomenten van een schooljaar: elke KPI, periode, waarde, norm, wie en wanneer")
    .argument("<activiteit>", "id van de activiteit (bijvoorbeeld ddd) of alle")
    .option("--schooljaar <JJJJ-JJJJ>", "schooljaar; standaard het huidige")
    .option("--format <csv|xlsx>", "csv (; en decimale komma, voor Excel) of xlsx", "csv")
    .option("--out <bestand>", "schrijf naar dit bestand (csv zonder --out: naar de uitvoer; xlsx zonder --out: meetmomenten-<activiteit>-<schooljaar>.xlsx)")
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
        emit(() => `Meetmomenten ${schoolYear} geschreven: ${file} (${rows.length} regels, ${format})`, { ok: true, file, format, schoolYear, activity: activity === "alle" ? "alle" : activity.id, rows: rows.length, bytes: content.length });
      });
    });

  program
    .command("draai")
    .alias("run")
    .description("voer een taak (job) één keer uit alsof het dat tijdstip is")
    .argument("<taak>", "naam van de taak (zie `aanjager taken`)")
    .option("--at <iso>", "tijdstip, ISO 8601 (Europe/Amsterdam als de zone ontbreekt)", "now")
    .action(async (jobName: string, options: { at: string }) => {
      const at = parseInstant(options.at);
      await withContext(async ({ jobDeps, jobs }) => {
        const outcome = await runJobManually(jobDeps, findJob(jobName, jobs), at);
        const json = outcome.status === "succeeded" ? { job: outcome.job, at: at.toISOString(), status: outcome.status, ...outcome.result } : { ...outcome, at: at.toISOString() };
        const when = formatDutchDateTime(at);
        emit(() => {
          if (outcome.status === "succeeded") return [`Taak ${outcome.job} uitgevoerd voor ${when}.`, formatResult(outcome.result)].filter((l) => l !== "").join("\n");
          if (outcome.status === "failed") return `Taak ${outcome.job} mislukt voor ${when}: ${outcome.error}`;
          return `Taak ${outcome.job} overgeslagen voor ${when}: die liep al.`;
        }, json);
        if (outcome.status === "failed") state.exitCode = 1;
      });
    });

  program
    .command("voorbeeld")
    .alias("preview")
    .description("laat zien wat een taak zou doen, zonder iets te versturen")
    .argument("<taak>", "ddd-reminders")
    .option("--at <iso>", "tijdstip, ISO 8601", "now")
    .action(async (jobName: string, options: { at: string }) => {
      if (jobName !== "ddd-reminders") throw new AppError("CLI_USAGE", `Voor "${jobName}" bestaat geen voorbeeld; alleen ddd-reminders (no preview for this job)`);
      const at = parseInstant(options.at);
      await withContext(async ({ jobDeps }) => {
        const { card, ...preview } = await previewDddReminders(jobDeps, at);
        // The chat's preview card, as text: the same Dutch sentences and facts.
        const facts = (list: { title: string; value: string }[]) => formatFields(list.map((f) => [f.title, f.value]));
        emit(
          () => [`Voorbeeld DDD-herinneringen, ${card.momentLabel} (schooljaar ${card.schoolYear}); er is niets verstuurd.`, card.status, facts(card.summary), ...(card.lines.length > 0 ? ["", facts(card.lines)] : [])].join("\n"),
          { job: jobName, ...preview },
        );
      });
    });

  program
    .command("rechten")
    .description("wie wat mag: elke opdracht, knop en export tegen elke rol (Markdown-tabel)")
    .action(() => void io.stdout(formatAuthorizationMatrix(COMPOSED_FEATURES.authorization)));

  program
    .command("taken")
    .alias("jobs")
    .description("de geplande taken (jobs) met hun laatste en volgende uitvoering, in Nederlandse tijd")
    .action(async () =>
      withContext(async ({ db, jobs }) => {
        const last = await findLastJobRuns(db);
        const now = new Date();
        const rows = jobs.map((job) => {
          const run = last.get(job.name);
          return {
            job: job.name,
            schedule: job.manualOnly ? "doorlopend in de server, of met `aanjager draai`" : describeSchedule(job.schedule),
            description: job.description,
            lastRun: run ? { slot: run.slot.toISOString(), trigger: run.trigger, status: run.status, finishedAt: run.finishedAt?.toISOString() ?? null } : null,
            nextRun: job.manualOnly ? null : findNextSlot(job.schedule, now),
          };
        });
        emit(
          () =>
            formatTable(
              ["Taak", "Wanneer", "Volgende keer", "Laatste keer"],
              rows.map((r) => [r.job, r.schedule, r.nextRun ? formatDutchDateTime(r.nextRun) : "-", r.lastRun ? `${formatDutchDateTime(new Date(r.lastRun.slot))} ${JOB_STATUS_LABELS[r.lastRun.status] ?? r.lastRun.status} (${JOB_TRIGGER_LABELS[r.lastRun.trigger] ?? r.lastRun.trigger})` : "nog nooit"]),
            ) + "\nTijden in Nederlandse tijd (Europe/Amsterdam).",
          ...rows.map((r) => ({ ...r, nextRun: r.nextRun?.toISOString() ?? null })),
        );
      }),
    );

  program
    .command("checklist")
    .description("wat er nog ontbreekt voordat Aanjager werkt voor de regio, met per punt wat te doen (zoals 'checklist' in de chat)")
    .action(async () =>
      withContext(async ({ db, jobDeps, jobs }) => {
        const checklist = await buildRegionChecklist({ db, config: jobDeps.config, calendar: jobDeps.calendar, jobs }, new Date());
        if (program.opts<{ json: boolean }>().json) return print(JSON.stringify(checklist));
        print(formatChecklistText(checklist));
      }),
    );

  const manifest = program.command("manifest").description("Teams-app-manifest");
  manifest
    .command("controleer")
    .alias("validate")
    .description("controleer manifest/manifest.json (offline schema en eigen controles)")
    .action(async () => {
      const dir = path.join(projectRoot, "manifest");
      const problems = await validateManifest(renderManifest(dir, resolveManifestVars(io.env, { allowPlaceholders: true })), dir);
      if (problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${problems.map((p) => `- ${p}`).join("\n")}`);
      emit(() => "Manifest in orde: manifest/manifest.json", { ok: true, manifest: "manifest/manifest.json" });
    });
  manifest
    .command("verpak")
    .alias("package")
    .description("controleer en schrijf het app-pakket naar dist/")
    .option("--allow-placeholders", "gebruik nul-GUID's als TEAMS_APP_ID/BOT_ID ontbreken (alleen lokaal)", false)
    .action(async (options: { allowPlaceholders: boolean }) => {
      const result = await packageManifest({ manifestDir: path.join(projectRoot, "manifest"), outDir: path.join(projectRoot, "dist"), allowPlaceholders: options.allowPlaceholders, vars: io.env });
      if (result.problems.length > 0) throw new AppError("MANIFEST_INVALID", `Manifest ongeldig:\n${result.problems.map((p) => `- ${p}`).join("\n")}`);
      const zip = path.relative(projectRoot, result.zipPath);
      emit(() => `App-pakket geschreven: ${zip}`, { ok: true, package: zip });
    });

  return program;
}

const TEMPLATE_KIND_CHOICES = `${IMPORT_TEMPLATE_KINDS.slice(0, -1).join(", ")} of ${IMPORT_TEMPLATE_KINDS.at(-1)}`;

/** `--proef`, and the old `--dry-run` that scripts may use (kept, not shown in the help). */
type ProefOptions = { proef?: boolean; dryRun?: boolean };
const DRY_RUN_ALIAS = () => new Option("--dry-run").hideHelp();
const isProef = (options: ProefOptions) => options.proef === true || options.dryRun === true;

const MEETMOMENT_KIND_LABELS: Record<string, string> = { halfyearly: "halfjaarlijks", yearly: "jaarlijks", quarterly: "per kwartaal", monthly: "maandelijks", "per-event": "per gebeurtenis", other: "anders" };
const JOB_STATUS_LABELS: Record<string, string> = { succeeded: "geslaagd", failed: "mislukt", running: "loopt" };
const JOB_TRIGGER_LABELS: Record<string, string> = { schedule: "gepland", startup: "bij de start", cli: "met de hand" };

function formatBytes(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} kB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function describeDirectoryImport(file: string, r: DirectoryImportReport): string {
  const head = r.dryRun ? "Proef: er is niets opgeslagen." : r.changed ? "Contactenlijst ingelezen." : "Contactenlijst was al zo; er is niets veranderd.";
  return [
    `${head} ${file}: ${r.rows} ${r.rows === 1 ? "regel" : "regels"}${r.format ? ` (${r.format.toUpperCase()})` : ""}`,
    formatFields([
      ["Scholen", `${r.schools.added} nieuw, ${r.schools.changed} gewijzigd`],
      ["Personen", `${r.people.added} nieuw, ${r.people.changed} gewijzigd, ${r.people.removed} niet meer in de lijst, ${r.people.unchanged} ongewijzigd`],
      ["Rollen", `${r.roles.added} nieuw, ${r.roles.removed} verwijderd, ${r.roles.adopted} overgenomen, ${r.roles.unchanged} ongewijzigd`],
    ]),
  ].join("\n");
}

/** A DDD file's dry run as a person reads it: per school (and per group with --per-groep) the counts that would be stored. */
function describeDddPreview(file: string, preview: DddImportPreview, perGroup: boolean): string {
  const pupils = preview.pupils;
  const lines = [
    `Proef: er is niets opgeslagen. ${file}: ${pupils ? `export per leerling (${preview.format.toUpperCase()}), ${pupils.counted} ${pupils.counted === 1 ? "leerling" : "leerlingen"} geteld${pupils.skipped > 0 ? `, ${pupils.skipped} overgeslagen (geen overstapper)` : ""}` : `cijfers per school (${preview.format.toUpperCase()})`}.`,
  ];
  if (pupils) {
    lines.push(
      formatFields([
        ["Kolommen", Object.entries(pupils.columns).map(([column, header]) => `${column} = ${header}`).join(", ")],
        ["Gelezen, niet bewaard", pupils.notKept.length === 0 ? "geen" : `${pupils.notKept.join(", ")} (alleen de aantallen worden bewaard)`],
        ["Genegeerd", pupils.ignored.length === 0 ? "geen" : `${pupils.ignored.join(", ")} (niet in het koppelbestand)`],
      ]),
    );
  }
  const count = (value: number | null) => (value === null ? "-" : String(value));
  const cells = (f: DddImportPreview["schools"][number]["figures"], c: DddImportPreview["schools"][number]["counts"]) => [
    String(f.overstappers), String(f.gestart), String(f.deelB), String(f.afgerond), String(f.inBeeld),
    count(c.aangemeld), count(c.geplaatst), count(c.afgewezen), count(c.geenAanmelding), count(c.geplaatstMetDdd), count(c.mboGestart), count(c.nietGestart), count(c.zomerlek),
  ];
  const rows = preview.schools.flatMap((school) => [
    [school.brin, school.derivedTotal ? "(totaal, berekend)" : "(totaal)", ...cells(school.figures, school.counts)],
    ...(perGroup ? school.groups.map((g) => [school.brin, g.mentorGroup, ...cells(g.figures, g.counts)]) : []),
  ]);
  lines.push("", formatTable(["School", "Groep", "Overst.", "Gestart", "Deel B", "Afgerond", "In beeld", "Aangem.", "Geplaatst", "Afgew.", "Geen aanm.", "Gepl.+DDD", "Gestart mbo", "Niet gest.", "Zomerlek"], rows));
  const groups = preview.schools.reduce((n, s) => n + s.groups.length, 0);
  if (!perGroup && groups > 0) lines.push(`${groups} ${groups === 1 ? "mentorgroep" : "mentorgroepen"}; --per-groep toont ze.`);
  if (rows.some((row) => row.includes("-"))) lines.push("- = niet gemeld (het bestand heeft die kolom niet).");
  if (pupils && pupils.unmapped.length > 0) {
    lines.push("", "Statussen die het koppelbestand niet kent:");
    for (const u of pupils.unmapped) lines.push(`- kolom '${u.column}': ${u.value === null ? "waarden die niet worden getoond" : u.value === "" ? "(leeg)" : `'${u.value}'`} op ${u.rows} ${u.rows === 1 ? "regel" : "regels"} (${u.lines.join(", ")}${u.rows > u.lines.length ? " ..." : ""})`);
  }
  return lines.join("\n");
}

/** The checklist as a person reads it in a terminal: one line per point, what to do under it, then the next job runs. */
export function formatChecklistText(checklist: RegionChecklist): string {
  const open = checklist.items.filter((i) => !i.done).length;
  const lines = [
    `Checklist regio ${checklist.regionNaam} (schooljaar ${checklist.schoolYear}), stand van ${formatRunMoment(checklist.asOf)}`,
    `Regiobestand: ${checklist.regionFile}`,
    open === 0 ? "Alles staat klaar." : `Nog ${open} van de ${checklist.items.length} punten te doen.`,
    "",
  ];
  for (const item of checklist.items) {
    lines.push(`${item.done ? "[x]" : "[ ]"} ${item.label}: ${item.status}`);
    if (item.names.length > 0) lines.push(`    Betreft: ${describeChecklistNames(item.names, item.moreNames)}`);
    if (item.todo) lines.push(`    Wat te doen: ${item.todo}`);
  }
  lines.push("", "Volgende uitvoeringen (Europe/Amsterdam):");
  for (const run of checklist.nextRuns) lines.push(`  ${formatRunMoment(run.at).padEnd(24)} ${run.job.padEnd(20)} ${run.description}`);
  return lines.join("\n");
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
