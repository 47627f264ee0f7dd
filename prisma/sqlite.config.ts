import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI on these machines must use the WebAssembly schema engine (engine "js" with a
// driver adapter): the native engines cannot be downloaded. The database location comes from
// the same variable the bot uses, DATABASE_PATH. A DATABASE_URL meant for PostgreSQL is set
// aside: the SQLite schema needs a file: URL to validate and generate.
const databasePath = process.env.DATABASE_PATH ?? "data/aanjager.db";
if (!process.env.DATABASE_URL?.startsWith("file:")) process.env.DATABASE_URL = `file:${path.resolve(databasePath)}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "sqlite"),
  migrations: { path: path.join(import.meta.dirname, "sqlite", "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${path.resolve(databasePath)}` });
  },
});
