import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import Database from "better-sqlite3";
import { AppError } from "../errors.js";
import { providerOf, toDatabaseTarget, type Db, type DatabaseProvider, type DatabaseTarget } from "./client.js";
import { projectRoot } from "../project-root.js";

/** Each provider has its own schema (prisma/<provider>/schema.prisma), config and migrations folder. */
export const prismaConfigPathFor = (provider: DatabaseProvider) => path.join(projectRoot, "prisma", `${provider}.config.ts`);
export const migrationsDirFor = (provider: DatabaseProvider) => path.join(projectRoot, "prisma", provider, "migrations");
export const schemaDirFor = (provider: DatabaseProvider) => path.join(projectRoot, "prisma", provider);
/** SQLite's: the embedded default. */
export const migrationsDir = migrationsDirFor("sqlite");

function resolvePrismaCli(): string {
  return createRequire(import.meta.url).resolve("prisma/build/index.js");
}

/** Runs the Prisma CLI with the provider's config against the given database (a bare string is a SQLite file). */
export async function runPrismaCli(args: string[], database: DatabaseTarget | string): Promise<{ stdout: string; stderr: string }> {
  const target = toDatabaseTarget(database);
  const env =
    target.provider === "sqlite"
      ? { DATABASE_PATH: path.resolve(target.path), DATABASE_URL: `file:${path.resolve(target.path)}` }
      : { DATABASE_URL: target.url };
  const child = spawn(process.execPath, [resolvePrismaCli(), ...args, "--config", prismaConfigPathFor(target.provider)], {
    cwd: projectRoot,
    env: { ...process.env, ...env, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", resolve);
  });
  if (code !== 0) {
    throw new AppError("DB_NOT_MIGRATED", `prisma ${args.join(" ")} failed (exit ${code}): ${stderr.trim() || stdout.trim()}`);
  }
  return { stdout, stderr };
}

/**
 * Applies every committed migration that the database does not have yet (prisma migrate deploy).
 * Every start calls this, and nearly always nothing is pending: that is checked in-process with a
 * read, which needs no lock. Prisma's migration engine wants the write lock and gave up with
 * "SocketTimeout" while an import or a backup held it, so the bot could not start or restart then;
 * it now runs only when there is something to apply (or to report: a failed migration).
 */
export async function migrateDatabase(database: DatabaseTarget | string): Promise<void> {
  const target = toDatabaseTarget(database);
  if (target.provider === "postgresql") {
    // Only for PostgreSQL: the SQLite bot does not load pg.
    const { migratePostgresDatabase } = await import("./migrations-postgresql.js");
    await migratePostgresDatabase(target.url, migrationsDirFor("postgresql"), listMigrationNames("postgresql"));
    return;
  }
  const databasePath = target.path;
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  if (isFullyMigrated(databasePath)) return;
  await runPrismaCli(["migrate", "deploy"], databasePath);
}

/** True when the file exists and has every committed migration finished and none failed. */
function isFullyMigrated(databasePath: string): boolean {
  if (!fs.existsSync(databasePath)) return false;
  let rows: { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[];
  try {
    const db = new Database(databasePath, { readonly: true, fileMustExist: true, timeout: 5_000 });
    try {
      rows = db.prepare("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations").all() as typeof rows;
    } finally {
      db.close();
    }
  } catch {
    // No migrations table yet (a new or foreign file): Prisma decides, and says why if it cannot.
    return false;
  }
  if (rows.some((r) => r.finished_at === null && r.rolled_back_at === null)) return false;
  const finished = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  return listMigrationNames("sqlite").every((name) => finished.has(name));
}

export function listMigrationNames(provider: DatabaseProvider = "sqlite"): string[] {
  const dir = migrationsDirFor(provider);
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort();
}

export type MigrationStatus = { expected: number; applied: number; pending: string[]; failed: string[] };

/** What /readyz and `aanjager db status` report: every committed migration applied, none failed. */
export async function readMigrationStatus(db: Db): Promise<MigrationStatus> {
  const expected = listMigrationNames(providerOf(db));
  let rows: { migration_name: string; finished_at: unknown; rolled_back_at: unknown }[] = [];
  try {
    rows = await db.$queryRawUnsafe("SELECT migration_name, finished_at, rolled_back_at FROM _prisma_migrations");
  } catch {
    return { expected: expected.length, applied: 0, pending: expected, failed: [] };
  }
  const finished = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
  const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
  return {
    expected: expected.length,
    applied: expected.filter((name) => finished.has(name)).length,
    pending: expected.filter((name) => !finished.has(name)),
    failed,
  };
}
