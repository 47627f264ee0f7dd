import net from "node:net";

/**
 * A port nobody listens on right now, for a process started in a test or benchmark. A fixed
 * port can be taken (most lie in the ephemeral range), and then the check for "ready" may be
 * answered by someone else.
 */
export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
