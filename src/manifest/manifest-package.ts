/**
 * Teams app manifest: placeholder rendering, offline validation and packaging.
 *
 * manifest/manifest.json contains Teams Toolkit style placeholders (`${{TEAMS_APP_ID}}`,
 * `${{BOT_ID}}`, `${{BOT_DOMAIN}}`). They are substituted first; validation always runs on
 * the substituted manifest, and the app package (zip) is only written when it is valid.
 *
 * Schema validation uses the JSON schemas bundled with @microsoft/app-manifest, loaded from
 * disk: it never goes to the network (ManifestUtil.validateManifest would, and fails offline).
 */
import { existsSync, readFileSync } from "node:fs";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { inflateSync } from "node:zlib";
import type { AppManifest } from "@microsoft/app-manifest";
import { AppError } from "../errors.js";

/**
 * The schema validator and the zip writer are development dependencies, loaded only by the
 * manifest commands: every other CLI call starts without them (about 250 modules), and a
 * production install, which lacks them, says what to do instead of failing on start.
 */
async function loadManifestTool<M>(name: string, load: () => Promise<M>): Promise<M> {
  try {
    return await load();
  } catch (error) {
    throw missingManifestTool(name, error);
  }
}

function missingManifestTool(name: string, cause: unknown): AppError {
  return new AppError("MANIFEST_INVALID", `${name} ontbreekt: het Teams-app-pakket maak je in een ontwikkelinstallatie (npm ci, dan npm run package)`, { cause });
}

export const PACKAGE_FILE_NAME = "aanjager-teams-app.zip";
export const NIL_GUID = "00000000-0000-0000-0000-000000000000";

/** Exact icon sizes Teams requires. */
const ICON_SIZES = { color: 192, outline: 32, color32x32: 32 } as const;
/**
 * Teams limits for bot command lists. The JSON schema is looser (v1.30: 12 commands, title
 * up to 128 characters), but Teams documents and enforces 10 commands and 32-character titles.
 */
export const MAX_COMMANDS_PER_LIST = 10;
export const MAX_COMMAND_TITLE_LENGTH = 32;
export const MAX_COMMAND_DESCRIPTION_LENGTH = 128;

const PLACEHOLDER = /\$\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

// ---------------------------------------------------------------------------
// Variables and rendering
// ---------------------------------------------------------------------------

export interface ManifestVarOptions {
  /**
   * Local packaging only: fill TEAMS_APP_ID and BOT_ID with the nil GUID when they are not
   * set. Without this, missing IDs are an error.
   */
  allowPlaceholders?: boolean;
}

/**
 * Builds the variables for the manifest placeholders from `source` (normally process.env),
 * applying the defaults: BOT_DOMAIN = "localhost"; TEAMS_APP_ID / BOT_ID = nil GUID only with
 * `allowPlaceholders`. Empty strings count as "not set".
 */
export function resolveManifestVars(
  source: Record<string, string | undefined> = process.env,
  options: ManifestVarOptions = {},
): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === "string" && value !== "") vars[key] = value;
  }
  vars.BOT_DOMAIN ??= "localhost";
  if (options.allowPlaceholders) {
    vars.TEAMS_APP_ID ??= NIL_GUID;
    vars.BOT_ID ??= NIL_GUID;
  }
  return vars;
}

function substitute(value: Json, vars: Record<string, string>, missing: Set<string>): Json {
  if (typeof value === "string") {
    return value.replace(PLACEHOLDER, (match, name: string) => {
      const replacement = vars[name];
      if (replacement === undefined || replacement === "") {
        missing.add(name);
        return match;
      }
      return replacement;
    });
  }
  if (Array.isArray(value)) return value.map((item) => substitute(item, vars, missing));
  if (value !== null && typeof value === "object") {
    const out: { [key: string]: Json } = {};
    for (const [key, item] of Object.entries(value)) out[key] = substitute(item, vars, missing);
    return out;
  }
  return value;
}

/**
 * Reads `<manifestDir>/manifest.json` and replaces every `${{NAME}}` placeholder with
 * `vars[NAME]`. Throws an Error naming the variable(s) that are not provided.
 */
export function renderManifest(manifestDir: string, vars: Record<string, string>): object {
  const file = path.join(manifestDir, "manifest.json");
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  let parsed: Json;
  try {
    parsed = JSON.parse(text) as Json;
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const missing = new Set<string>();
  const rendered = substitute(parsed, vars, missing);
  if (missing.size > 0) {
    const names = [...missing].sort();
    throw new Error(
      `Manifest variable${names.length > 1 ? "s" : ""} not set: ${names.join(", ")} ` +
        `(used as ${names.map((n) => "${{" + n + "}}").join(", ")} in ${file}; set ${names.length > 1 ? "them" : "it"} in the environment)`,
    );
  }
  if (rendered === null || typeof rendered !== "object" || Array.isArray(rendered)) {
    throw new Error(`${file} must contain a JSON object`);
  }
  return rendered;
}

// ---------------------------------------------------------------------------
// PNG inspection
// ---------------------------------------------------------------------------

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export interface PngInfo {
  width: number;
  height: number;
  bitDepth: number;
  colorType: number;
  interlace: number;
  hasTransparencyChunk: boolean;
}

/** Reads the IHDR of a PNG. Returns undefined when `data` is not a PNG. */
export function readPngInfo(data: Buffer): PngInfo | undefined {
  if (data.length < 33 || !data.subarray(0, 8).equals(PNG_SIGNATURE)) return undefined;
  if (data.toString("ascii", 12, 16) !== "IHDR") return undefined;
  let hasTransparencyChunk = false;
  for (const c of pngChunks(data)) if (c.type === "tRNS") hasTransparencyChunk = true;
  return {
    width: data.readUInt32BE(16),
    height: data.readUInt32BE(20),
    bitDepth: data[24]!,
    colorType: data[25]!,
    interlace: data[28]!,
    hasTransparencyChunk,
  };
}

function* pngChunks(data: Buffer): Generator<{ type: string; body: Buffer }> {
  let pos = 8;
  while (pos + 8 <= data.length) {
    const length = data.readUInt32BE(pos);
    const type = data.toString("ascii", pos + 4, pos + 8);
    const end = pos + 8 + length;
    if (end + 4 > data.length) return;
    yield { type, body: data.subarray(pos + 8, end) };
    if (type === "IEND") return;
    pos = end + 4;
  }
}

/**
 * Decodes a non-interlaced 8-bit RGBA PNG to raw pixels (all five scanline filters).
 * Returns undefined for other PNG flavours.
 */
function decodeRgba8(data: Buffer, info: PngInfo): Uint8Array | undefined {
  if (info.bitDepth !== 8 || info.colorType !== 6 || info.interlace !== 0) return undefined;
  const idat = Buffer.concat([...pngChunks(data)].filter((c) => c.type === "IDAT").map((c) => c.body));
  const raw = inflateSync(idat);
  const bpp = 4;
  const stride = info.width * bpp;
  if (raw.length < (stride + 1) * info.height) return undefined;
  const out = new Uint8Array(stride * info.height);
  for (let y = 0; y < info.height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? out[row + x - bpp]! : 0;
      const b = y > 0 ? out[row - stride + x]! : 0;
      const c = x >= bpp && y > 0 ? out[row - stride + x - bpp]! : 0;
      let predictor: number;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = a; break;
        case 2: predictor = b; break;
        case 3: predictor = (a + b) >> 1; break;
        case 4: {
          const p = a + b - c;
          const pa = Math.abs(p - a);
          const pb = Math.abs(p - b);
          const pc = Math.abs(p - c);
          predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: return undefined;
      }
      out[row + x] = (raw[src + x]! + predictor) & 0xff;
    }
  }
  return out;
}

async function checkIcon(
  manifestDir: string,
  key: keyof typeof ICON_SIZES,
  relPath: unknown,
  problems: string[],
): Promise<void> {
  if (relPath === undefined) return; // a missing required icon is reported by the schema
  if (typeof relPath !== "string" || relPath === "") {
    problems.push(`icons.${key} must be a file name`);
    return;
  }
  if (relPath !== path.basename(relPath) || relPath.includes("\\")) {
    problems.push(
      `icons.${key} "${relPath}" must be a plain file name: the app package puts icons at the zip root`,
    );
    return;
  }
  const file = path.join(manifestDir, relPath);
  if (!existsSync(file)) {
    problems.push(`icons.${key}: file ${relPath} does not exist in ${manifestDir}`);
    return;
  }
  const data = await readFile(file);
  const info = readPngInfo(data);
  if (!info) {
    problems.push(`icons.${key}: ${relPath} is not a PNG file`);
    return;
  }
  const size = ICON_SIZES[key];
  if (info.width !== size || info.height !== size) {
    problems.push(
      `icons.${key}: ${relPath} is ${info.width}x${info.height}, Teams requires exactly ${size}x${size}`,
    );
  }
  if (key === "outline") {
    const hasAlpha = info.colorType === 4 || info.colorType === 6 || info.hasTransparencyChunk;
    if (!hasAlpha) {
      problems.push(`icons.outline: ${relPath} has no transparency; Teams requires white on a transparent background`);
      return;
    }
    const pixels = decodeRgba8(data, info);
    if (pixels) {
      let offending = 0;
      for (let i = 0; i < pixels.length; i += 4) {
        if (pixels[i + 3]! > 0 && (pixels[i]! < 250 || pixels[i + 1]! < 250 || pixels[i + 2]! < 250)) offending++;
      }
      if (offending > 0) {
        problems.push(
          `icons.outline: ${relPath} has ${offending} visible non-white pixel(s); Teams requires white on a transparent background`,
        );
      }
    }
  }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

function findAppManifestDir(): string {
  try {
    return path.dirname(createRequire(import.meta.url).resolve("@microsoft/app-manifest"));
  } catch (error) {
    throw missingManifestTool("@microsoft/app-manifest", error);
  }
}
const schemaCache = new Map<string, object>();

/**
 * Maps a manifest `$schema` URL to the schema file bundled in @microsoft/app-manifest
 * (build/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json). Undefined when not bundled.
 */
export function bundledSchemaPath(schemaUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(schemaUrl);
  } catch {
    return undefined;
  }
  if (url.hostname !== "developer.microsoft.com") return undefined;
  const match = /^(?:\/[a-z]{2}(?:-[a-z]{2})?)?\/json-schemas\/(teams\/[^/]+\/[^/]+\.json)$/i.exec(url.pathname);
  if (!match?.[1]) return undefined;
  const file = path.join(findAppManifestDir(), "json-schemas", ...match[1].split("/"));
  return existsSync(file) ? file : undefined;
}

async function loadBundledSchema(file: string): Promise<object> {
  const cached = schemaCache.get(file);
  if (cached) return cached;
  // Same clean-up as AppManifestUtils.fetchSchema: some schemas contain \a and \v escapes.
  const raw = (await readFile(file, "utf8")).replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b");
  const schema = JSON.parse(raw) as object;
  schemaCache.set(file, schema);
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function findUnresolvedPlaceholders(value: unknown, at: string, found: string[]): void {
  if (typeof value === "string") {
    if (value.includes("${{")) found.push(`${at || "/"}: unresolved placeholder in "${value}"`);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => findUnresolvedPlaceholders(item, `${at}/${i}`, found));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) findUnresolvedPlaceholders(item, `${at}/${key}`, found);
  }
}

function checkBots(manifest: Record<string, unknown>, problems: string[]): void {
  const bots = manifest.bots;
  if (!Array.isArray(bots)) return;
  bots.forEach((bot: unknown, b) => {
    if (!isRecord(bot)) return;
    const botScopes = new Set(Array.isArray(bot.scopes) ? bot.scopes.filter((s): s is string => typeof s === "string") : []);
    const lists = Array.isArray(bot.commandLists) ? bot.commandLists : [];
    const scopeOwner = new Map<string, number>();
    lists.forEach((list: unknown, l) => {
      if (!isRecord(list)) return;
      const where = `bots[${b}].commandLists[${l}]`;
      const scopes = Array.isArray(list.scopes) ? list.scopes.filter((s): s is string => typeof s === "string") : [];
      for (const scope of scopes) {
        if (!botScopes.has(scope)) {
          problems.push(`${where}: scope "${scope}" is not one of the bot's scopes (${[...botScopes].join(", ") || "none"})`);
        }
        const owner = scopeOwner.get(scope);
        if (owner !== undefined) {
          problems.push(`${where}: scope "${scope}" already has a command list (bots[${b}].commandLists[${owner}]); use one list per scope`);
        } else {
          scopeOwner.set(scope, l);
        }
      }
      const commands = Array.isArray(list.commands) ? list.commands : [];
      if (commands.length > MAX_COMMANDS_PER_LIST) {
        problems.push(`${where}: ${commands.length} commands, Teams allows at most ${MAX_COMMANDS_PER_LIST} per command list`);
      }
      const seen = new Set<string>();
      commands.forEach((command: unknown, c) => {
        if (!isRecord(command)) return;
        const title = command.title;
        if (typeof title !== "string") return; // reported by the schema
        if (title.trim() === "") problems.push(`${where}.commands[${c}]: title is empty`);
        if (title.length > MAX_COMMAND_TITLE_LENGTH) {
          problems.push(
            `${where}.commands[${c}]: title "${title}" is ${title.length} characters, Teams allows at most ${MAX_COMMAND_TITLE_LENGTH}`,
          );
        }
        const key = title.trim().toLowerCase();
        if (seen.has(key)) problems.push(`${where}.commands[${c}]: duplicate command title "${title}"`);
        seen.add(key);
        const description = command.description;
        if (typeof description === "string" && description.length > MAX_COMMAND_DESCRIPTION_LENGTH) {
          problems.push(
            `${where}.commands[${c}]: description of "${title}" is ${description.length} characters, Teams allows at most ${MAX_COMMAND_DESCRIPTION_LENGTH}`,
          );
        }
      });
    });
  });
}

/**
 * Validates a (substituted) manifest: JSON schema of its manifestVersion (offline, bundled
 * in @microsoft/app-manifest) plus our own checks. Returns human-readable problems; an empty
 * list means valid.
 */
export async function validateManifest(manifest: object, manifestDir: string): Promise<string[]> {
  const problems: string[] = [];
  if (!isRecord(manifest)) return ["manifest must be a JSON object"];

  // 1. Placeholders must have been substituted before validating.
  findUnresolvedPlaceholders(manifest, "", problems);

  // 2. JSON schema, strictly offline.
  const schemaUrl = manifest.$schema;
  if (typeof schemaUrl !== "string" || schemaUrl === "") {
    problems.push("$schema is missing: set it to the Teams schema URL of the manifestVersion");
  } else {
    const schemaFile = bundledSchemaPath(schemaUrl);
    if (!schemaFile) {
      problems.push(
        `$schema ${schemaUrl} is not bundled with @microsoft/app-manifest; cannot validate offline ` +
          `(use https://developer.microsoft.com/json-schemas/teams/vX.Y/MicrosoftTeams.schema.json with a bundled version)`,
      );
    } else {
      const schema = await loadBundledSchema(schemaFile);
      const { AppManifestUtils } = await loadManifestTool("@microsoft/app-manifest", () => import("@microsoft/app-manifest"));
      try {
        const errors = await AppManifestUtils.validateAgainstSchema(
          manifest as unknown as AppManifest,
          schema as Parameters<typeof AppManifestUtils.validateAgainstSchema>[1],
        );
        // Errors on the root object have an empty instancePath ("  must have required ...").
        for (const error of errors) problems.push(`schema: ${error.startsWith(" ") ? "(root)" : ""}${error}`);
      } catch (error) {
        problems.push(`schema: validation failed: ${(error as Error).message}`);
      }
    }
  }

  // 3. Our own checks (Teams rules the schema does not enforce, or enforces more loosely).
  const name = manifest.name;
  if (isRecord(name) && (typeof name.full !== "string" || name.full.trim() === "")) {
    problems.push("name.full is missing: Aanjager requires a full app name");
  }

  const icons = manifest.icons;
  if (isRecord(icons)) {
    for (const key of Object.keys(ICON_SIZES) as (keyof typeof ICON_SIZES)[]) {
      await checkIcon(manifestDir, key, icons[key], problems);
    }
  }

  checkBots(manifest, problems);

  const domains = manifest.validDomains;
  if (Array.isArray(domains)) {
    domains.forEach((domain: unknown, i) => {
      if (typeof domain !== "string") return;
      if (/^[a-z][a-z0-9+.-]*:\/\//i.test(domain) || domain.includes("/")) {
        problems.push(`validDomains[${i}]: "${domain}" must be a host name only, without protocol or path`);
      }
    });
  }

  return problems;
}

// ---------------------------------------------------------------------------
// Packaging
// ---------------------------------------------------------------------------

export interface PackageManifestOptions extends ManifestVarOptions {
  /** Directory holding manifest.json and the icons. */
  manifestDir: string;
  /** Output directory for the zip; default `<cwd>/dist`. */
  outDir?: string;
  /**
   * Placeholder values; default process.env. Defaults from {@link resolveManifestVars} are
   * applied on top (BOT_DOMAIN, and the nil GUIDs with `allowPlaceholders`).
   */
  vars?: Record<string, string | undefined>;
}

/**
 * Renders, validates and (only when valid) writes `<outDir>/aanjager-teams-app.zip` with
 * manifest.json, color.png and outline.png at the zip root. When invalid, no zip is written
 * and a stale zip from an earlier run is removed so it cannot be uploaded by mistake.
 * Throws (see {@link renderManifest}) when a placeholder variable is missing.
 */
export async function packageManifest(
  options: PackageManifestOptions,
): Promise<{ zipPath: string; problems: string[] }> {
  const outDir = path.resolve(options.outDir ?? path.join(process.cwd(), "dist"));
  const zipPath = path.join(outDir, PACKAGE_FILE_NAME);
  const vars = resolveManifestVars(options.vars ?? process.env, { allowPlaceholders: options.allowPlaceholders });
  const manifest = renderManifest(options.manifestDir, vars);
  const problems = await validateManifest(manifest, options.manifestDir);
  if (problems.length > 0) {
    await rm(zipPath, { force: true });
    return { zipPath, problems };
  }

  const icons = (manifest as { icons: Record<string, string> }).icons;
  const iconFiles = [...new Set(Object.values(icons))];
  // Fixed timestamp: the same input produces a byte-identical package.
  const date = new Date(Date.UTC(2024, 0, 1));
  const { default: JSZip } = await loadManifestTool("jszip", () => import("jszip"));
  const zip = new JSZip();
  zip.file("manifest.json", JSON.stringify(manifest, null, 2) + "\n", { date });
  for (const file of iconFiles) {
    zip.file(file, await readFile(path.join(options.manifestDir, file)), { date });
  }
  const content = await zip.generateAsync({
    type: "nodebuffer",
    compression: "DEFLATE",
    compressionOptions: { level: 9 },
  });
  await mkdir(outDir, { recursive: true });
  await writeFile(zipPath, content);
  return { zipPath, problems: [] };
}
