import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// The PostgreSQL schema for the Prisma CLI (generate, validate, migrate diff and status). The
// URL must be well-formed even where no server is used (generate, validate): a malformed one
// makes Prisma try to download a query engine, which fails offline. Hence the placeholder.
const placeholder = "postgresql://aanjager@localhost:5432/aanjager";
if (!/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "")) process.env.DATABASE_URL = placeholder;
const url = process.env.DATABASE_URL!;

/**
 * Prisma's migration engine reads `_prisma_migrations` through the adapter, and adapter-pg 6.19
 * cannot read the PostgreSQL type `name` (OID 19) that it meets there (prisma/orm#27403, fixed
 * in 7.x): this pool's clients report it as text (OID 25), so `prisma migrate status` works.
 * The app applies migrations with its own runner (src/db/migrations-postgresql.ts).
 */
function createNameAsTextPool(connectionString: string): pg.Pool {
  // allowExitOnIdle: the CLI exits when done instead of waiting out the idle timeout.
  const pool = new pg.Pool({ connectionString, max: 2, allowExitOnIdle: true });
  const asText = (result: unknown) => {
    for (const field of (result as { fields?: { dataTypeID: number }[] } | undefined)?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
    return result;
  };
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args[args.length - 1] = (error: unknown, result: unknown) => (last as (e: unknown, r: unknown) => void)(error, asText(result));
        return query(...args);
      }
      const answer = query(...args);
      return answer instanceof Promise ? answer.then(asText) : answer;
    };
  });
  return pool;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join(import.meta.dirname, "postgresql"),
  migrations: { path: path.join(import.meta.dirname, "postgresql", "migrations") },
  async adapter() {
    return new PrismaPg(createNameAsTextPool(url), { disposeExternalPool: true });
  },
});
