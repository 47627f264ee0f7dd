import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The Prisma CLI on these machines must use the WebAssembly schema engine (engine "js" with a
// driver adapter): the native engines cannot be downloaded. The database location comes from
// the same variable the bot uses, DATABASE_PATH.
const databasePath = process.env.DATABASE_PATH ?? "data/aanjager.db";
process.env.DATABASE_URL ??= `file:${path.resolve(databasePath)}`;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "schema.prisma"),
  migrations: { path: path.join(import.meta.dirname, "migrations") },
  async adapter() {
    return new PrismaBetterSQLite3({ url: `file:${path.resolve(databasePath)}` });
  },
});
