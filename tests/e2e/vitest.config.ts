import path from "node:path";
import { defineConfig } from "vitest/config";

/** Acceptance suite: the real bot and the Agents Playground, driven in headless Chromium. */
export default defineConfig({
  root: path.resolve(import.meta.dirname, "..", ".."),
  test: {
    include: ["tests/e2e/**/*.test.ts"],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // One playground at a time: the scenarios share ports and a browser.
    fileParallelism: false,
  },
});
