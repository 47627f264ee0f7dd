/**
 * Applies the PostgreSQL migrations (prisma/postgresql/migrations) in-process. Prisma's own
 * `migrate deploy` cannot run through adapter-pg 6.19 (it fails reading the type `name` from
 * `_prisma_migrations`, prisma/orm#27403, fixed only in 7.x), so this runner does what it does:
 * under Prisma's advisory lock, each pending migration.sql runs in a transaction and is recorded
 * in `_prisma_migrations` with the same columns and checksum (sha256 hex of the file), so
 * `prisma migrate status` agrees and a later Prisma can take over. Several instances starting
 * at once wait for the lock in turn: each migration is applied once.
 */
import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { AppError } from "../errors.js";

/** The key Prisma's migration engine locks on PostgreSQL: a `prisma migrate deploy` waits for us and we for it. */
const PRISMA_ADVISORY_LOCK = 72707369;

/** The table exactly as Prisma's migration engine creates it on PostgreSQL. */
const CREATE_MIGRATIONS_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

type MigrationRow = { migration_name: string; finished_at: Date | null; rolled_back_at: Date | null };

export function migrationChecksum(sql: Buffer | string): string {
  return createHash("sha256").update(sql).digest("hex");
}

/** Applies every migration in `names` (from `dir`) that the database has not finished; returns those it applied. */
export async function migratePostgresDatabase(url: string, dir: string, names: readonly string[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (error) {
    throw new AppError("DB_NOT_MIGRATED", `PostgreSQL niet bereikbaar (${describe(error)}): controleer DATABASE_URL`, { cause: error });
  }
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const rows = (await client.query<MigrationRow>(`SELECT migration_name, finished_at, rolled_back_at FROM "_prisma_migrations"`)).rows;
    const failed = rows.filter((r) => r.finished_at === null && r.rolled_back_at === null).map((r) => r.migration_name);
    if (failed.length > 0) {
      throw new AppError(
        "DB_NOT_MIGRATED",
        `Migratie mislukt eerder en is niet afgerond: ${failed.join(", ")}. Herstel de database (zie de logs in _prisma_migrations) en markeer haar met \`prisma migrate resolve\`.`,
      );
    }
    const finished = new Set(rows.filter((r) => r.finished_at !== null && r.rolled_back_at === null).map((r) => r.migration_name));
    for (const name of names) {
      if (finished.has(name)) continue;
      await applyMigration(client, name, fs.readFileSync(path.join(dir, name, "migration.sql")));
      applied.push(name);
    }
  } finally {
    // Closing the session releases the advisory lock too, also after an error.
    await client.end().catch(() => undefined);
  }
  return applied;
}

async function applyMigration(client: pg.Client, name: string, sql: Buffer): Promise<void> {
  const checksum = migrationChecksum(sql);
  const startedAt = new Date();
  try {
    await client.query("BEGIN");
    // A script of several statements runs as one simple query (no parameters), as psql would.
    await client.query(sql.toString("utf8"));
    await client.query(
      `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "logs", "started_at", "applied_steps_count") VALUES ($1, $2, now(), $3, NULL, $4, 1)`,
      [randomUUID(), checksum, name, startedAt],
    );
    await client.query("COMMIT");
  } catch (error) {
    await client.query("ROLLBACK").catch(() => undefined);
    // Recorded as Prisma records a failed migration: started, not finished, with its logs. The
    // next start refuses until someone has looked (as `migrate deploy` does, P3009).
    await client
      .query(`INSERT INTO "_prisma_migrations" ("id", "checksum", "migration_name", "logs", "started_at", "applied_steps_count") VALUES ($1, $2, $3, $4, $5, 0)`, [
        randomUUID(),
        checksum,
        name,
        describe(error),
        startedAt,
      ])
      .catch(() => undefined);
    throw new AppError("DB_NOT_MIGRATED", `Migratie ${name} mislukt: ${describe(error)}`, { cause: error });
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
