import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "../../src/db/migrations.js";
import { createTestDatabasePath } from "../support/test-db.js";
import { startTestAanjager } from "../support/test-app.js";

/**
 * A restart while a CLI import (or a backup) holds the database's write lock: every start checks
 * the migrations, and Prisma's migration engine, which wants that lock, failed with
 * "SocketTimeout". The check is a read now; only pending migrations need the lock.
 */
describe("a start while an import holds the database", () => {
  it("starts and answers /readyz while another process's write transaction is open", async () => {
    const databasePath = createTestDatabasePath({ seeded: true });
    // Another connection in the middle of an import: the write lock is taken and held.
    const importer = new Database(databasePath);
    importer.pragma("journal_mode = WAL");
    importer.exec("BEGIN IMMEDIATE");
    importer.prepare("UPDATE School SET naam = naam WHERE id = (SELECT min(id) FROM School)").run();
    try {
      await migrateDatabase(databasePath);
      const bot = await startTestAanjager({ env: { DATABASE_PATH: databasePath } });
      try {
        const ready = await fetch(`${bot.baseUrl}/readyz`);
        expect(ready.status).toBe(200);
      } finally {
        await bot.close();
      }
    } finally {
      importer.exec("COMMIT");
      importer.close();
    }
  });
});
