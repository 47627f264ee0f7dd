import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Bot Framework Connector service that Teams hosts at an activity's
 * serviceUrl. It implements the REST calls the bot makes (create conversation, send and reply,
 * update (PUT) and delete activities, get members) and records every request, so tests can
 * assert every outbound call.
 *
 * Like Teams, it ENFORCES the throttling table: per conversation 7 per 1 s, 8 per 2 s, 60 per
 * 30 s and 1800 per hour for sends and updates, and a global rate for all requests (a token
 * bucket; Teams does not publish how it counts, so the bucket holds one second's worth). A
 * request over a limit gets 429 with Retry-After and is not counted. Faults can be injected by
 * rule (`faults`) or at random from a seed (`chaos`): 5xx, 429, 403 and slow responses.
 */
export type RecordedCall = {
  method: string;
  path: string;
  conversationId: string | null;
  activityId: string | null;
  /** The request body (JSON), also for faulted calls. */
  body: any;
  /** Arrival time (Date.now(), or the `now` clock of the options). */
  at: number;
  /** The status the mock answered with. */
  status: number;
  /** Why the call was not served normally: the throttling table, a fault rule, or chaos. */
  fault?: "throttle" | "rule" | "chaos";
};

export type MockMember = { id: string; name: string; aadObjectId?: string; email?: string; userPrincipalName?: string };

/**
 * A fault for matching requests: a status (with optional headers, body, delay), or only a delay
 * (a slow but normal answer). `until`: the request hangs until the promise settles (a test ends a hang).
 */
export type Fault = { status?: number; headers?: Record<string, string>; body?: unknown; delayMs?: number; until?: Promise<unknown> };
export type FaultRule = (call: { method: string; path: string; body: any; conversationId: string | null }) => Fault | null;

export type SlidingWindow = { limit: number; windowMs: number };
export const TEAMS_THROTTLE_WINDOWS: readonly SlidingWindow[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
  { limit: 1_800, windowMs: 3_600_000 },
];

export type ThrottleOptions = {
  windows?: readonly SlidingWindow[];
  /** Global requests per second (all requests). Default 50, Teams' documented figure per app per tenant. */
  globalPerSecond?: number;
  /** Bucket size of the global limit. Default: one second's worth. */
  globalBurst?: number;
};

export type ChaosOptions = {
  seed: number;
  /** Probabilities per send/update/create request. */
  serverErrorRate?: number;
  throttleRate?: number;
  forbiddenRate?: number;
  slowRate?: number;
  slowMs?: number;
  /** Retry-After (seconds) on chaos 429s; default 1. */
  retryAfterSeconds?: number;
};

export type MockConnectorOptions = {
  /** Enforce Teams' throttling table (default on). */
  throttle?: false | ThrottleOptions;
  chaos?: ChaosOptions;
  /**
   * The clock of arrival times and of the throttling table (default: Date.now() for `at`,
   * performance.now() for the table). Tests on virtual time pass the dispatcher's clock.
   */
  now?: () => number;
};

export type MockConnector = {
  url: string;
  calls: RecordedCall[];
  /** Activities the bot sent (new messages and replies) that the mock accepted, in order. */
  sent: () => RecordedCall[];
  /** Accepted updates (PUT) of activities. */
  updated: () => RecordedCall[];
  /** Accepted conversation creations. */
  created: () => RecordedCall[];
  /** Requests answered 429 because they broke the throttling table. */
  throttled: () => RecordedCall[];
  members: Map<string, MockMember>;
  faults: FaultRule[];
  /** Conversations created through the mock, by id, with the member they were created for. */
  conversations: Map<string, { memberId: string; tenantId: string | null }>;
  stats: () => { calls: number; byStatus: Record<string, number>; sent: number; updated: number; created: number; throttled: number };
  reset: () => void;
  waitForSent: (count: number, timeoutMs?: number) => Promise<RecordedCall[]>;
  /** Waits until `predicate(calls)` holds. */
  waitFor: (predicate: (calls: RecordedCall[]) => boolean, timeoutMs?: number) => Promise<void>;
  close: () => Promise<void>;
};

/** mulberry32: a small seeded PRNG, so a chaos run can be repeated exactly. */
export function createSeededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A rule that answers the first `times` matching requests with `status` (then lets them through). */
export function failTimes(times: number, status: number, options: { match?: (call: { method: string; path: string; conversationId: string | null }) => boolean; headers?: Record<string, string>; code?: string } = {}): FaultRule {
  let left = times;
  return (call) => {
    if (left <= 0 || (options.match && !options.match(call))) return null;
    left -= 1;
    return { status, headers: options.headers, body: { error: { code: options.code ?? `Mock${status}`, message: "injected" } } };
  };
}

/** A rule that refuses every send or update to a conversation with 403, as Teams does for a bot the user blocked. */
export function blockConversation(conversationId: string, code = "ConversationBlockedByUser"): FaultRule {
  return (call) => (call.conversationId === conversationId && (call.method === "POST" || call.method === "PUT") ? { status: 403, body: { error: { code, message: "The bot is blocked by the user." } } } : null);
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => (data += chunk));
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function startMockConnector(options: MockConnectorOptions = {}): Promise<MockConnector> {
  const calls: RecordedCall[] = [];
  const members = new Map<string, MockMember>();
  const faults: FaultRule[] = [];
  const conversations = new Map<string, { memberId: string; tenantId: string | null }>();
  const conversationByMember = new Map<string, string>();
  const stamps = new Map<string, number[]>();
  const throttle = options.throttle === false ? null : options.throttle ?? {};
  const windows = throttle?.windows ?? TEAMS_THROTTLE_WINDOWS;
  const longest = Math.max(...windows.map((w) => w.windowMs));
  const globalRate = throttle?.globalPerSecond ?? 50;
  const globalBurst = throttle?.globalBurst ?? globalRate;
  let tokens = globalBurst;
  const clock = options.now ?? (() => performance.now());
  let refilledAt = clock();
  // Injected delays (hangs) still waiting: close() ends them, so no timer outlives the mock.
  const delays = new Set<NodeJS.Timeout>();
  const delay = (ms: number) => new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      delays.delete(timer);
      resolve();
    }, ms);
    delays.add(timer);
  });
  const random = options.chaos ? createSeededRandom(options.chaos.seed) : null;
  let activitySeq = 0;
  let conversationSeq = 0;

  /** Returns the seconds to wait if this request breaks a limit; counts it otherwise. */
  function checkThrottle(conversationId: string | null, countsPerConversation: boolean, now: number): number {
    if (!throttle) return 0;
    let list: number[] | undefined;
    if (countsPerConversation && conversationId) {
      list = stamps.get(conversationId) ?? [];
      while (list.length > 0 && list[0]! <= now - longest) list.shift();
      let waitMs = 0;
      for (const w of windows) {
        const inWindow = list.filter((t) => t > now - w.windowMs);
        if (inWindow.length >= w.limit) waitMs = Math.max(waitMs, inWindow[inWindow.length - w.limit]! + w.windowMs - now);
      }
      if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    }
    tokens = Math.min(globalBurst, tokens + ((now - refilledAt) * globalRate) / 1000);
    refilledAt = now;
    if (tokens < 1) return 1;
    tokens -= 1;
    if (list && conversationId) {
      list.push(now);
      stamps.set(conversationId, list);
    }
    return 0;
  }

  const server = http.createServer(async (req, res) => {
    const arrived = clock();
    const at = options.now ? arrived : Date.now();
    const raw = await readBody(req);
    let body: any;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      body = raw;
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = decodeURIComponent(url.pathname);
    const method = req.method ?? "GET";
    const m = /^\/v3\/conversations(?:\/([^/]+))?(?:\/(activities|members|pagedmembers)(?:\/([^/]+))?)?$/.exec(path.replace(/^\/_connector/, ""));
    const conversationId = m?.[1] ?? null;
    const resource = m?.[2] ?? null;
    const resourceId = m?.[3] ?? null;
    const call: RecordedCall = { method, path, conversationId, activityId: resource === "activities" ? resourceId : null, body, at, status: 0 };
    calls.push(call);
    const reply = (status: number, payload?: unknown, headers: Record<string, string> = {}, fault?: RecordedCall["fault"]) => {
      call.status = status;
      if (fault) call.fault = fault;
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(payload === undefined ? "" : JSON.stringify(payload));
    };

    const isWrite = resource === "activities" && (method === "POST" || method === "PUT");
    const isCreate = method === "POST" && m !== null && !conversationId;
    const retryAfter = checkThrottle(conversationId, isWrite, arrived);
    if (retryAfter > 0) {
      return reply(429, { error: { code: "Throttled", message: "Too many requests" } }, { "retry-after": String(retryAfter) }, "throttle");
    }

    for (const rule of faults) {
      const fault = rule({ method, path, body, conversationId });
      if (!fault) continue;
      if (fault.delayMs) await delay(fault.delayMs);
      if (fault.until) await fault.until.catch(() => undefined);
      if (fault.status !== undefined) return reply(fault.status, fault.body ?? { error: { code: "Fault", message: "injected" } }, fault.headers, "rule");
    }

    if (random && options.chaos && (isWrite || isCreate)) {
      const c = options.chaos;
      if (c.slowRate && random() < c.slowRate) await delay(c.slowMs ?? 500);
      const r = random();
      let edge = c.serverErrorRate ?? 0;
      if (r < edge) {
        const status = [500, 502, 503, 504][Math.floor(random() * 4)]!;
        return reply(status, { error: { code: "ServiceError", message: "injected" } }, {}, "chaos");
      }
      edge += c.throttleRate ?? 0;
      if (r < edge) return reply(429, { error: { code: "Throttled", message: "injected" } }, { "retry-after": String(c.retryAfterSeconds ?? 1) }, "chaos");
      edge += c.forbiddenRate ?? 0;
      if (r < edge) return reply(403, { error: { code: "ConversationBlockedByUser", message: "injected" } }, {}, "chaos");
    }

    if (!m) return reply(404, { error: { code: "NotFound", message: path } });
    if (isCreate) {
      // Like Teams, creating the 1:1 chat of a bot and a user again returns the same chat.
      const memberId = String(body?.members?.[0]?.id ?? "");
      const tenantId = body?.tenantId ?? body?.channelData?.tenant?.id ?? null;
      let id = conversationByMember.get(`${tenantId}|${memberId}`);
      if (!id) {
        conversationSeq += 1;
        id = `a:mock-conversation-${conversationSeq}`;
        conversationByMember.set(`${tenantId}|${memberId}`, id);
        conversations.set(id, { memberId, tenantId });
      }
      return reply(201, { id, serviceUrl: `http://127.0.0.1:${port}` });
    }
    if (resource === "activities" && (method === "POST" || method === "PUT")) {
      return reply(method === "POST" ? 201 : 200, { id: method === "PUT" && resourceId ? resourceId : `mock-activity-${++activitySeq}` });
    }
    if (resource === "activities" && method === "DELETE") return reply(200, {});
    if (resource === "members" && method === "GET") {
      if (resourceId) {
        const member = members.get(resourceId);
        return member ? reply(200, member) : reply(404, { error: { code: "MemberNotFoundInConversation", message: "member not found" } });
      }
      return reply(200, [...members.values()]);
    }
    if (resource === "pagedmembers" && method === "GET") return reply(200, { members: [...members.values()] });
    return reply(404, { error: { code: "NotFound", message: path } });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  const ok = (c: RecordedCall) => c.status >= 200 && c.status < 300;
  const isSend = (c: RecordedCall) => c.method === "POST" && c.conversationId !== null && c.path.includes("/activities") && ok(c);
  const isUpdate = (c: RecordedCall) => c.method === "PUT" && c.activityId !== null && ok(c);
  const isCreated = (c: RecordedCall) => c.method === "POST" && c.conversationId === null && ok(c);

  const waitFor = async (predicate: (calls: RecordedCall[]) => boolean, timeoutMs = 5000) => {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(calls)) {
      if (Date.now() > deadline) throw new Error("mock connector: condition not reached in time");
      await sleep(20);
    }
  };

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    members,
    faults,
    conversations,
    sent: () => calls.filter(isSend),
    updated: () => calls.filter(isUpdate),
    created: () => calls.filter(isCreated),
    throttled: () => calls.filter((c) => c.fault === "throttle"),
    stats() {
      const byStatus: Record<string, number> = {};
      for (const c of calls) byStatus[c.status] = (byStatus[c.status] ?? 0) + 1;
      return { calls: calls.length, byStatus, sent: calls.filter(isSend).length, updated: calls.filter(isUpdate).length, created: calls.filter(isCreated).length, throttled: calls.filter((c) => c.fault === "throttle").length };
    },
    reset() {
      calls.length = 0;
      faults.length = 0;
      stamps.clear();
      tokens = globalBurst;
    },
    async waitForSent(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (calls.filter(isSend).length < count) {
        if (Date.now() > deadline) throw new Error(`expected ${count} sent activities, got ${calls.filter(isSend).length}`);
        await sleep(20);
      }
      return calls.filter(isSend);
    },
    waitFor,
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of delays) clearTimeout(timer);
        delays.clear();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
