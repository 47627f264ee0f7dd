/**
 * Writes a new migration by diffing the schema of the last commit against the working schema.
 * `prisma migrate dev` cannot run with the JavaScript schema engine on SQLite, so this is how
 * migrations are made here. Usage: npm run db:new-migration -- <name> [--from <git revision>]
 * (default HEAD: the schema as last committed; on a feature branch pass the branch point).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrationsDir, runPrismaCli } from "../db/migrations.js";
import { projectRoot } from "../project-root.js";

const name = (process.argv[2] ?? "").trim();
const fromIndex = process.argv.indexOf("--from");
const fromRevision = fromIndex > 0 ? process.argv[fromIndex + 1] ?? "HEAD" : "HEAD";
if (!/^[a-z0-9_]+$/.test(name)) {
  console.error("Gebruik: npm run db:new-migration -- <naam_in_snake_case>");
  process.exit(2);
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-migration-"));
const previous = path.join(tmp, "previous.prisma");
let from: string[];
try {
  const text = execFileSync("git", ["show", `${fromRevision}:prisma/schema.prisma`], { cwd: projectRoot, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  fs.writeFileSync(previous, text);
  from = ["--from-schema-datamodel", previous];
} catch {
  from = ["--from-empty"];
}
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
const { stdout } = await runPrismaCli(
  ["migrate", "diff", ...from, "--to-schema-datamodel", path.join(projectRoot, "prisma", "schema.prisma"), "--script"],
  path.join(tmp, "unused.db"),
);
if (!/\b(CREATE|ALTER|DROP)\b/.test(stdout)) {
  console.log("Geen verschil tussen HEAD en prisma/schema.prisma: geen migratie geschreven.");
  process.exit(0);
}
fs.mkdirSync(dir, { recursive: true });
fs.writeFileSync(path.join(dir, "migration.sql"), stdout);
const lock = path.join(migrationsDir, "migration_lock.toml");
if (!fs.existsSync(lock)) fs.writeFileSync(lock, 'provider = "sqlite"\n');
console.log(`Migratie geschreven: ${path.relative(projectRoot, dir)}/migration.sql`);
