import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  test: {
    include: ["tests/**/*.test.ts"],
    // tests/postgresql/ needs the server that `npm run test:pg` starts (tests/vitest.pg.config.ts).
    exclude: ["tests/e2e/**", "tests/postgresql/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    // Only loopback: a test that reaches for the network fails (tests/support/network-seal.ts).
    setupFiles: ["tests/support/network-seal.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the outbox dispatcher; on a loaded CI machine 1 s (the default) was too short.
    expect: { poll: { timeout: 10_000 } },
    // Integration tests each get their own database file and ports; files run in parallel.
    // Forks, not threads: better-sqlite3 and Prisma's adapter are native and per process.
    pool: "forks",
    // The default (CPUs - 1) is one worker on a 2-core machine, so files ran one after another.
    // Measured on a busy 2-core machine (whole suite): 2 workers 7m39s, 3 workers 7m47s, 4 workers
    // 9m29s with two 30 s timeouts. The suite is more CPU-bound than it looks: 2 it is.
    maxWorkers: 2,
    // Files share their worker's module cache instead of importing botbuilder, teams-ai and Prisma
    // afresh each (quiet 2-core machine: 3m53 isolated, 2m21 shared). Safe because no test mocks
    // modules or changes globals it does not put back; the network seal installs itself once.
    isolate: false,
  },
});
