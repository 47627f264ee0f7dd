import { randomUUID } from "node:crypto";
import type { DeliverySettings } from "../../config.js";
import type { Db } from "../../db/client.js";
import { findConversationRef, findTenantRoute, markConversationBlocked, upsertConversationRef } from "../../db/conversation-refs.js";
import {
  claimOutboxRow,
  countOutstandingOutboxRows,
  finishOutboxRow,
  findOutboxRow,
  listDueOutboxRows,
  listRequestsSince,
  markOutboxSent,
  requeueExpiredClaims,
  rescheduleOutboxRow,
  type DueOutboxRow,
  type OutboxRow,
} from "../../db/outbox.js";
import { findDeliveryPerson, markPersonUnreachable, toReachabilityFacts } from "../../db/reachability.js";
import { judgeReachability } from "../../domain/reachability.js";
import { buildRouteKey, toBaseConversationId } from "../../domain/delivery/outbox.js";
import { computeLookbackMs, createRateLimiter, rebuildConversationStamps, TEAMS_CONVERSATION_WINDOWS, type DeliveryLimiter, type RateLimiter } from "../../domain/delivery/rate-limiter.js";
import { computeBackoffMs, decideAfterFailure, type SendFailure } from "../../domain/delivery/retry-policy.js";
import type { Logger } from "../../logger.js";
import { toSendFailure, type DeliverySender, type OutboundActivity } from "./sender.js";

/**
 * The dispatcher: drains the outbox into Teams.
 *
 * Per row: the rate limiter grants a slot (Teams' per-conversation windows and the global
 * rate), the row is claimed in the database (pending -> sending, with a token and a lease),
 * the HTTP call is made, and the row is marked sent right after. The only moment a crash can
 * cause a second delivery is between that HTTP call and that update; rows left in `sending`
 * go back to pending when their lease runs out and are counted in `resendSuspect`.
 *
 * One message per conversation is in flight at a time, so messages to one conversation
 * arrive in the order they became due, and the per-conversation windows are exact.
 *
 * A dispatcher that starts (after a restart, a crash) first rebuilds the windows from the
 * outbox: what was sent (or claimed, and so perhaps sent) to each conversation in the last
 * hour still counts for Teams.
 *
 * A call holds one of `concurrency` slots for at most `slowCallMs`: then it goes on without
 * one (up to SLOW_CALLS_PER_SLOT of them per slot), so a few conversations whose calls hang
 * cannot stop delivery to everyone else. If such a call fails, its conversation waits until
 * the message's retry.
 *
 * Two clocks: `clock` is the business clock (what is due, when to retry: injectable like
 * everywhere else), `monotonic` drives the rate limiter and waiting. Leases use wall time,
 * because they are about processes, not business.
 */
export type DispatcherDeps = {
  db: Db;
  sender: DeliverySender;
  logger: Logger;
  settings: DeliverySettings;
  /** The tenant whose 1:1 chats are created for roster-only people (null: any known tenant). */
  tenantId: string | null;
  clock?: () => Date;
  monotonic?: () => number;
  /** Waits on the `monotonic` clock (tests pass virtual time with both). */
  sleep?: Sleep;
  random?: () => number;
  /**
   * Shared with the turns of the bot (src/teams/turn-pacing.ts), so both keep to one budget per
   * conversation; with several instances, shared through the database (shared-limiter.ts).
   */
  limiter?: DeliveryLimiter;
};

/** Waits `ms`; resolves early (never rejects) when `signal` aborts. */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

const sleepOnTimers: Sleep = (ms, signal) =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, Math.ceil(ms)));
    signal?.addEventListener("abort", done, { once: true });
  });

export type DeliveryTally = {
  sent: number;
  updated: number;
  created: number;
  failed: number;
  blocked: number;
  retried: number;
  throttled: number;
  requeued: number;
  lostClaims: number;
  errors: number;
};

export type DrainResult = DeliveryTally & { pending: number; sending: number; nextDueAt: string | null };

export type Dispatcher = {
  /** Sends everything due at `now` (the clock runs on from there) and returns when nothing due is left. */
  drain: (now: Date) => Promise<DrainResult>;
  /** Starts the loop (idempotent). Re-queues rows whose lease ran out, then keeps draining. */
  start: () => void;
  /** Stops taking new rows and waits for the calls in flight to finish and be recorded. */
  stop: () => Promise<void>;
  /** Look now instead of at the next poll (e.g. right after enqueueing something urgent). */
  wake: () => void;
  /** Totals since this dispatcher was made. `inFlight` counts calls holding a slot; `slowCalls` those that gave it up. */
  metrics: () => DeliveryTally & { conversationsTracked: number; inFlight: number; slowCalls: number; globalPerSecond: number };
  isRunning: () => boolean;
};

const PAGE_SIZE = 500;
const MAX_QUEUED = 2_000;
const RESCAN_MS = 1_000;
const MIN_SCAN_GAP_MS = 50;
const PRUNE_MS = 60_000;
/** Calls that gave up their slot, per slot: enough for a few hanging conversations, bounded if Teams hangs altogether. */
const SLOW_CALLS_PER_SLOT = 4;
/** Conversations asked about beyond the free slots in one round trip of shared limits (for those refused). */
const BATCH_SPARE = 8;
/** The least time between two such round trips of one dispatcher (the lock they take is every instance's). */
const MIN_BATCH_GAP_MS = 50;

type Candidate = { id: number; key: string; nextAttemptAt: Date };

/** One drain or the loop: its own counts and its business clock (all due, retry and sent times come from it). */
type Run = { tally: DeliveryTally; clock: () => Date };

type Route =
  | { kind: "send"; conversationId: string; refConversationId: string; reference: unknown }
  | { kind: "create"; personId: number; userId: string; userAadObjectId: string | null; serviceUrl: string; tenantId: string | null; botId: string }
  | { kind: "blocked"; reason: string }
  | { kind: "failed"; reason: string }
  | { kind: "retry"; reason: string };

/** The rows grouped per conversation, the conversations in random order (Fisher-Yates), each conversation's rows in their order. */
function shuffleConversations(rows: readonly DueOutboxRow[], random: () => number): DueOutboxRow[] {
  const groups = new Map<string, DueOutboxRow[]>();
  for (const row of rows) {
    const key = buildRouteKey({ personId: row.recipientPersonId, conversationId: row.recipientConversationId });
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  const order = [...groups.values()];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.flat();
}

function emptyTally(): DeliveryTally {
  return { sent: 0, updated: 0, created: 0, failed: 0, blocked: 0, retried: 0, throttled: 0, requeued: 0, lostClaims: 0, errors: 0 };
}

function addTally(target: DeliveryTally, key: keyof DeliveryTally, amount = 1) {
  target[key] += amount;
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A reference aimed at a conversation id (channels: the channel itself, not the thread it was captured in). */
function aimReference(reference: unknown, conversationId: string): unknown {
  const ref = (reference ?? {}) as { conversation?: Record<string, unknown> };
  return { ...ref, conversation: { ...(ref.conversation ?? {}), id: conversationId } };
}

/** Teams' limits with the configured global rate: one per process, shared by the dispatcher and the turns. */
export function createDeliveryLimiter(settings: DeliverySettings): RateLimiter {
  return createRateLimiter({ globalPerSecond: settings.globalPerSecond, globalBurst: settings.globalBurst, marginMs: settings.windowMarginMs });
}

export function createDispatcher(deps: DispatcherDeps): Dispatcher {
  const { db, sender, logger, settings } = deps;
  const clock = deps.clock ?? (() => new Date());
  const monotonic = deps.monotonic ?? (() => performance.now());
  const waitFor = deps.sleep ?? sleepOnTimers;
  const random = deps.random ?? Math.random;
  const policy = { maxAttempts: settings.maxAttempts, baseDelayMs: settings.backoffBaseMs, maxDelayMs: settings.backoffMaxMs };
  const limiter: DeliveryLimiter = deps.limiter ?? createDeliveryLimiter(settings);
  const totals = emptyTally();
  const inFlight = new Set<number>();
  /** Calls in flight that took longer than slowCallMs and gave up their slot (a subset of inFlight). */
  const slowCalls = new Set<number>();
  const busyKeys = new Set<string>();
  const waiters = new Set<() => void>();
  let loop: Promise<void> | null = null;
  let stopping = false;
  let windowsRestored = false;

  const count = (tally: DeliveryTally, key: keyof DeliveryTally, amount = 1) => {
    addTally(tally, key, amount);
    addTally(totals, key, amount);
  };

  /** A wait that `wake` ends early. */
  function sleep(ms: number): Promise<void> {
    const controller = new AbortController();
    const done = () => controller.abort();
    waiters.add(done);
    return waitFor(Math.max(0, Math.ceil(ms)), controller.signal).finally(() => waiters.delete(done));
  }

  function wake() {
    for (const waiter of [...waiters]) waiter();
  }

  async function takeGlobalToken(): Promise<void> {
    for (;;) {
      const decision = await limiter.tryAcquire(null, monotonic(), 1);
      if (decision.ok) return;
      await waitFor(decision.waitMs);
    }
  }

  async function resolveRoute(row: OutboxRow): Promise<Route> {
    if (row.recipientPersonId !== null) {
      const person = await findDeliveryPerson(db, row.recipientPersonId);
      if (!person) return { kind: "failed", reason: "recipient-missing" };
      const reach = judgeReachability(toReachabilityFacts(person));
      if (!reach.reachable) return reach.reason === "no-teams-identity" ? { kind: "failed", reason: reach.reason } : { kind: "blocked", reason: reach.detail ?? reach.reason };
      const personal = person.personalChat;
      if (reach.via === "personal-chat" && personal) return { kind: "send", conversationId: personal.conversationId, refConversationId: personal.conversationId, reference: personal.reference };
      // "new-chat": the person has a Teams identity to start a chat with.
      const userId = (person.teamsUserId ?? person.aadObjectId)!;
      const route = await findTenantRoute(db, deps.tenantId);
      if (!route) return { kind: "retry", reason: "no-route" };
      return { kind: "create", personId: person.id, userId, userAadObjectId: person.aadObjectId, serviceUrl: route.serviceUrl, tenantId: route.tenantId ?? deps.tenantId, botId: route.botId };
    }
    if (row.recipientConversationId !== null) {
      const ref = (await findConversationRef(db, row.recipientConversationId)) ?? (await findConversationRef(db, toBaseConversationId(row.recipientConversationId)));
      if (!ref) return { kind: "failed", reason: "conversation-unknown" };
      if (ref.status === "blocked") return { kind: "blocked", reason: ref.blockedReason ?? "blocked" };
      if (ref.status === "uninstalled") return { kind: "blocked", reason: "uninstalled" };
      const conversationId = toBaseConversationId(ref.conversationId);
      return { kind: "send", conversationId, refConversationId: ref.conversationId, reference: aimReference(ref.reference, conversationId) };
    }
    return { kind: "failed", reason: "recipient-missing" };
  }

  async function markUnreachable(row: OutboxRow, refConversationId: string | null, reason: string, run: Run) {
    const at = run.clock();
    if (row.recipientPersonId !== null) await markPersonUnreachable(db, row.recipientPersonId, reason, at);
    if (refConversationId !== null) await markConversationBlocked(db, refConversationId, reason, at);
  }

  async function finish(row: OutboxRow, token: string, run: Run, state: "failed" | "blocked", reason: string) {
    const done = await finishOutboxRow(db, row.id, token, { state, lastError: reason });
    if (!done) return count(run.tally, "lostClaims");
    count(run.tally, state);
    logger.warn({ outboxId: row.id, purpose: row.purpose, state, reason, attempts: row.attempts }, "message not delivered");
  }

  async function handleFailure(row: OutboxRow, token: string, key: string, failure: SendFailure, refConversationId: string | null, run: Run) {
    const decision = decideAfterFailure(failure, row.attempts, policy, random);
    if (decision.action === "retry") {
      if (decision.throttled) {
        count(run.tally, "throttled");
        const now = monotonic();
        if (limiter.noteThrottle(key, now)) logger.warn({ globalPerSecond: Number(limiter.globalRate(now).toFixed(2)) }, "Teams throttles the app as a whole: global rate lowered");
      }
      // Nothing else goes to this conversation until Teams said it may, or, when its call hung
      // or got no answer, until this message's retry: the next would most likely hang too.
      if (decision.throttled || slowCalls.has(row.id) || failure.status === null) await limiter.pause(key, monotonic() + decision.delayMs);
      const ok = await rescheduleOutboxRow(db, row.id, token, {
        nextAttemptAt: new Date(run.clock().getTime() + decision.delayMs),
        lastError: decision.reason,
        resendSuspect: failure.ambiguous,
      });
      if (!ok) return count(run.tally, "lostClaims");
      count(run.tally, "retried");
      logger.info({ outboxId: row.id, purpose: row.purpose, reason: decision.reason, attempts: row.attempts, delayMs: decision.delayMs }, "message will be retried");
      return;
    }
    if (decision.action === "blocked") await markUnreachable(row, refConversationId, decision.reason, run);
    await finish(row, token, run, decision.action, decision.reason);
  }

  async function deliverUpdate(row: OutboxRow, token: string, key: string, run: Run) {
    const target = row.targetId === null ? null : await findOutboxRow(db, row.targetId);
    if (!target || target.state === "failed" || target.state === "blocked") return finish(row, token, run, "failed", "target-not-delivered");
    if (target.state !== "sent") {
      // The original is still on its way: try again shortly, without using up an attempt.
      const after = Math.max(run.clock().getTime(), target.nextAttemptAt.getTime()) + 1_000;
      if (!(await rescheduleOutboxRow(db, row.id, token, { nextAttemptAt: new Date(after), lastError: "waiting-for-original", resendSuspect: false, giveBackAttempt: true }))) count(run.tally, "lostClaims");
      return;
    }
    if (!target.activityId || !target.conversationId) return finish(row, token, run, "failed", "target-without-activity-id");
    const route = await resolveRoute(target);
    if (route.kind === "blocked" || route.kind === "failed") return finish(row, token, run, route.kind, route.reason);
    if (route.kind !== "send") return finish(row, token, run, "failed", "target-conversation-unknown");
    try {
      // Always the target's latest content: coalesced and out-of-order updates all end in the newest card.
      await sender.update(aimReference(route.reference, target.conversationId), target.activityId, JSON.parse(target.payload) as OutboundActivity);
    } catch (error) {
      return handleFailure(row, token, key, toSendFailure(error), route.refConversationId, run);
    } finally {
      await limiter.restamp(key, monotonic());
    }
    if (await markOutboxSent(db, row.id, token, { conversationId: target.conversationId, activityId: target.activityId, sentAt: run.clock() })) count(run.tally, "updated");
    else count(run.tally, "lostClaims");
  }

  async function deliver(candidate: Candidate, run: Run) {
    const token = randomUUID();
    const claimedAt = new Date();
    const row = await claimOutboxRow(db, candidate.id, { token, dueBy: run.clock(), claimedAt, leaseUntil: new Date(claimedAt.getTime() + settings.leaseMs) });
    if (!row) {
      // Taken by another dispatcher (another instance), or changed since it was listed: no request was made.
      await limiter.refund?.(candidate.key);
      return;
    }
    if (row.kind === "update") return deliverUpdate(row, token, candidate.key, run);

    let activity: OutboundActivity;
    try {
      activity = JSON.parse(row.payload) as OutboundActivity;
    } catch {
      return finish(row, token, run, "failed", "invalid-payload");
    }
    let route = await resolveRoute(row);
    if (route.kind === "blocked" || route.kind === "failed") return finish(row, token, run, route.kind, route.reason);
    if (route.kind === "retry") {
      if (row.attempts >= policy.maxAttempts) return finish(row, token, run, "failed", `max-attempts ${row.attempts}: ${route.reason}`);
      const delay = computeBackoffMs(row.attempts, policy, random);
      if (await rescheduleOutboxRow(db, row.id, token, { nextAttemptAt: new Date(run.clock().getTime() + delay), lastError: route.reason, resendSuspect: false })) count(run.tally, "retried");
      return;
    }

    let refConversationId: string | null = route.kind === "send" ? route.refConversationId : null;
    let activityId: string | null = null;
    try {
      if (route.kind === "create") {
        // Creating the chat is a request too: it takes a global token of its own.
        await takeGlobalToken();
        const created = await sender.createPersonalConversation({ serviceUrl: route.serviceUrl, tenantId: route.tenantId, botId: route.botId, userId: route.userId, userAadObjectId: route.userAadObjectId });
        await upsertConversationRef(
          db,
          {
            conversationId: created.conversationId,
            kind: "personal",
            serviceUrl: route.serviceUrl,
            tenantId: route.tenantId,
            teamId: null,
            channelId: null,
            botId: route.botId,
            userTeamsId: route.userId,
            userAadObjectId: route.userAadObjectId,
            personId: route.personId,
            reference: created.reference,
          },
          run.clock(),
        );
        count(run.tally, "created");
        route = { kind: "send", conversationId: created.conversationId, refConversationId: created.conversationId, reference: created.reference };
        refConversationId = created.conversationId;
      }
      try {
        ({ activityId } = await sender.send(route.reference, activity));
      } finally {
        // Count this send as of its answer: Teams received it somewhere before that, so windows
        // measured from here can never be shorter than the ones Teams measures, whatever the latency.
        await limiter.restamp(candidate.key, monotonic());
      }
    } catch (error) {
      return handleFailure(row, token, candidate.key, toSendFailure(error), refConversationId, run);
    }
    // Right after the call: this update ends the only window in which a crash can re-send. If it
    // fails (database gone), the row stays `sending` and comes back after its lease, counted.
    if (await markOutboxSent(db, row.id, token, { conversationId: route.conversationId, activityId, sentAt: run.clock() })) count(run.tally, "sent");
    else count(run.tally, "lostClaims");
  }

  /** Once per dispatcher: the windows as the sends in the outbox left them (Teams remembers; a new limiter does not). */
  async function restoreWindows(run: Run) {
    const wallNow = run.clock().getTime();
    const lookbackMs = computeLookbackMs(TEAMS_CONVERSATION_WINDOWS, settings.windowMarginMs);
    const requests = await listRequestsSince(db, new Date(wallNow - lookbackMs));
    const keyed = requests.map((r) => ({ key: buildRouteKey({ personId: r.recipientPersonId, conversationId: r.recipientConversationId }), sentAtMs: r.at.getTime() }));
    limiter.restore(rebuildConversationStamps(keyed, wallNow, monotonic(), lookbackMs));
    windowsRestored = true;
  }

  function toCandidate(row: DueOutboxRow): Candidate {
    return { id: row.id, key: buildRouteKey({ personId: row.recipientPersonId, conversationId: row.recipientConversationId }), nextAttemptAt: row.nextAttemptAt };
  }

  /**
   * The pump: keeps a work list of due rows (scanned from the database in pages, in due
   * order, grouped per conversation), starts the next row of each conversation that is free
   * and whose slot the limiter grants, and sleeps until the next slot, a finished call or the
   * next scan. Conversations with the longest backlog are offered slots first: they are held
   * back most by their own windows (a burst to one channel goes at most 4 per second), so
   * starting them first is what keeps the whole drain close to its theoretical minimum, while
   * their windows leave the rest of the global rate to everyone else.
   */
  async function pump(run: Run, mode: "drain" | "loop"): Promise<void> {
    const { tally } = run;
    const byKey = new Map<string, Candidate[]>();
    const known = new Set<number>();
    const mine = new Set<Promise<void>>();
    let queued = 0;
    let cursor: { nextAttemptAt: Date; id: number } | null = null;
    let scannedAt = -Infinity;
    let prunedAt = monotonic();
    let requeuedAt = -Infinity;

    const scan = async () => {
      if (limiter.shared && monotonic() - scannedAt >= RESCAN_MS) {
        // Other instances claim rows from this list too: start it afresh from the rows still due,
        // or this one spends its time (and grants) on rows that are already gone. All of the list
        // at once (up to MAX_QUEUED), or the rows beyond the first page (a channel's burst
        // enqueued last) would wait until the first page is done.
        byKey.clear();
        known.clear();
        queued = 0;
        cursor = null;
        do await scanPage();
        while (cursor !== null && queued < MAX_QUEUED);
        return;
      }
      await scanPage();
    };

    const scanPage = async () => {
      scannedAt = monotonic();
      if (queued >= MAX_QUEUED) return;
      const page = await listDueOutboxRows(db, run.clock(), PAGE_SIZE, cursor);
      // With other instances, each goes through the conversations in an order of its own, so that
      // they do not all reach for the same rows (the oldest) at once; alone, due order. Within a
      // conversation the rows stay in due order either way.
      const rows = limiter.shared ? shuffleConversations(page, random) : page;
      for (const row of rows) {
        if (known.has(row.id) || inFlight.has(row.id)) continue;
        known.add(row.id);
        const candidate = toCandidate(row);
        const list = byKey.get(candidate.key);
        if (list) list.push(candidate);
        else byKey.set(candidate.key, [candidate]);
        queued += 1;
      }
      // At the end of the due rows start over next time: rows re-queued with an old due time are found again.
      const last = page[page.length - 1];
      cursor = page.length === PAGE_SIZE && last ? { nextAttemptAt: last.nextAttemptAt, id: last.id } : null;
    };

    const take = (key: string, list: Candidate[]): Candidate => {
      const candidate = list.shift()!;
      if (list.length === 0) byKey.delete(key);
      queued -= 1;
      return candidate;
    };

    const start = (candidate: Candidate) => {
      inFlight.add(candidate.id);
      busyKeys.add(candidate.key);
      const done = new AbortController();
      void waitFor(settings.slowCallMs, done.signal).then(() => {
        if (done.signal.aborted || slowCalls.size >= settings.concurrency * SLOW_CALLS_PER_SLOT) return;
        // Its slot goes to the next conversation; this one stays busy until the call ends.
        slowCalls.add(candidate.id);
        logger.warn({ outboxId: candidate.id, slowCallMs: settings.slowCallMs }, "call to Teams is slow; its slot goes to the next conversation");
        wake();
      });
      const task = deliver(candidate, run)
        .catch((error: unknown) => {
          // A database error after the claim: the row stays `sending` and its lease brings it back.
          count(tally, "errors");
          logger.error({ outboxId: candidate.id, err: errorMessage(error) }, "delivery failed unexpectedly; the message is retried after its lease");
        })
        // A row that was not sent after all (claim lost, recipient blocked) gives its conversation back,
        // before the conversation is offered again (a shared limiter answers after a round trip).
        .then(() => limiter.release(candidate.key))
        .catch((error: unknown) => logger.warn({ outboxId: candidate.id, err: errorMessage(error) }, "could not release the conversation; its hold runs out"))
        .finally(() => {
          done.abort();
          inFlight.delete(candidate.id);
          slowCalls.delete(candidate.id);
          busyKeys.delete(candidate.key);
          known.delete(candidate.id);
          mine.delete(task);
          wake();
        });
      mine.add(task);
    };

    /** Conversations in the order they are offered a slot: longest backlog first, then in due order. */
    const offerOrder = (): string[] => {
      const backlogged: [string, number][] = [];
      for (const [key, list] of byKey) if (list.length > 1) backlogged.push([key, list.length]);
      if (backlogged.length === 0) return [...byKey.keys()];
      backlogged.sort((a, b) => b[1] - a[1]);
      const first = new Set(backlogged.map(([key]) => key));
      return [...first, ...[...byKey.keys()].filter((key) => !first.has(key))];
    };

    while (!stopping) {
      try {
        if (!windowsRestored) await restoreWindows(run);
        const now = monotonic();
        if (now - requeuedAt >= Math.min(settings.leaseMs / 2, 30_000)) {
          requeuedAt = now;
          const requeued = await requeueExpiredClaims(db, new Date());
          if (requeued > 0) {
            count(tally, "requeued", requeued);
            logger.warn({ requeued }, "messages left sending by a stopped dispatcher re-queued (possible re-sends)");
          }
        }
        if (now - prunedAt >= PRUNE_MS) {
          prunedAt = now;
          await limiter.prune(now);
        }
        if ((queued === 0 && now - scannedAt >= MIN_SCAN_GAP_MS) || now - scannedAt >= RESCAN_MS) await scan();

        let waitMs = mode === "loop" ? settings.pollMs : RESCAN_MS;
        const free = settings.concurrency - (inFlight.size - slowCalls.size);
        if (limiter.tryAcquireMany && free > 0 && !stopping) {
          // Shared limits: the next few conversations in one round trip (a few spare, for those refused).
          const keys: string[] = [];
          for (const key of offerOrder()) {
            if (keys.length >= free + BATCH_SPARE) break;
            if (busyKeys.has(key)) continue;
            const list = byKey.get(key)!;
            if (inFlight.has(list[0]!.id)) known.delete(take(key, list).id);
            else keys.push(key);
          }
          const decisions = keys.length > 0 ? await limiter.tryAcquireMany(keys, monotonic(), free) : [];
          decisions.forEach((decision, i) => {
            if (!decision) return;
            if (decision.ok) start(take(keys[i]!, byKey.get(keys[i]!)!));
            else waitMs = Math.min(waitMs, decision.waitMs);
          });
          // Not back for one slot freed by one finished call: a few at a time, one round trip for them.
          if (keys.length > 0) await waitFor(MIN_BATCH_GAP_MS);
        }
        for (const key of limiter.tryAcquireMany ? [] : offerOrder()) {
          if (inFlight.size - slowCalls.size >= settings.concurrency || stopping) break;
          if (busyKeys.has(key)) continue;
          const list = byKey.get(key)!;
          if (inFlight.has(list[0]!.id)) {
            // Started by another pump in this process (a drain next to the loop).
            known.delete(take(key, list).id);
            continue;
          }
          const decision = await limiter.tryAcquire(key, monotonic());
          if (!decision.ok) {
            waitMs = Math.min(waitMs, decision.waitMs);
            if (decision.scope === "global") break;
            continue;
          }
          start(take(key, list));
        }

        if (mode === "drain" && queued === 0 && mine.size === 0) {
          cursor = null;
          await scan();
          if (queued === 0) break;
          continue;
        }
        if (queued > 0 && queued < MAX_QUEUED && cursor !== null) waitMs = Math.min(waitMs, RESCAN_MS);
        await sleep(waitMs);
      } catch (error) {
        count(tally, "errors");
        if (mode === "drain") {
          // A one-off drain reports the failure (the job run records it); the rows stay where they are.
          await Promise.allSettled([...mine]);
          throw error;
        }
        logger.error({ err: errorMessage(error) }, "dispatcher loop error; retrying");
        await sleep(settings.pollMs);
      }
    }
    await Promise.allSettled([...mine]);
  }

  return {
    async drain(now) {
      const tally = emptyTally();
      // The clock runs on from `now` as the monotonic clock runs.
      const startedAt = monotonic();
      await pump({ tally, clock: () => new Date(now.getTime() + (monotonic() - startedAt)) }, "drain");
      const outstanding = await countOutstandingOutboxRows(db);
      return { ...tally, pending: outstanding.pending, sending: outstanding.sending, nextDueAt: outstanding.nextDueAt?.toISOString() ?? null };
    },
    start() {
      if (loop) return;
      stopping = false;
      loop = pump({ tally: emptyTally(), clock }, "loop").finally(() => {
        loop = null;
      });
    },
    async stop() {
      stopping = true;
      wake();
      if (loop) await loop;
      stopping = false;
    },
    wake,
    metrics: () => ({ ...totals, conversationsTracked: limiter.size(), inFlight: inFlight.size - slowCalls.size, slowCalls: slowCalls.size, globalPerSecond: limiter.globalRate(monotonic()) }),
    isRunning: () => loop !== null,
  };
}
