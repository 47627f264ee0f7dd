/**
 * Moving a region from its SQLite file to PostgreSQL: every table copied into a migrated, empty
 * PostgreSQL database in foreign-key order, ids kept, the id sequences set past the largest id,
 * then the rows counted on both sides. Rows go through the two Prisma clients, so each database
 * stores dates, booleans and bytes its own way.
 */
import fs from "node:fs";
import { AppError } from "../errors.js";
import { configureDb, createDb, providerOf, Prisma, runInTransaction, type Db, type DbTx } from "./client.js";
import { migrateDatabase } from "./migrations.js";

/** Rows per read and per insert: a few hundred outbox payloads of several kB at a time. */
const ROWS_PER_BATCH = 500;

export type TableCount = { table: string; source: number; target: number };

type Delegate = {
  count: () => Promise<number>;
  findMany: (args: { orderBy: { id: "asc" }; skip: number; take: number }) => Promise<Record<string, unknown>[]>;
  createMany: (args: { data: Record<string, unknown>[] }) => Promise<{ count: number }>;
};

const delegateOf = (db: Db | DbTx, model: string) => (db as unknown as Record<string, Delegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;

/** Every model (each table is named after its model), parents before the tables that point at them. */
async function listTablesInForeignKeyOrder(target: DbTx): Promise<string[]> {
  const models: string[] = Object.values(Prisma.ModelName);
  const edges = await target.$queryRawUnsafe<{ child: string; parent: string }[]>(
    `SELECT c.relname::text AS child, p.relname::text AS parent FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
  const ordered: string[] = [];
  const remaining = new Set(models);
  while (remaining.size > 0) {
    const ready = [...remaining].filter((model) => !edges.some((e) => e.child === model && e.parent !== model && remaining.has(e.parent)));
    if (ready.length === 0) throw new AppError("INTERNAL", `Kringverwijzing tussen tabellen: ${[...remaining].join(", ")}`);
    for (const model of ready.sort()) {
      ordered.push(model);
      remaining.delete(model);
    }
  }
  return ordered;
}

/**
 * Copies `source` (SQLite) into `target` (PostgreSQL, migrated and empty) in one transaction:
 * all of it or nothing. Refuses a target that holds any row. Returns the rows per table on
 * both sides, counted after the copy.
 */
export async function copyDatabase(source: Db, target: Db): Promise<TableCount[]> {
  if (providerOf(source) !== "sqlite" || providerOf(target) !== "postgresql") {
    throw new AppError("CLI_USAGE", "Kopiëren gaat van een SQLite-database naar een PostgreSQL-database.");
  }
  return runInTransaction(
    target,
    async (tx) => {
      const tables = await listTablesInForeignKeyOrder(tx);
      const filled: string[] = [];
      for (const table of tables) {
        const rows = await delegateOf(tx, table).count();
        if (rows > 0) filled.push(`${table} (${rows})`);
      }
      if (filled.length > 0) {
        throw new AppError("CONFLICT", `De PostgreSQL-database is niet leeg: ${filled.join(", ")}. Kopieer alleen naar een lege, gemigreerde database.`);
      }
      for (const table of tables) {
        for (let skip = 0; ; skip += ROWS_PER_BATCH) {
          const rows = await delegateOf(source, table).findMany({ orderBy: { id: "asc" }, skip, take: ROWS_PER_BATCH });
          if (rows.length > 0) await delegateOf(tx, table).createMany({ data: rows });
          if (rows.length < ROWS_PER_BATCH) break;
        }
        // The rows came with their ids: the sequence behind an autoincrement id must continue
        // after the largest, or the next insert collides. Text ids have no sequence.
        const [sequence] = await tx.$queryRawUnsafe<{ name: string | null }[]>(`SELECT pg_get_serial_sequence('"${table}"', 'id') AS name`);
        if (sequence?.name) await tx.$queryRawUnsafe(`SELECT setval('${sequence.name}', COALESCE(max("id"), 1), count(*) > 0)::text AS value FROM "${table}"`);
      }
      const counts: TableCount[] = [];
      for (const table of tables) counts.push({ table, source: await delegateOf(source, table).count(), target: await delegateOf(tx, table).count() });
      return counts;
    },
    { timeoutMs: 30 * 60_000 },
  );
}

/**
 * `aanjager database kopieer-naar-postgresql`: brings both databases to the latest migration
 * (as every start does), then copies. The SQLite file is only read.
 */
export async function copySqliteToPostgres(sourcePath: string, targetUrl: string): Promise<TableCount[]> {
  if (!fs.existsSync(sourcePath)) throw new AppError("NOT_FOUND", `SQLite-database ${sourcePath} bestaat niet: zet DATABASE_PATH op het bestand van de regio.`);
  await migrateDatabase(sourcePath);
  await migrateDatabase({ provider: "postgresql", url: targetUrl });
  const source = await createDb(sourcePath);
  const target = await createDb({ provider: "postgresql", url: targetUrl });
  try {
    await configureDb(source);
    return await copyDatabase(source, target);
  } finally {
    await source.$disconnect();
    await target.$disconnect();
  }
}
