/**
 * A throwaway PostgreSQL cluster in a temporary folder on a free loopback port, for the test
 * suite on PostgreSQL (`npm run test:pg`) and for writing PostgreSQL migrations offline
 * (`npm run db:new-migration`). It never uses a system service: it finds Debian's binaries
 * (/usr/lib/postgresql/N/bin, or PG_BIN), runs initdb and pg_ctl itself, and removes everything
 * on stop. Development tooling only: the bot itself connects to whatever DATABASE_URL names.
 */
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { findFreePort } from "./free-port.js";

export type PostgresCluster = {
  port: number;
  /** The connection URL of a database in this cluster (default `postgres`), as superuser. */
  url: (database?: string) => string;
  stop: () => void;
};

/** The folder with initdb and pg_ctl: PG_BIN, else the newest /usr/lib/postgresql/N/bin, else PATH. */
export function findPostgresBin(): string | null {
  const candidates: string[] = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const debian = "/usr/lib/postgresql";
  if (fs.existsSync(debian)) {
    const versions = fs.readdirSync(debian).filter((v) => /^\d+$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(debian, v, "bin")));
  }
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) if (dir) candidates.push(dir);
  return candidates.find((dir) => fs.existsSync(path.join(dir, "initdb")) && fs.existsSync(path.join(dir, "pg_ctl"))) ?? null;
}

/**
 * Starts a new cluster. initdb refuses to run as root, so as root the folder is handed to the
 * `postgres` user (Debian's package creates it) and the binaries run as that user.
 */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const bin = findPostgresBin();
  if (!bin) {
    throw new Error("PostgreSQL niet gevonden (initdb, pg_ctl): installeer Debian's pakket `postgresql` of zet PG_BIN op de map met de programma's.");
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-pg-"));
  const data = path.join(dir, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    fs.chmodSync(dir, 0o755);
    execFileSync("chown", ["postgres:postgres", dir]);
  }
  const run = (program: string, args: string[]) => {
    const [command, fullArgs] = asRoot ? ["runuser", ["-u", "postgres", "--", path.join(bin, program), ...args]] : [path.join(bin, program), args];
    const result = spawnSync(command, fullArgs, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
    if (result.status !== 0) throw new Error(`${program} ${args.join(" ")} failed (exit ${result.status}): ${result.stderr || result.stdout}`);
  };
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const port = await findFreePort();
  // A throwaway cluster: durability settings off (nothing here must survive a crash), enough
  // connections for test files that each open a pool or start the bot's processes.
  const options = [`-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300"].join(" ");
  run("pg_ctl", ["-D", data, "-o", options, "-l", path.join(dir, "server.log"), "-w", "-t", "60", "start"]);
  let stopped = false;
  return {
    port,
    url: (database = "postgres") => `postgresql://postgres@127.0.0.1:${port}/${database}`,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
