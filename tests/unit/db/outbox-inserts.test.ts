import { describe, expect, it } from "vitest";
import { insertOutboxRowOnce, insertOutboxRowsOnce, type NewOutboxRow } from "../../../src/db/outbox.js";
import { useTestDb } from "../../support/test-db.js";

/**
 * Enqueueing many messages is one insert per slice (raw SQL, for the CPU per row): a key stored
 * before keeps its row, the first of two rows with one key wins, and a new row reads back as
 * Prisma would have written it (the table's defaults, dates).
 */
const db = useTestDb({ seeded: true });
const due = new Date("2027-03-18T07:15:00.000Z");

function row(key: string, extra: Partial<NewOutboxRow> = {}): NewOutboxRow {
  return { key, purpose: "ddd-herinnering", kind: "send", targetId: null, recipientPersonId: null, recipientConversationId: "a:chat", payload: `{"card":{"key":"${key}"}}`, nextAttemptAt: due, ...extra };
}

describe("insertOutboxRowsOnce", () => {
  it("inserts the new keys over several slices, keeps an existing key's row and the first of two rows with one key", async () => {
    const person = await db().person.findFirstOrThrow({ orderBy: { id: "asc" } });
    await insertOutboxRowOnce(db(), row("k-50", { payload: "earlier" }));
    const rows = Array.from({ length: 200 }, (_, i) => row(`k-${i}`, { recipientPersonId: i % 2 ? person.id : null, recipientConversationId: i % 2 ? null : "a:chat" }));
    rows.splice(120, 0, row("k-7", { payload: "second of the key" }));
    const before = Date.now();
    const inserted = await insertOutboxRowsOnce(db(), rows);
    expect(inserted.size).toBe(199);
    expect(inserted.has("k-50")).toBe(false);

    expect((await db().outboxMessage.findUniqueOrThrow({ where: { key: "k-50" } })).payload).toBe("earlier");
    expect((await db().outboxMessage.findUniqueOrThrow({ where: { key: "k-7" } })).payload).toBe('{"card":{"key":"k-7"}}');
    const stored = await db().outboxMessage.findUniqueOrThrow({ where: { key: "k-1" } });
    expect(stored).toMatchObject({ purpose: "ddd-herinnering", kind: "send", recipientPersonId: person.id, recipientConversationId: null, revision: 1, state: "pending", attempts: 0, resendSuspect: 0, nextAttemptAt: due, claimToken: null, sentAt: null });
    expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(stored.updatedAt.getTime()).toBe(stored.createdAt.getTime());
    // The dispatcher finds them by due time, compared in SQL as Prisma binds dates.
    expect(await db().outboxMessage.count({ where: { state: "pending", nextAttemptAt: { lte: due }, key: { startsWith: "k-" } } })).toBe(200);
  });

  it("inserts nothing for keys that all exist", async () => {
    await insertOutboxRowsOnce(db(), [row("x-1"), row("x-2")]);
    expect((await insertOutboxRowsOnce(db(), [row("x-2"), row("x-1")])).size).toBe(0);
    expect(await insertOutboxRowsOnce(db(), [])).toEqual(new Set());
  });
});
