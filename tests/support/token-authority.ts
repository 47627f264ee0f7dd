import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Bot Framework token authority: serves an OpenID configuration and a
 * signing key set on loopback, and signs JWTs the way the Bot Framework channel does (RS256,
 * issuer https://api.botframework.com, audience = the bot's app id, serviceurl claim).
 */
export const CHANNEL_ISSUER = "https://api.botframework.com";

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString("base64url");
}

export type TokenAuthority = {
  metadataUrl: string;
  sign: (claims: Record<string, unknown>, options?: { key?: crypto.KeyObject; kid?: string; alg?: string; unsigned?: boolean }) => string;
  /** A key pair the authority does NOT publish: tokens signed with it are forgeries. */
  foreignKey: crypto.KeyObject;
  /** "serve" answers; "hang" accepts the request and never answers (an outage that times out). */
  behaviour: "serve" | "hang";
  /** Requests received (metadata and key set), to count the fetches a bot makes. */
  requests: () => number;
  close: () => Promise<void>;
};

/**
 * An RSA key pair takes up to a second to generate on a busy machine, so the authorities of one
 * process share theirs (each still has its own server, behaviour and request count).
 */
let keyPairs: { signing: crypto.KeyPairKeyObjectResult; foreign: crypto.KeyPairKeyObjectResult } | null = null;

export async function startTokenAuthority(): Promise<TokenAuthority> {
  keyPairs ??= { signing: crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }), foreign: crypto.generateKeyPairSync("rsa", { modulusLength: 2048 }) };
  const { privateKey, publicKey } = keyPairs.signing;
  const foreign = keyPairs.foreign;
  const kid = "aanjager-test-key";
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, kty: "RSA", use: "sig", endorsements: ["msteams"] };

  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    if (authority.behaviour === "hang") return;
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    res.setHeader("content-type", "application/json");
    if (req.url === "/openidconfiguration") {
      res.end(JSON.stringify({ issuer: CHANNEL_ISSUER, jwks_uri: `${base}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    } else if (req.url === "/keys") {
      res.end(JSON.stringify({ keys: [jwk] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;

  const authority: TokenAuthority = {
    behaviour: "serve",
    metadataUrl: `http://127.0.0.1:${port}/openidconfiguration`,
    foreignKey: foreign.privateKey,
    sign(claims, options = {}) {
      const header = { alg: options.unsigned ? "none" : options.alg ?? "RS256", typ: "JWT", kid: options.kid ?? kid };
      const body = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
      if (options.unsigned) return `${body}.`;
      const signature = crypto.sign("RSA-SHA256", Buffer.from(body), options.key ?? privateKey);
      return `${body}.${base64url(signature)}`;
    },
    requests: () => requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Hanging requests would keep the server open.
        server.closeAllConnections();
      }),
  };
  return authority;
}

export const TEST_APP_ID = "11111111-2222-3333-4444-555555555555";
export const TEST_TENANT_ID = "00000000-0000-0000-0000-0000000000001";

/** The environment of a production bot that trusts the authority at `metadataUrl` (fetches bounded to 200 ms). */
export function productionEnv(metadataUrl: string): Record<string, string> {
  return {
    BOT_MODE: "production",
    MicrosoftAppId: TEST_APP_ID,
    MicrosoftAppPassword: "test-secret-not-used-offline",
    MicrosoftAppTenantId: TEST_TENANT_ID,
    BOT_OPENID_METADATA_URL: metadataUrl,
    AUTH_METADATA_TIMEOUT_MS: "200",
  };
}

/** The claims of a valid channel token for a bot whose connector is at `serviceUrl`. */
export function channelClaims(serviceUrl: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000);
  return { iss: CHANNEL_ISSUER, aud: TEST_APP_ID, serviceurl: serviceUrl, nbf: now - 60, iat: now - 60, exp: now + 3600, ...overrides };
}
