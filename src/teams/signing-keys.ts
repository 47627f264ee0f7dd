import crypto from "node:crypto";
import { JwtTokenExtractor } from "botframework-connector/lib/auth/jwtTokenExtractor.js";
import { AppError } from "../errors.js";
import type { Logger } from "../logger.js";

/**
 * The Bot Framework's token signing keys, fetched with a time limit and kept through an outage.
 *
 * Why this replaces library behaviour: botframework-connector 4.23 fetches the OpenID metadata
 * and key set in its own OpenIdMetadata class, without a timeout (a hanging endpoint hangs every
 * request, each with its own fetch), again on every request while it has no keys, and after a day
 * it stops using working keys when the refresh fails (a 500 for every request). It has no option
 * for any of that. It does look the object up per metadata URL in one place,
 * JwtTokenExtractor's static `openIdMetadataCache` (private in the typings, a plain Map at
 * runtime), so that is the one seam we use: `installSigningKeyCaches` puts our cache there, with
 * OpenIdMetadata's contract (`getKey(keyId)` gives `{ key: PEM, endorsements }` or null).
 * Token verification itself (signature, issuer, audience, endorsements) stays botbuilder's.
 */

/** How long keys are used before they are fetched again (the library's default, a day). */
const REFRESH_AFTER_MS = 24 * 3_600_000;
/** An unknown key id fetches the key set again at most this often (the library's rule). */
const UNKNOWN_KEY_REFRESH_MS = 3_600_000;
/** After a failed fetch, no new attempt for this long: an outage costs one fetch, not one per request. */
const RETRY_AFTER_MS = 30_000;

/** No signing keys could be had (none cached and the authority did not answer): a 503, not a 401. */
export class SigningKeysUnavailableError extends AppError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super("SIGNING_KEYS_UNAVAILABLE", "Bot Framework signing keys are unavailable");
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

type Jwk = { kid?: unknown; kty?: unknown; n?: unknown; e?: unknown; endorsements?: unknown };
export type SigningKey = { key: string; endorsements?: string[] };
export type SigningKeyCache = { getKey(keyId: string | undefined): Promise<SigningKey | null> };

export type SigningKeyOptions = {
  metadataUrl: string;
  /** Bound on one refresh (metadata and key set together). */
  timeoutMs: number;
  logger: Logger;
  clock: () => Date;
};

async function fetchJson(url: string, signal: AbortSignal): Promise<Record<string, unknown>> {
  const res = await fetch(url, { signal, redirect: "error" });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  const body: unknown = await res.json();
  if (typeof body !== "object" || body === null) throw new Error("not a JSON object");
  return body as Record<string, unknown>;
}

/** The reason of a failed fetch, without the body of what answered. */
function describeFetchFailure(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  if (error.name === "TimeoutError" || error.name === "AbortError") return "timeout";
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === "string" ? cause.code : error.message.slice(0, 100);
}

function toSigningKey(jwk: Jwk): SigningKey | null {
  // As the library: only RSA keys (modulus and exponent) sign Bot Framework tokens.
  if (typeof jwk.n !== "string" || typeof jwk.e !== "string") return null;
  try {
    const key = crypto.createPublicKey({ key: { kty: "RSA", n: jwk.n, e: jwk.e }, format: "jwk" }).export({ type: "spki", format: "pem" }).toString();
    const endorsements = Array.isArray(jwk.endorsements) ? jwk.endorsements.filter((x): x is string => typeof x === "string") : undefined;
    return { key, ...(endorsements ? { endorsements } : {}) };
  } catch {
    return null;
  }
}

export function createSigningKeyCache(options: SigningKeyOptions): SigningKeyCache {
  const { metadataUrl, timeoutMs, logger, clock } = options;
  const now = () => clock().getTime();
  let keys: Map<string, SigningKey | null> | null = null;
  let fetchedAt = 0;
  let lastAttemptAt = Number.NEGATIVE_INFINITY;
  let failing = false;
  let inFlight: Promise<void> | null = null;

  async function fetchKeys(): Promise<void> {
    lastAttemptAt = now();
    try {
      const signal = AbortSignal.timeout(timeoutMs);
      const metadata = await fetchJson(metadataUrl, signal);
      if (typeof metadata.jwks_uri !== "string") throw new Error("metadata without jwks_uri");
      const set = await fetchJson(metadata.jwks_uri, signal);
      if (!Array.isArray(set.keys)) throw new Error("key set without keys");
      keys = new Map((set.keys as Jwk[]).filter((k) => typeof k?.kid === "string").map((k) => [k.kid as string, toSigningKey(k)]));
      fetchedAt = now();
      if (failing) logger.info({ metadataHost: new URL(metadataUrl).host, keys: keys.size }, "signing keys available again");
      failing = false;
    } catch (error) {
      // Once per outage: a flood of requests during an outage must not become a flood of logs.
      if (!failing) logger.error({ metadataHost: new URL(metadataUrl).host, reason: describeFetchFailure(error), timeoutMs, cachedKeys: keys?.size ?? 0 }, "signing keys unavailable");
      failing = true;
    }
  }

  /** One fetch at a time, and after a failure none until RETRY_AFTER_MS has passed. */
  function refresh(): Promise<void> {
    if (inFlight) return inFlight;
    if (now() - lastAttemptAt < RETRY_AFTER_MS) return Promise.resolve();
    const attempt = fetchKeys().finally(() => {
      if (inFlight === attempt) inFlight = null;
    });
    inFlight = attempt;
    return attempt;
  }

  const unavailable = () => new SigningKeysUnavailableError(Math.max(1, Math.ceil((lastAttemptAt + RETRY_AFTER_MS - now()) / 1000)));

  return {
    async getKey(keyId) {
      if (!keys) {
        await refresh();
        if (!keys) throw unavailable();
      } else if (now() - fetchedAt >= REFRESH_AFTER_MS) {
        // Due for a refresh: fetch in the background and answer with the keys we have.
        void refresh();
      }
      let key = keyId === undefined ? undefined : keys.get(keyId);
      if (key === undefined && keyId !== undefined && now() - fetchedAt >= UNKNOWN_KEY_REFRESH_MS) {
        await refresh();
        key = keys.get(keyId);
      }
      // An unknown key during an outage may be a new key we could not fetch: ask to retry later.
      if (key === undefined && failing) throw unavailable();
      return key ?? null;
    },
  };
}

/**
 * Makes botbuilder use our signing key caches for these metadata URLs (the channel's and the
 * emulator/skill one it also consults for tokens that claim such an issuer).
 */
export function installSigningKeyCaches(metadataUrls: string[], options: Omit<SigningKeyOptions, "metadataUrl">): void {
  const registry = (JwtTokenExtractor as unknown as { openIdMetadataCache?: unknown }).openIdMetadataCache;
  // A botbuilder upgrade that moves this seam must stop the start, not silently bring back unbounded fetches.
  if (!(registry instanceof Map)) throw new AppError("INTERNAL", "botframework-connector has no JwtTokenExtractor.openIdMetadataCache: check src/teams/signing-keys.ts after an upgrade");
  for (const metadataUrl of new Set(metadataUrls)) registry.set(metadataUrl, createSigningKeyCache({ ...options, metadataUrl }));
}
