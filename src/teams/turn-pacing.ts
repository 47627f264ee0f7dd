import { ActivityTypes, type Middleware, type TurnContext } from "botbuilder";
import { buildRouteKey } from "../domain/delivery/outbox.js";
import type { DeliveryLimiter } from "../domain/delivery/rate-limiter.js";
import { REFRESH_FOR_ALL_KEY } from "./invoke-answers.js";

/**
 * Answers within a turn (a reply, or the card a button refreshes for everyone in the chat)
 * are Connector calls like any proactive message, and Teams counts them against the same
 * per-conversation limits (7 per second, 8 per 2 seconds, ...). When several people press
 * buttons on one card in a busy channel at once, unpaced refreshes get 429s and some presses
 * end in an error although their change was saved. This middleware takes a slot from the
 * outbox dispatcher's limiter before every outgoing call of a turn, so turns and proactive
 * messages to a conversation share one budget per conversation.
 *
 * App-wide, an answer someone waits for goes first (`tryAcquireTurn`): it takes from Teams'
 * budget for the whole app, ahead of the dispatcher and with the full burst, so a button
 * pressed during a reminder run does not queue behind the run. A card refreshed for everyone
 * after the turn is background work and queues with the dispatcher. The invoke response itself
 * travels in the HTTP answer, and typing, trace and delay activities are no Connector calls
 * here: none of them is paced.
 *
 * Like the dispatcher, it has one call in flight per conversation: Teams counts a call when it
 * arrives, and concurrent calls arrive in any order. A turn waits at most `maxWaitMs` in total:
 * Teams gives an invoke a few seconds, and an answer that is a little early (and retried by
 * botbuilder on a 429) beats one that is too late.
 */
export type TurnPacingOptions = {
  limiter: DeliveryLimiter;
  /**
   * The person whose personal chat this is (from the stored conversation reference). The
   * dispatcher keys messages to a person by the person, so a personal chat must be paced under
   * the same key, or the chat would get both budgets.
   */
  findPersonalChatOwner?: (conversationId: string, turn: TurnContext) => Promise<number | null>;
  monotonic?: () => number;
  maxWaitMs?: number;
  /** The wait of a card refresh for everyone, sent after the turn: nobody waits on its answer. */
  backgroundMaxWaitMs?: number;
};

// A typing indicator is a hint, not an answer: it never takes or waits for a slot, so it can never
// queue behind (or in front of) the answer it announces. A delay is a pause botbuilder makes itself.
const UNPACED: ReadonlySet<string> = new Set([ActivityTypes.InvokeResponse, ActivityTypes.Trace, ActivityTypes.Typing, "delay"]);

export function createTurnPacing(options: TurnPacingOptions): Middleware {
  const monotonic = options.monotonic ?? (() => performance.now());
  const maxWaitMs = options.maxWaitMs ?? 4_000;
  const backgroundMaxWaitMs = options.backgroundMaxWaitMs ?? 60_000;
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))));
  // Only a bound on waiting for earlier calls: it must not keep a stopping process alive.
  const sleepUnref = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.ceil(ms))).unref());
  const resolvePacingKey = async (turn: TurnContext, conversationId: string): Promise<string> => {
    const personId = turn.activity.conversation?.conversationType === "personal" && options.findPersonalChatOwner ? await options.findPersonalChatOwner(conversationId, turn).catch(() => null) : null;
    return buildRouteKey({ personId, conversationId });
  };
  // The tail of each conversation's queue of calls; removed when the queue runs empty.
  const queues = new Map<string, Promise<unknown>>();
  /**
   * Runs `call` after the calls queued before it in this conversation, but never waits for them
   * past `deadline`: a call that hangs (a slow Connector, a send that waits on something else)
   * must not hold every later answer of that chat. Past the deadline the call goes anyway, and a
   * 429 it might draw is retried by botbuilder, which beats an answer that never comes.
   */
  const inTurnOrder = <T>(key: string, deadline: number, call: () => Promise<T>): Promise<T> => {
    const tail = queues.get(key);
    const previous = tail ? Promise.race([tail, sleepUnref(deadline - monotonic())]) : Promise.resolve();
    const result = previous.then(call, call);
    const settled = result.then(
      () => undefined,
      () => undefined,
    );
    queues.set(key, settled);
    void settled.then(() => {
      if (queues.get(key) === settled) queues.delete(key);
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
      const keyOfTurn = () => (key ??= resolvePacingKey(turn, conversationId));
      const startedAt = monotonic();
      // Read at the first paced call: the background refresh marks its turn inside the logic.
      const isBackground = () => turn.turnState.get(REFRESH_FOR_ALL_KEY) === true;
      const deadlineOf = () => startedAt + (isBackground() ? backgroundMaxWaitMs : maxWaitMs);
      /** Waits for slots for `calls` requests; past the turn's deadline it goes without (true when granted). */
      const pace = async (k: string, calls: number): Promise<boolean> => {
        const deadline = deadlineOf();
        // Nobody waits for a card refreshed for everyone: it queues with the dispatcher's messages
        // instead of taking the share kept for people who are waiting for an answer.
        const background = isBackground();
        for (;;) {
          const now = monotonic();
          // A limiter that cannot answer (the shared one's database) must not cost the answer: go without a slot.
          const decision = await Promise.resolve(background ? options.limiter.tryAcquire(k, now, calls, calls) : options.limiter.tryAcquireTurn(k, now, calls)).catch(() => null);
          if (decision === null) return false;
          if (decision.ok) return true;
          if (now >= deadline) return false;
          await sleep(Math.min(decision.waitMs, deadline - now));
        }
      };
      const paced = async <T>(calls: number, call: () => Promise<T>): Promise<T> => {
        const k = await keyOfTurn();
        return inTurnOrder(k, deadlineOf(), async () => {
          const granted = await pace(k, calls);
          try {
            return await call();
          } finally {
            if (granted) await options.limiter.restamp(k, monotonic());
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
