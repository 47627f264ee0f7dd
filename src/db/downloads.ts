import type { Db } from "./client.js";

export type NewDownload = { tokenHash: string; fileName: string; contentType: string; content: Uint8Array; createdAt: Date; expiresAt: Date };
export type StoredDownload = { fileName: string; contentType: string; content: Uint8Array };

export async function insertDownload(db: Db, row: NewDownload): Promise<void> {
  await db.download.create({ data: { ...row, content: Buffer.from(row.content) } });
}

/** The file behind a token's hash, if its link still works at `now`. */
export async function findLiveDownload(db: Db, tokenHash: string, now: Date): Promise<StoredDownload | null> {
  const row = await db.download.findUnique({ where: { tokenHash }, select: { fileName: true, contentType: true, content: true, expiresAt: true } });
  if (!row || row.expiresAt <= now) return null;
  return { fileName: row.fileName, contentType: row.contentType, content: row.content };
}

export async function deleteExpiredDownloads(db: Db, now: Date): Promise<number> {
  return (await db.download.deleteMany({ where: { expiresAt: { lte: now } } })).count;
}
