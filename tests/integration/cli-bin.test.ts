import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { formatAuthorizationMatrix } from "../../src/domain/authorization.js";
import { COMPOSED_FEATURES } from "../../src/features/index.js";

/**
 * The one place the CLI runs as its own process, as `npx aanjager` does: src/cli/bin.mjs loads
 * the compiled CLI when `npm run build` is current, else the TypeScript through tsx (the rule is
 * tested in tests/unit/cli-entry.test.ts), and turns runCli's result into the exit code. Every command's
 * behaviour is tested in-process (tests/support/cli.ts), which takes milliseconds, not seconds.
 */
const root = path.resolve(import.meta.dirname, "..", "..");
const exec = promisify(execFile);
const bin = (args: string[]) =>
  exec(process.execPath, [path.join(root, "src/cli/bin.mjs"), ...args], { cwd: root, env: { ...process.env, LOG_LEVEL: "silent" }, encoding: "utf8" }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );

describe("src/cli/bin.mjs (npx aanjager)", () => {
  it("starts, writes to stdout and stderr, and exits 0 on success and 2 on bad usage", async () => {
    const [ok, usage] = await Promise.all([bin(["rechten"]), bin(["onzin"])]);
    expect(ok).toEqual({ code: 0, stdout: formatAuthorizationMatrix(COMPOSED_FEATURES.authorization), stderr: "" });
    expect(usage.code).toBe(2);
    expect(usage.stdout).toBe("");
    expect(usage.stderr).toContain("error: unknown command 'onzin'");
  });
});
