import { providerOf, takeWriterLock, type Db, type DbTx } from "./client.js";

/**
 * Runs a documented maintenance operation (retention, privacy erasure) in one transaction with a
 * MaintenanceWindow row open, so the append-only triggers on CaseEvent let it through. The row is
 * removed before the transaction commits: outside this function CaseEvent stays append-only.
 */
export async function withMaintenanceWindow<T>(db: Db, purpose: "retention" | "privacy-delete", now: Date, fn: (tx: DbTx) => Promise<T>): Promise<T> {
  return db.$transaction(
    async (tx) => {
      // As runInTransaction: one writer at a time on PostgreSQL too.
      if (providerOf(db) === "postgresql") await takeWriterLock(tx);
      const window = await tx.maintenanceWindow.create({ data: { purpose, openedAt: now } });
      const result = await fn(tx);
      await tx.maintenanceWindow.delete({ where: { id: window.id } });
      return result;
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
