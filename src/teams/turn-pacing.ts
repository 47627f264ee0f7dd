import { ActivityTypes, type Middleware, type TurnContext } from "botbuilder";
import { buildRouteKey } from "../domain/delivery/outbox.js";
import type { RateLimiter } from "../domain/delivery/rate-limiter.js";

/**
 * Answers within a turn (a reply, or the card a button refreshes for everyone in the chat)
 * are Connector calls like any proactive message, and Teams counts them against the same
 * per-conversation limits (7 per second, 8 per 2 seconds, ...). When several people press
 * buttons on one card in a busy channel at once, unpaced refreshes get 429s and some presses
 * end in an error although their change was saved. This middleware takes a slot from the
 * outbox dispatcher's limiter before every outgoing call of a turn, so turns and proactive
 * messages to a channel share one budget. The invoke response itself travels in the HTTP
 * answer and is not paced.
 *
 * Like the dispatcher, it has one call in flight per conversation: Teams counts a call when it
 * arrives, and concurrent calls arrive in any order. A turn waits at most `maxWaitMs` in total:
 * Teams gives an invoke a few seconds, and an answer that is a little early (and retried by
 * botbuilder on a 429) beats one that is too late.
 */
export type TurnPacingOptions = {
  limiter: RateLimiter;
  /**
   * The person whose personal chat this is (from the stored conversation reference). The
   * dispatcher keys messages to a person by the person, so a personal chat must be paced under
   * the same key, or the chat would get both budgets.
   */
  findPersonalChatOwner?: (conversationId: string) => Promise<number | null>;
  monotonic?: () => number;
  maxWaitMs?: number;
};

const UNPACED: ReadonlySet<string> = new Set([ActivityTypes.InvokeResponse, ActivityTypes.Trace]);

export function createTurnPacing(options: TurnPacingOptions): Middleware {
  const monotonic = options.monotonic ?? (() => performance.now());
  const maxWaitMs = options.maxWaitMs ?? 4_000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
  const resolvePacingKey = async (conversationId: string, conversationType: string | undefined): Promise<string> => {
    const personId = conversationType === "personal" && options.findPersonalChatOwner ? await options.findPersonalChatOwner(conversationId).catch(() => null) : null;
    return buildRouteKey({ personId, conversationId });
  };
  // The tail of each conversation's queue of calls; removed when the queue runs empty.
  const queues = new Map<string, Promise<unknown>>();
  const inTurnOrder = <T>(key: string, call: () => Promise<T>): Promise<T> => {
    const previous = queues.get(key) ?? Promise.resolve();
    const result = previous.then(call, call);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    queues.set(key, tail);
    void tail.then(() => {
      if (queues.get(key) === tail) queues.delete(key);
    });
    return result;
  };

  return {
    async onTurn(turn: TurnContext, next: () => Promise<void>) {
      const conversationId = turn.activity.conversation?.id;
      if (!conversationId) return next();
      // Found on the first paced call only: most turns of a personal chat send something, but
      // the lookup is not needed for those that do not.
      let key: Promise<string> | null = null;
      const keyOfTurn = () => (key ??= resolvePacingKey(conversationId, turn.activity.conversation?.conversationType));
      const deadline = monotonic() + maxWaitMs;
      const pace = async (k: string) => {
        for (;;) {
          const now = monotonic();
          const decision = options.limiter.tryAcquire(k, now, 1);
          if (decision.ok || now >= deadline) return;
          await sleep(Math.min(decision.waitMs, deadline - now));
        }
      };
      const paced = async <T>(calls: number, call: () => Promise<T>): Promise<T> => {
        const k = await keyOfTurn();
        return inTurnOrder(k, async () => {
          for (let i = 0; i < calls; i++) await pace(k);
          try {
            return await call();
          } finally {
            options.limiter.restamp(k, monotonic());
          }
        });
      };
      turn.onSendActivities(async (_ctx, activities, nextSend) => {
        const calls = activities.filter((a) => !UNPACED.has(a.type ?? "")).length;
        return calls === 0 ? nextSend() : paced(calls, nextSend);
      });
      turn.onUpdateActivity(async (_ctx, _activity, nextUpdate) => paced(1, nextUpdate));
      return next();
    },
  };
}
