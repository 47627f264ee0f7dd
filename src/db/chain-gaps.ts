import type { Db, DbTx } from "./client.js";

/** Levels of the escalation policy that reached nobody, one row per audience and scope. */
export type ChainGapInput = { key: string; audience: string; schoolId: number | null; subregioId: string | null; caseId: number; level: number };
export type ChainGapRecord = ChainGapInput & { id: number; firstAt: Date };

/** Records a gap the first time it is met; false when it was known already (the beheerder heard of it then). */
export async function recordChainGap(tx: DbTx, gap: ChainGapInput, now: Date): Promise<boolean> {
  if (await tx.chainGap.findUnique({ where: { key: gap.key }, select: { id: true } })) return false;
  await tx.chainGap.create({ data: { ...gap, firstAt: now } });
  return true;
}

export async function listChainGaps(db: Db | DbTx): Promise<ChainGapRecord[]> {
  return db.chainGap.findMany({ orderBy: { id: "asc" } });
}
