import { runCli } from "../../src/cli/main.js";

export type CliResult = { code: number; stdout: string; stderr: string };

/**
 * Runs `npx aanjager <args>` in this process: the same commander program that src/cli/bin.mjs
 * runs, with `env` on top of this process's environment (as a child would inherit it), the
 * output collected and the exit code returned. Starting a child through tsx took seconds.
 */
export async function runAanjagerCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const text = (chunk: string | Uint8Array) => (typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8"));
  const code = await runCli(args, {
    env: { ...process.env, ...env },
    stdout: (chunk) => void (stdout += text(chunk)),
    stderr: (chunk) => void (stderr += text(chunk)),
  });
  return { code, stdout, stderr };
}
