import type { Acquisition } from "../domain/delivery/rate-limiter.js";
import type { GrantLedger, GrantRecord } from "../domain/delivery/shared-limits.js";
import type { Db, DbOrTx } from "./client.js";

/**
 * The ledger of Teams requests shared by several instances (see src/domain/delivery/shared-limits.ts
 * for the design). Times are wall-clock milliseconds.
 */
export type GrantInput = {
  key: string | null;
  lane: "turn" | "dispatch";
  requests: number;
  cost: number;
  nowMs: number;
  heldUntil: number;
  /** Rows of the conversation counted from here on (its longest window). */
  conversationSince: number;
  /** Every instance's grants counted from here on (the app's budget). */
  recentSince: number;
};

const LEDGER_SELECT = { key: true, lane: true, requests: true, cost: true, grantedAt: true, stampAt: true, heldUntil: true } as const;

type LedgerQuery = Pick<GrantInput, "key" | "cost" | "conversationSince" | "recentSince">;

/** The rows a decision needs, in one query: the conversation's, and every instance's recent grants. */
export async function readGrantLedger(db: DbOrTx, query: LedgerQuery): Promise<GrantLedger> {
  const conversationWhere = query.key === null ? null : { key: query.key, stampAt: { gt: query.conversationSince } };
  const recentWhere = query.cost > 0 ? { grantedAt: { gt: query.recentSince }, lane: { not: "pause" } } : null;
  const wheres = [conversationWhere, recentWhere].filter((w) => w !== null);
  if (wheres.length === 0) return { conversation: [], recent: [] };
  const rows = await db.deliveryGrant.findMany({ where: { OR: wheres }, select: LEDGER_SELECT });
  const conversation: GrantRecord[] = [];
  const recent: GrantRecord[] = [];
  for (const row of rows as (GrantRecord & { key: string })[]) {
    if (query.key !== null && row.key === query.key && row.stampAt > query.conversationSince) conversation.push(row);
    if (recentWhere && row.lane !== "pause" && row.grantedAt > query.recentSince) recent.push(row);
  }
  return { conversation, recent };
}

/**
 * Reads the ledger, lets `decide` judge it, and records the grant if it says yes: all in one
 * transaction that first writes the lock row, so grants of all instances are decided one at a
 * time (PostgreSQL: that row's lock; SQLite: its write lock) and never both take the last slot.
 * Returns the decision and, for a grant, its row id (to restamp or release it).
 */
export async function decideAndRecordGrant(db: Db, input: GrantInput, decide: (ledger: GrantLedger) => Acquisition): Promise<{ decision: Acquisition; id: number | null }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO "DeliveryGrantLock" ("id", "at") VALUES (1, ${input.nowMs}) ON CONFLICT ("id") DO UPDATE SET "at" = excluded."at"`;
      const decision = decide(await readGrantLedger(tx, input));
      if (!decision.ok) return { decision, id: null };
      const row = await tx.deliveryGrant.create({
        data: { key: input.key ?? "", lane: input.lane, requests: input.requests, cost: input.cost, grantedAt: input.nowMs, stampAt: input.nowMs, heldUntil: input.key === null ? 0 : input.heldUntil },
        select: { id: true },
      });
      return { decision, id: row.id };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/**
 * The same for several conversations at once (the dispatcher's next few), under one lock: each
 * is decided in order against the ledger plus the grants made before it in this batch, until
 * `max` are granted or the app's budget says no (the rest get the same no). Null: not decided
 * (`max` was reached). One transaction instead of one per message: the lock is what all
 * instances wait for.
 */
export async function decideAndRecordGrants(
  db: Db,
  input: Omit<GrantInput, "key"> & { keys: readonly string[]; max: number },
  decide: (ledger: GrantLedger, key: string) => Acquisition,
): Promise<{ decisions: (Acquisition | null)[]; ids: Map<string, number> }> {
  return db.$transaction(
    async (tx) => {
      await tx.$executeRaw`INSERT INTO "DeliveryGrantLock" ("id", "at") VALUES (1, ${input.nowMs}) ON CONFLICT ("id") DO UPDATE SET "at" = excluded."at"`;
      const rows = (await tx.deliveryGrant.findMany({
        where: { OR: [{ key: { in: [...input.keys] }, stampAt: { gt: input.conversationSince } }, { grantedAt: { gt: input.recentSince }, lane: { not: "pause" } }] },
        select: LEDGER_SELECT,
      })) as (GrantRecord & { key: string })[];
      const byKey = new Map<string, GrantRecord[]>();
      const recent: GrantRecord[] = [];
      for (const row of rows) {
        if (row.stampAt > input.conversationSince) byKey.set(row.key, [...(byKey.get(row.key) ?? []), row]);
        if (row.lane !== "pause" && row.grantedAt > input.recentSince) recent.push(row);
      }
      const decisions: (Acquisition | null)[] = [];
      const granted: string[] = [];
      let appRefusal: Acquisition | null = null;
      for (const key of input.keys) {
        if (appRefusal || granted.length >= input.max) {
          decisions.push(appRefusal);
          continue;
        }
        const decision = decide({ conversation: byKey.get(key) ?? [], recent }, key);
        decisions.push(decision);
        if (!decision.ok) {
          if (decision.scope === "global") appRefusal = decision;
          continue;
        }
        const grant: GrantRecord = { lane: input.lane, requests: input.requests, cost: input.cost, grantedAt: input.nowMs, stampAt: input.nowMs, heldUntil: input.heldUntil };
        recent.push(grant);
        byKey.set(key, [...(byKey.get(key) ?? []), grant]);
        granted.push(key);
      }
      const ids = new Map<string, number>();
      if (granted.length > 0) {
        const created = await tx.deliveryGrant.createManyAndReturn({
          data: granted.map((key) => ({ key, lane: input.lane, requests: input.requests, cost: input.cost, grantedAt: input.nowMs, stampAt: input.nowMs, heldUntil: input.heldUntil })),
          select: { id: true, key: true },
        });
        for (const row of created) ids.set(row.key, row.id);
      }
      return { decisions, ids };
    },
    { maxWait: 10_000, timeout: 10_000 },
  );
}

/** The request of grant `id` was answered at `atMs`: its conversation's windows count it from there, and the hold ends. */
export async function restampGrant(db: Db, id: number, atMs: number): Promise<void> {
  await db.deliveryGrant.updateMany({ where: { id }, data: { stampAt: atMs, heldUntil: 0 } });
}

/** The request of grant `id` is over (or was never made): its conversation is free again. */
export async function releaseGrant(db: Db, id: number): Promise<void> {
  await db.deliveryGrant.updateMany({ where: { id, heldUntil: { gt: 0 } }, data: { heldUntil: 0 } });
}

/** Grant `id` was not used (no request was made): it no longer counts anywhere. */
export async function deleteGrant(db: Db, id: number): Promise<void> {
  await db.deliveryGrant.deleteMany({ where: { id } });
}

/** Teams said 429 with Retry-After for `key`: no instance sends to it before `untilMs`. */
export async function recordPause(db: Db, key: string, nowMs: number, untilMs: number): Promise<void> {
  await db.deliveryGrant.create({ data: { key, lane: "pause", requests: 0, cost: 0, grantedAt: nowMs, stampAt: nowMs, heldUntil: untilMs } });
}

/** Rows no window counts any more, and no hold or pause needs. */
export async function pruneGrants(db: Db, before: number, nowMs: number): Promise<number> {
  const result = await db.deliveryGrant.deleteMany({ where: { stampAt: { lt: before }, heldUntil: { lt: nowMs } } });
  return result.count;
}
