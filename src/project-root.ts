import fs from "node:fs";
import path from "node:path";

/**
 * The repository root (the folder with package.json). Code finds cards/, prisma/ and src/data/
 * from here, so it works the same run from src/ through tsx and compiled into dist/app/.
 */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

export const projectRoot = findProjectRoot(import.meta.dirname);
