import fs from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { AppError } from "../errors.js";

/**
 * Online backup through SQLite's backup API: consistent even while the bot writes, and the
 * result is an ordinary database file.
 */
export async function backupDatabase(databasePath: string, targetPath: string): Promise<{ bytes: number; pages: number }> {
  if (!fs.existsSync(databasePath)) throw new AppError("NOT_FOUND", `Database ${databasePath} bestaat niet (database not found)`);
  if (fs.existsSync(targetPath)) throw new AppError("CLI_USAGE", `${targetPath} bestaat al; kies een nieuwe bestandsnaam (target exists)`);
  fs.mkdirSync(path.dirname(path.resolve(targetPath)), { recursive: true });
  const source = new Database(databasePath, { readonly: true, fileMustExist: true });
  try {
    const result = await source.backup(targetPath);
    return { bytes: fs.statSync(targetPath).size, pages: result.totalPages };
  } finally {
    source.close();
  }
}

/** Replaces the database with a backup after checking the backup's integrity. Stop the bot first. */
export function restoreDatabase(backupPath: string, databasePath: string): { tables: number } {
  if (!fs.existsSync(backupPath)) throw new AppError("NOT_FOUND", `Backup ${backupPath} bestaat niet (backup not found)`);
  const check = new Database(backupPath, { readonly: true, fileMustExist: true });
  let tables = 0;
  try {
    const integrity = check.prepare("PRAGMA integrity_check").pluck().get();
    if (integrity !== "ok") throw new AppError("VALIDATION", `Backup is beschadigd: ${String(integrity)} (integrity check failed)`);
    tables = Number(check.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get());
  } finally {
    check.close();
  }
  fs.mkdirSync(path.dirname(path.resolve(databasePath)), { recursive: true });
  for (const suffix of ["-wal", "-shm"]) fs.rmSync(`${databasePath}${suffix}`, { force: true });
  fs.copyFileSync(backupPath, databasePath);
  return { tables };
}
