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
  close: () => Promise<void>;
};

export async function startTokenAuthority(): Promise<TokenAuthority> {
  const { privateKey, publicKey } = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const foreign = crypto.generateKeyPairSync("rsa", { modulusLength: 2048 });
  const kid = "aanjager-test-key";
  const jwk = { ...publicKey.export({ format: "jwk" }), kid, kty: "RSA", use: "sig", endorsements: ["msteams"] };

  const server = http.createServer((req, res) => {
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

  return {
    metadataUrl: `http://127.0.0.1:${port}/openidconfiguration`,
    foreignKey: foreign.privateKey,
    sign(claims, options = {}) {
      const header = { alg: options.unsigned ? "none" : options.alg ?? "RS256", typ: "JWT", kid: options.kid ?? kid };
      const body = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
      if (options.unsigned) return `${body}.`;
      const signature = crypto.sign("RSA-SHA256", Buffer.from(body), options.key ?? privateKey);
      return `${body}.${base64url(signature)}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
