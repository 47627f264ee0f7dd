import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Bot Framework Connector service that Teams hosts at an activity's
 * serviceUrl. It implements the REST calls the bot makes (send, reply, update and delete
 * activities, create conversations, get members) and records every request, so tests can
 * assert every outbound call.
 */
export type RecordedCall = {
  method: string;
  path: string;
  conversationId: string | null;
  activityId: string | null;
  body: any;
  at: number;
};

export type MockMember = { id: string; name: string; aadObjectId?: string; email?: string; userPrincipalName?: string };

export type FaultRule = (call: { method: string; path: string; body: any }) => { status: number; headers?: Record<string, string>; body?: unknown; delayMs?: number } | null;

export type MockConnector = {
  url: string;
  calls: RecordedCall[];
  /** Activities the bot sent (new messages and replies), in order. */
  sent: () => RecordedCall[];
  members: Map<string, MockMember>;
  faults: FaultRule[];
  reset: () => void;
  waitForSent: (count: number, timeoutMs?: number) => Promise<RecordedCall[]>;
  close: () => Promise<void>;
};

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

export async function startMockConnector(): Promise<MockConnector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, MockMember>();
  const faults: FaultRule[] = [];
  let activitySeq = 0;
  let conversationSeq = 0;

  const server = http.createServer(async (req, res) => {
    const raw = await readBody(req);
    const body = raw ? JSON.parse(raw) : undefined;
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(payload === undefined ? "" : JSON.stringify(payload));
    };
    for (const rule of faults) {
      const fault = rule({ method: req.method ?? "GET", path, body });
      if (fault) {
        if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
        calls.push({ method: req.method ?? "GET", path, conversationId: null, activityId: null, body: { fault: fault.status, request: body }, at: Date.now() });
        reply(fault.status, fault.body ?? { error: { code: "Fault", message: "injected" } }, fault.headers);
        return;
      }
    }
    const m = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path.replace(/^\/_connector/, ""));
    const conversationId = m?.[1] ?? null;
    const resource = m?.[2] ?? null;
    const resourceId = m?.[3] ?? null;
    calls.push({ method: req.method ?? "GET", path, conversationId, activityId: resource === "activities" ? resourceId : null, body, at: Date.now() });

    if (!m) return reply(404, { error: { code: "NotFound", message: path } });
    if (req.method === "POST" && !conversationId) {
      conversationSeq += 1;
      return reply(201, { id: `a:mock-conversation-${conversationSeq}`, activityId: `mock-activity-${++activitySeq}`, serviceUrl: `http://127.0.0.1:${port}` });
    }
    if (resource === "activities" && (req.method === "POST" || req.method === "PUT")) {
      return reply(req.method === "POST" ? 201 : 200, { id: req.method === "PUT" && resourceId ? resourceId : `mock-activity-${++activitySeq}` });
    }
    if (resource === "activities" && req.method === "DELETE") return reply(200, {});
    if (resource === "members" && req.method === "GET") {
      if (resourceId) {
        const member = members.get(resourceId);
        return member ? reply(200, member) : reply(404, { error: { code: "MemberNotFoundInConversation", message: "member not found" } });
      }
      return reply(200, [...members.values()]);
    }
    if (resource === "pagedmembers" && req.method === "GET") return reply(200, { members: [...members.values()] });
    return reply(404, { error: { code: "NotFound", message: path } });
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const isSend = (c: RecordedCall) => c.method === "POST" && c.conversationId !== null && c.path.includes("/activities") && !("fault" in (c.body ?? {}));

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    members,
    faults,
    sent: () => calls.filter(isSend),
    reset() {
      calls.length = 0;
      faults.length = 0;
    },
    async waitForSent(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.filter(isSend).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} sent activities, got ${calls.filter(isSend).length}`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return calls.filter(isSend);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
