/**
 * Writes a new migration, with the same name, for both providers (prisma/sqlite/migrations and
 * prisma/postgresql/migrations), by diffing the models of the last commit against the working
 * models. `prisma migrate dev` cannot run with the JavaScript schema engine on SQLite, so this is
 * how migrations are made here. Usage: npm run db:new-migration -- <name> [--from <git revision>]
 * (default HEAD: the models as last committed; on a feature branch pass the branch point).
 *
 * Prisma's diff for PostgreSQL connects to a server even for two schema files: it uses the
 * DATABASE_URL when that is postgres://..., or else starts a throwaway cluster
 * (src/dev/postgres-cluster.ts; needs Debian's `postgresql` package) and removes it afterwards.
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { DatabaseProvider, DatabaseTarget } from "../db/client.js";
import { migrationsDirFor, runPrismaCli, schemaDirFor } from "../db/migrations.js";
import { startPostgresCluster, type PostgresCluster } from "../dev/postgres-cluster.js";
import { projectRoot } from "../project-root.js";

const name = (process.argv[2] ?? "").trim();
const fromIndex = process.argv.indexOf("--from");
const fromRevision = fromIndex > 0 ? process.argv[fromIndex + 1] ?? "HEAD" : "HEAD";
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Gebruik: npm run db:new-migration -- <naam_in_snake_case>");
  process.exit(2);
}

/** The models as committed at the revision; before the models got their own folder they sat in prisma/schema.prisma. */
function readCommittedModels(): string | null {
  const show = (file: string) => execFileSync("git", ["show", `${fromRevision}:${file}`], { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  try {
    return show("prisma/models/models.prisma");
  } catch {
    try {
      return show("prisma/schema.prisma").replace(/^(generator|datasource) \w+ \{[\s\S]*?^\}/gm, "");
    } catch {
      return null;
    }
  }
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-migration-"));
const committedModels = readCommittedModels();

/** The provider's schema (generator and datasource as now) with the committed models. */
function writePreviousSchema(provider: DatabaseProvider): string {
  const dir = path.join(tmp, provider);
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(path.join(schemaDirFor(provider), "schema.prisma"), path.join(dir, "schema.prisma"));
  fs.writeFileSync(path.join(dir, "models.prisma"), committedModels ?? "");
  return dir;
}

async function diff(provider: DatabaseProvider, database: DatabaseTarget): Promise<string> {
  const from = committedModels === null ? ["--from-empty"] : ["--from-schema-datamodel", writePreviousSchema(provider)];
  const { stdout } = await runPrismaCli(["migrate", "diff", ...from, "--to-schema-datamodel", schemaDirFor(provider), "--script"], database);
  return stdout;
}

let cluster: PostgresCluster | null = null;
let failure: unknown = null;
const scripts = new Map<DatabaseProvider, string>();
try {
  scripts.set("sqlite", await diff("sqlite", { provider: "sqlite", path: path.join(tmp, "unused.db") }));
  const given = process.env.DATABASE_URL ?? "";
  let url = given;
  if (!/^postgres(ql)?:\/\//.test(given)) {
    cluster = await startPostgresCluster();
    url = cluster.url();
  }
  scripts.set("postgresql", await diff("postgresql", { provider: "postgresql", url }));
} catch (error) {
  failure = error;
} finally {
  cluster?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
if (failure) {
  console.error(failure instanceof Error ? failure.message : String(failure));
  process.exit(1);
}

const changed = [...scripts].filter(([, sql]) => /\b(CREATE|ALTER|DROP)\b/.test(sql));
if (changed.length === 0) {
  console.log(`Geen verschil tussen ${fromRevision} en prisma/models: geen migratie geschreven.`);
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
for (const [provider, sql] of changed) {
  const dir = path.join(migrationsDirFor(provider), `${stamp}_${name}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "migration.sql"), sql);
  const lock = path.join(migrationsDirFor(provider), "migration_lock.toml");
  if (!fs.existsSync(lock)) fs.writeFileSync(lock, `provider = "${provider}"\n`);
  console.log(`Migratie geschreven: ${path.relative(projectRoot, dir)}/migration.sql`);
}
if (changed.length === 1) console.warn(`Let op: alleen voor ${changed[0]![0]} een verschil gevonden; controleer de andere provider.`);
