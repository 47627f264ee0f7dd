import type { Db, DbTx } from "./client.js";

/**
 * Runs `fn` in one interactive transaction: either everything it writes lands, or nothing
 * does (an import rejected halfway leaves the database as it was). SQLite serialises writers,
 * so the generous timeout only matters for large imports on a busy file.
 */
export async function runInTransaction<T>(db: Db, fn: (tx: DbTx) => Promise<T>, options: { timeoutMs?: number } = {}): Promise<T> {
  return db.$transaction((tx) => fn(tx), { timeout: options.timeoutMs ?? 60_000, maxWait: 10_000 });
}
