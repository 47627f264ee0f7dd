import fs from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { assertNoSealViolations, isLoopbackHost, NETWORK_SEALED, takeSealViolations } from "../support/network-seal.js";

/** The setupFile tests/support/network-seal.ts: no test reaches beyond loopback. */

function connectError(socket: net.Socket): Promise<NodeJS.ErrnoException> {
  return new Promise((resolve, reject) => {
    socket.once("connect", () => reject(new Error("connected")));
    socket.once("error", resolve);
  });
}

describe("the network seal of the test suite", () => {
  it("refuses a TCP connection to 10.255.255.1 with a clear error, without attempting it", async () => {
    const socket = net.connect({ host: "10.255.255.1", port: 443 });
    // A real attempt would be under way now; the sealed socket never starts one.
    expect(socket.connecting).toBe(false);
    const error = await connectError(socket);
    expect(error.code).toBe(NETWORK_SEALED);
    expect(error.message).toContain("10.255.255.1:443 geweigerd, alleen loopback");
    expect(takeSealViolations().map((v) => v.target)).toEqual(["10.255.255.1:443"]);
  });

  it("refuses example.org before any DNS lookup, through net, tls, https and fetch", async () => {
    const lookups: string[] = [];
    const lookup = ((hostname: string, _options: unknown, callback: (e: Error | null, address: string, family: number) => void) => {
      lookups.push(hostname);
      callback(null, "93.184.215.14", 4);
    }) as net.LookupFunction;
    expect((await connectError(net.connect({ host: "example.org", port: 80, lookup }))).code).toBe(NETWORK_SEALED);
    expect((await connectError(tls.connect({ host: "example.org", port: 443, lookup }))).code).toBe(NETWORK_SEALED);
    const viaHttps = await new Promise<NodeJS.ErrnoException>((resolve) => https.get("https://example.org/", { lookup }).once("error", resolve));
    expect(viaHttps.code).toBe(NETWORK_SEALED);
    const viaFetch = await fetch("http://example.org/").catch((e: Error) => e);
    expect(viaFetch).toBeInstanceOf(Error);
    expect(((viaFetch as Error).cause as NodeJS.ErrnoException).code).toBe(NETWORK_SEALED);
    expect(lookups).toEqual([]);
    expect(takeSealViolations().map((v) => v.target)).toEqual(["example.org:80", "example.org:443", "example.org:443", "example.org:80"]);
  });

  it("fails the test that made a refused connection, even when the code under test swallowed the error", async () => {
    await fetch("https://login.microsoftonline.com/").catch(() => undefined);
    expect(() => assertNoSealViolations()).toThrow(/probeerde het netwerk buiten loopback te bereiken \(login\.microsoftonline\.com:443\)/);
    // The check consumed the violation: this test itself ends clean.
    expect(takeSealViolations()).toEqual([]);
  });

  it("lets loopback (127.0.0.1, ::1, localhost) and Unix sockets through", async () => {
    const server = http.createServer((_req, res) => res.end("ok"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as net.AddressInfo;
    const socketPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "aanjager-seal-")), "s.sock");
    const unix = http.createServer((_req, res) => res.end("unix"));
    await new Promise<void>((resolve) => unix.listen(socketPath, resolve));
    try {
      expect(await (await fetch(`http://127.0.0.1:${port}/`)).text()).toBe("ok");
      expect(await (await fetch(`http://localhost:${port}/`)).text()).toBe("ok");
      const viaUnix = await new Promise<string>((resolve, reject) =>
        http.get({ socketPath, path: "/" }, (res) => {
          let body = "";
          res.on("data", (c: Buffer) => (body += c.toString()));
          res.on("end", () => resolve(body));
        }).once("error", reject),
      );
      expect(viaUnix).toBe("unix");
    } finally {
      server.close();
      unix.close();
    }
    expect(["127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1", "::ffff:127.0.0.1", "localhost", "bot.localhost"].every(isLoopbackHost)).toBe(true);
    expect(["10.255.255.1", "::ffff:10.0.0.1", "example.org", "localhost.example.org", "0.0.0.0", "::"].some(isLoopbackHost)).toBe(false);
    expect(takeSealViolations()).toEqual([]);
  });
});
