import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { acquireServerLock } from "../../../src/db/server-lock.js";

describe("the SQLite server lock", () => {
  it("is taken on a first start whose database folder does not exist yet (the migration that creates it comes after)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-lock-"));
    try {
      const lock = acquireServerLock(path.join(root, "data", "aanjager.db"));
      expect(fs.existsSync(lock.path)).toBe(true);
      expect(() => acquireServerLock(path.join(root, "data", "aanjager.db"))).toThrow(/Er draait al een Aanjager-server/);
      lock.release();
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
