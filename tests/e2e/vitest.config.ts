import path from "node:path";
import { defineConfig } from "vitest/config";

/** Acceptance suite: the real bot and the Agents Playground, driven in headless Chromium. */
export default defineConfig({
  root: path.resolve(import.meta.dirname, "..", ".."),
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // Every file starts its own stack (bot, playground, Chromium) on free ports, so files could run
    // side by side, but on the 2-core CI machines that was no faster (95 s against 78-92 s one at a
    // time, measured) and makes every wait less predictable.
    fileParallelism: false,
  },
});
