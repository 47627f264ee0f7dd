import net from "node:net";
import { afterAll, afterEach } from "vitest";

/**
 * Seals the test process off from the network: a connection to anything but loopback
 * (127.0.0.0/8, ::1, localhost) or a Unix socket is refused before it is attempted (no DNS
 * lookup, no packet), and the test that made it fails, even where the code under test
 * catches the error (a delivery retry, a fallback). Loaded as a vitest setupFile.
 *
 * Everything that opens a TCP or TLS connection in Node (net.connect, tls.connect,
 * http(s).request, the global fetch, whose undici calls net.connect) ends up in
 * net.Socket.prototype.connect, so that one method is the gate.
 */

export const NETWORK_SEALED = "ERR_NETWORK_SEALED";

type Target = { kind: "unix"; path: string } | { kind: "tcp"; host: string; port: unknown };

/** Where a Socket#connect call goes, from any of its argument forms. */
export function describeConnectTarget(args: unknown[]): Target {
  // net.connect passes its already normalized [options, callback] array.
  const first = Array.isArray(args[0]) ? args[0][0] : args[0];
  if (first !== null && typeof first === "object") {
    const options = first as { path?: string; host?: string; hostname?: string; port?: unknown };
    if (typeof options.path === "string" && options.path !== "") return { kind: "unix", path: options.path };
    return { kind: "tcp", host: options.host ?? options.hostname ?? "localhost", port: options.port };
  }
  if (typeof first === "string" && !/^\d+$/.test(first)) return { kind: "unix", path: first };
  return { kind: "tcp", host: typeof args[1] === "string" ? args[1] : "localhost", port: first };
}

const LOOPBACK = new net.BlockList();
LOOPBACK.addSubnet("127.0.0.0", 8, "ipv4");
LOOPBACK.addAddress("::1", "ipv6");

/** Loopback only: 127.0.0.0/8, ::1 (also written out or IPv4-mapped), localhost and *.localhost (RFC 6761). */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost")) return true;
  const family = net.isIP(h);
  return family !== 0 && LOOPBACK.check(h, family === 6 ? "ipv6" : "ipv4");
}

export type SealViolation = { target: string; stack: string };
/**
 * Test files share a worker without isolation (tests/vitest.config.ts), and vitest evaluates a
 * setupFile again for every file: the original connect and the violations live on the process,
 * so the seal is installed once instead of wrapping itself once per file.
 */
type SealState = { originalConnect: typeof net.Socket.prototype.connect; violations: SealViolation[] };
const SEAL_STATE = Symbol.for("aanjager.tests.networkSeal");
const globalState = globalThis as typeof globalThis & { [SEAL_STATE]?: SealState };
const state: SealState = (globalState[SEAL_STATE] ??= { originalConnect: net.Socket.prototype.connect, violations: [] });
const { originalConnect, violations } = state;

function sealedConnect(this: net.Socket, ...args: unknown[]): net.Socket {
  const target = describeConnectTarget(args);
  if (target.kind === "unix" || isLoopbackHost(target.host)) return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  const where = `${target.host}:${String(target.port)}`;
  const error = Object.assign(new Error(`Netwerk afgesloten in tests: verbinding naar ${where} geweigerd, alleen loopback (127.0.0.1, ::1, localhost) mag (outbound connection refused, never attempted)`), { code: NETWORK_SEALED });
  violations.push({ target: where, stack: error.stack ?? "" });
  // Fail the way a refused connection does (an 'error' event, asynchronously), so callers that
  // handle network errors see one; the afterEach below still fails the test.
  process.nextTick(() => this.destroy(error));
  return this;
}

net.Socket.prototype.connect = sealedConnect as typeof net.Socket.prototype.connect;

/** The refused connections since the last call (for the test that proves the seal). */
export function takeSealViolations(): SealViolation[] {
  return violations.splice(0);
}

/** Throws (failing the running test) if a connection was refused since the last check. */
export function assertNoSealViolations(): void {
  const found = takeSealViolations();
  if (found.length > 0) {
    throw new Error(`Deze test probeerde het netwerk buiten loopback te bereiken (${found.map((v) => v.target).join(", ")}):\n${found[0]!.stack}`);
  }
}

afterEach(assertNoSealViolations);
afterAll(assertNoSealViolations);
