/**
 * `npm run release`: a self-contained folder and tarball that runs with `node` alone on a machine
 * without this repository, npm or a compiler (docs/deploy.md). Run after `npm run build` (the npm
 * script does both). `--out DIR` writes somewhere else than dist/release (the packaging test).
 *
 * The production dependencies are copied from node_modules, chosen by package-lock.json (every
 * package not marked dev), rather than installed with `npm ci --omit=dev`: that install needs the
 * registry, rebuilds better-sqlite3 from source (its prebuilt download is unreachable here), and
 * fails without the development dependency rimraf (botbuilder-dialogs' postinstall runs
 * `npx rimraf`). The copy holds exactly the versions the tests ran against, with the native module
 * already built for this platform: build the release on the same OS and Node major as the host
 * (Linux x64, Node 20 for Azure App Service).
 */
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { projectRoot } from "../project-root.js";

type LockPackage = { version?: string; dev?: boolean; devOptional?: boolean; link?: boolean };
type PackageJson = { name: string; version: string; description?: string; type?: string; engines?: Record<string, string>; dependencies: Record<string, string>; scripts: Record<string, string> };

// What the running bot and its CLI read from the repository (besides dist/app and node_modules).
// prisma/ holds relative links (prisma/<provider>/models -> ../models), copied as they are.
const PROJECT_FILES = ["cards", "prisma", "src/data", "src/cli/bin.mjs", "src/cli/cli-entry.mjs", "manifest", "docs/deploy.md", "README.md"];

// Not needed to run: source maps, type declarations and package documentation (about a third of the bytes).
const SKIPPED_FILE = /(\.map|\.d\.ts|\.d\.mts|\.d\.cts|\.md|\.markdown)$/i;

/** better-sqlite3 keeps its C sources and build intermediates beside the one file it loads. */
function isNeededBetterSqliteFile(relative: string): boolean {
  const parts = relative.split(path.sep);
  if (parts[0] === "deps" || parts[0] === "src") return false;
  if (parts[0] === "build") return parts.length === 1 || (parts[1] === "Release" && (parts.length === 2 || parts[2]!.endsWith(".node")));
  return true;
}

function listProductionPackages(root: string): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as { packages: Record<string, LockPackage> };
  return Object.entries(lock.packages)
    .filter(([key, entry]) => key.startsWith("node_modules/") && !entry.dev && !entry.devOptional && !entry.link)
    .map(([key]) => key)
    .filter((key) => fs.existsSync(path.join(root, key))) // optional packages for other platforms are not installed
    .sort();
}

function copyPackage(root: string, key: string, destRoot: string): void {
  const from = fs.realpathSync(path.join(root, key));
  const isBetterSqlite = key.endsWith("node_modules/better-sqlite3");
  fs.cpSync(from, path.join(destRoot, key), {
    recursive: true,
    dereference: true,
    filter: (source) => {
      const relative = path.relative(from, source);
      if (relative === "") return true;
      // Nested packages are entries of their own in the lock file (and may be dev-only).
      if (relative.split(path.sep)[0] === "node_modules" || relative.split(path.sep)[0] === ".bin") return false;
      if (isBetterSqlite && !isNeededBetterSqliteFile(relative)) return false;
      return !SKIPPED_FILE.test(path.basename(source)) || fs.statSync(source).isDirectory();
    },
  });
}

function writeReleasePackageJson(root: string, dest: string): void {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;
  const serveNode = pkg.scripts.serve!;
  const release = {
    name: pkg.name,
    version: pkg.version,
    private: true,
    description: pkg.description,
    type: pkg.type,
    engines: pkg.engines,
    bin: { aanjager: "src/cli/bin.mjs" },
    // No install step and no build: `npm start` is the same node command as `npm run serve`.
    scripts: { start: serveNode, "db:migrate": "node src/cli/bin.mjs db migrate" },
    dependencies: pkg.dependencies,
  };
  fs.writeFileSync(path.join(dest, "package.json"), `${JSON.stringify(release, null, 2)}\n`);
}

export function buildRelease(options: { root?: string; outDir?: string } = {}): { folder: string; tarball: string } {
  const root = options.root ?? projectRoot;
  if (!fs.existsSync(path.join(root, "dist", "app", "main.js"))) throw new Error("dist/app ontbreekt: draai eerst npm run build");
  const pkg = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as PackageJson;
  const outDir = path.resolve(options.outDir ?? path.join(root, "dist", "release"));
  const name = `${pkg.name}-${pkg.version}`;
  const folder = path.join(outDir, name);
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(folder, { recursive: true });

  fs.cpSync(path.join(root, "dist", "app"), path.join(folder, "dist", "app"), { recursive: true });
  for (const file of PROJECT_FILES) {
    if (fs.existsSync(path.join(root, file))) fs.cpSync(path.join(root, file), path.join(folder, file), { recursive: true, verbatimSymlinks: true });
  }
  writeReleasePackageJson(root, folder);
  fs.copyFileSync(path.join(root, "package-lock.json"), path.join(folder, "package-lock.json"));
  const packages = listProductionPackages(root);
  for (const key of packages) copyPackage(root, key, folder);

  const tarball = path.join(outDir, `${name}.tar.gz`);
  execFileSync("tar", ["-czf", tarball, "-C", outDir, name]);
  return { folder, tarball };
}

const isEntryPoint = process.argv[1] !== undefined && path.resolve(process.argv[1]) === path.resolve(import.meta.filename);
if (isEntryPoint) {
  const outIndex = process.argv.indexOf("--out");
  const started = Date.now();
  const { folder, tarball } = buildRelease({ outDir: outIndex > 0 ? process.argv[outIndex + 1] : undefined });
  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  const size = Number(execFileSync("du", ["-sb", folder], { encoding: "utf8" }).split("\t")[0]);
  console.log(`Release klaar in ${((Date.now() - started) / 1000).toFixed(0)} s:\n  map:     ${folder} (${mb(size)} MB)\n  tarball: ${tarball} (${mb(fs.statSync(tarball).size)} MB)\nStarten: tar -xzf ${path.basename(tarball)} && cd ${path.basename(folder)} && node src/cli/bin.mjs db migrate && npm start (of de node-opdracht uit package.json). Zie docs/deploy.md.`);
}
