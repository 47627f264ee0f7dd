// Lint configuration (kept under tests/ because the client fixed the top-level layout).
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export default tseslint.config(
  { basePath: root, ignores: ["node_modules/**", "src/generated/**", "dist/**", "data/**", "devTools/**", "test-results/**", "coverage/**"] },
  { basePath: root, files: ["**/*.ts", "**/*.mjs", "**/*.js"], extends: [js.configs.recommended, ...tseslint.configs.recommended] },
  {
    basePath: root,
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-non-null-assertion": "off",
    },
  },
  {
    // Only src/db talks to Prisma; only the scheduler imports node-cron.
    basePath: root,
    files: ["src/**/*.ts"],
    ignores: ["src/db/**", "src/generated/**", "src/jobs/scheduler.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@prisma/*", "**/generated/prisma/*"], message: "Only src/db imports Prisma." }, { group: ["node-cron"], message: "Only src/jobs/scheduler.ts imports node-cron." }] }],
    },
  },
  {
    // The domain is pure: no I/O, no frameworks, no database.
    basePath: root,
    files: ["src/domain/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["node:fs", "node:fs/*", "fs", "fs/*", "botbuilder", "botbuilder-*", "@microsoft/*", "node-cron", "@prisma/*", "**/generated/**", "**/db/*"], message: "src/domain is pure: pass data in, no I/O or frameworks." }] }],
    },
  },
  {
    // Services return data; src/cards renders it (a handler renders its answer, a job hands the
    // service a renderer). The Prisma and node-cron rules above are repeated: a later block's
    // options replace an earlier block's for the same rule.
    basePath: root,
    files: ["src/services/**/*.ts"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ group: ["@prisma/*", "**/generated/prisma/*"], message: "Only src/db imports Prisma." }, { group: ["node-cron"], message: "Only src/jobs/scheduler.ts imports node-cron." }, { group: ["**/cards/*"], message: "Services return data; src/cards renders it." }] }],
    },
  },
  {
    // Cards render the services' view types; they call no service.
    basePath: root,
    files: ["src/cards/**/*.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [{ group: ["**/services/**"], allowTypeImports: true, message: "Cards import only the services' view types (import type)." }] }],
    },
  },
  // Tests handle raw Teams payloads (untyped JSON) on purpose.
  { basePath: root, files: ["tests/**/*.ts"], rules: { "@typescript-eslint/no-explicit-any": "off" } },
  { basePath: root, files: ["**/*.mjs", "**/*.js"], languageOptions: { globals: { console: "readonly", process: "readonly" } } },
);
