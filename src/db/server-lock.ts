import Database from "better-sqlite3";
import fs from "node:fs";
import path from "node:path";
import { AppError } from "../errors.js";

/**
 * SQLite is for one server at a time: a second server on the same file would run every job and
 * keep its own copy of Teams' rate limits (so two servers send twice what Teams allows).
 *
 * The lock is a small SQLite file next to the database, held in an exclusive transaction for as
 * long as the server runs. SQLite takes that as an OS lock on the file (fcntl), which the
 * operating system drops when the process ends, however it ends: a server killed with SIGKILL
 * leaves no stale lock behind, and no pid file has to be judged. The database itself is not
 * locked, so CLI commands (imports, backups, `taken`) keep working next to the server.
 */
export type ServerLock = { path: string; release: () => void };

export function lockPathFor(databasePath: string): string {
  return `${path.resolve(databasePath)}.server-lock`;
}

/** Takes the server lock of `databasePath`, or throws DB_IN_USE (in Dutch) when another server holds it. */
export function acquireServerLock(databasePath: string): ServerLock {
  const lockPath = lockPathFor(databasePath);
  // The lock comes before the migration that would create the database's folder: a first start of a
  // release (no data/ yet) failed here with "the directory does not exist".
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const connection = new Database(lockPath, { timeout: 0 });
  try {
    connection.exec("BEGIN EXCLUSIVE");
  } catch (error) {
    connection.close();
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
    const file = path.resolve(databasePath);
    throw new AppError(
      "DB_IN_USE",
      `Er draait al een Aanjager-server op het databasebestand ${file}. Een SQLite-database is voor één server tegelijk; ` +
        "stop die server eerst, of gebruik PostgreSQL (DATABASE_URL=postgres://...) om meerdere servers naast elkaar te draaien. " +
        "CLI-opdrachten (imports, backups, taken) kunnen wel naast de draaiende server.",
    );
  }
  return {
    path: lockPath,
    release: () => {
      if (!connection.open) return;
      connection.exec("ROLLBACK");
      connection.close();
    },
  };
}
