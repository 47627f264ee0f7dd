import fs from "node:fs";
import path from "node:path";

const dir = path.resolve(import.meta.dirname, "..", "fixtures", "activities");

type Json = Record<string, any>;

function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    out[key] = value && typeof value === "object" && !Array.isArray(value) && typeof base[key] === "object" ? merge(base[key], value) : value;
  }
  return out;
}

/**
 * A recorded Teams activity from tests/fixtures/activities, pointed at the mock connector and
 * optionally patched (e.g. another user or text).
 */
export function loadActivity(name: string, serviceUrl: string, patch: Json = {}): Json {
  const activity = JSON.parse(fs.readFileSync(path.join(dir, `${name}.json`), "utf8")) as Json;
  return merge({ ...activity, serviceUrl }, patch);
}
