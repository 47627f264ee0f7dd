/**
 * The PostgreSQL client, in a module of its own: `createDb` imports it only for a PostgreSQL
 * target, so the embedded SQLite bot does not load pg, its adapter and the second generated
 * client (about 6 MB of the idle bot's memory).
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient as PostgresPrismaClient } from "../generated/prisma-postgresql/client.js";
import type { Db } from "./client.js";

/** Connections per process: the pool is shared by turns, jobs and the dispatcher. */
const POSTGRES_POOL_SIZE = 10;

export function createPostgresDb(url: string): Db {
  // allowExitOnIdle: idle connections do not keep a finished CLI command (or test worker) alive.
  const pool = new pg.Pool({ connectionString: url, max: POSTGRES_POOL_SIZE, allowExitOnIdle: true });
  const client = new PostgresPrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
  // The app has one Db type, the SQLite client's. Both are generated from the same models
  // (prisma/models) and have the same delegates and methods at run time; PostgreSQL's types
  // are a superset (e.g. `mode: "insensitive"`), so code written against Db holds on both.
  return client as unknown as Db;
}
