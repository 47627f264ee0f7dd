import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.resolve(import.meta.dirname, "..");

export default defineConfig({
  root,
  test: {
    include: ["tests/**/*.test.ts"],
    exclude: ["tests/e2e/**", "node_modules/**"],
    globalSetup: ["tests/support/global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // expect.poll waits for the outbox dispatcher; on a loaded CI machine 1 s (the default) was too short.
    expect: { poll: { timeout: 10_000 } },
    // Integration tests each get their own database file and ports; files run in parallel.
    pool: "forks",
  },
});
