import { defineConfig } from "vitest/config";
import base from "./vitest.config.js";

// `npm run test:pg`: the tests that touch the database, on a throwaway PostgreSQL cluster that
// tests/support/global-setup.ts starts and removes (it finds Debian's binaries itself).
// Workers inherit this variable: tests/support/test-db.ts reads it.
process.env.AANJAGER_TEST_DATABASE = "postgresql";

/** SQLite-specific by nature: they test the file, its PRAGMAs or its migrations. */
export const SQLITE_ONLY_FILES = [
  // `aanjager backup`/`terugzetten` copy the SQLite file; PostgreSQL uses pg_dump (docs/deploy.md).
  "tests/integration/backup.test.ts",
  // SQLite's migrations and their drift check (PostgreSQL's: tests/postgresql/migrations.test.ts).
  "tests/integration/migrations.test.ts",
  // Replays SQLite's own migration history (a table rebuild with PRAGMA foreign_keys).
  "tests/integration/migration-catalogue-periods.test.ts",
  // A second writer holding SQLite's file lock while the bot starts.
  "tests/integration/start-during-import.test.ts",
];

// Not mergeConfig: it would add these lists to the base config's instead of replacing them.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["tests/postgresql/**/*.test.ts", "tests/integration/**/*.test.ts", "tests/jobs/**/*.test.ts", "tests/unit/db/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**", ...SQLITE_ONLY_FILES],
  },
});
