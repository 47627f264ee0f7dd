import { createHash, randomBytes } from "node:crypto";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { findLiveDownload, insertDownload, type StoredDownload } from "../db/downloads.js";

/**
 * Files made in chat travel as a link: Teams cannot take a file in a bot's message (only through
 * a consent card in personal chats, or via SharePoint with extra Graph permissions), but every
 * client opens a link. The link carries a random token (192 bits) that only the person who asked
 * received; only its hash is stored, and it works for DOWNLOAD_LINK_MINUTES.
 */
export const MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024;
const TOKEN = /^[A-Za-z0-9_-]{32}$/;

export type DownloadLinks = {
  /** The public origin of the links, or null when there is none to give. */
  origin: () => string | null;
  /** Locally, without PUBLIC_BASE_URL: the port the server got (0 in the config picks one). */
  setListeningPort: (port: number) => void;
  linkMinutes: number;
};

export function createDownloadLinks(config: Pick<Config, "mode" | "downloads">): DownloadLinks {
  let localOrigin: string | null = null;
  return {
    origin: () => config.downloads.publicBaseUrl ?? (config.mode === "local" ? localOrigin : null),
    setListeningPort: (port) => {
      localOrigin = `http://localhost:${port}`;
    },
    linkMinutes: config.downloads.linkMinutes,
  };
}

function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export type DownloadFile = { fileName: string; contentType: string; content: string | Uint8Array };
export type CreatedDownload = { kind: "link"; url: string; expiresAt: Date } | { kind: "no-origin" } | { kind: "too-large"; bytes: number };

export async function createDownload(db: Db, links: DownloadLinks, file: DownloadFile, now: Date): Promise<CreatedDownload> {
  const origin = links.origin();
  if (origin === null) return { kind: "no-origin" };
  const content = typeof file.content === "string" ? Buffer.from(file.content, "utf8") : file.content;
  if (content.byteLength > MAX_DOWNLOAD_BYTES) return { kind: "too-large", bytes: content.byteLength };
  const token = randomBytes(24).toString("base64url");
  const expiresAt = new Date(now.getTime() + links.linkMinutes * 60_000);
  await insertDownload(db, { tokenHash: hashToken(token), fileName: file.fileName, contentType: file.contentType, content, createdAt: now, expiresAt });
  return { kind: "link", url: `${origin}/downloads/${token}`, expiresAt };
}

/** The file behind a link, or null when the token is malformed, unknown or expired. */
export async function readDownload(db: Db, token: string, now: Date): Promise<StoredDownload | null> {
  if (!TOKEN.test(token)) return null;
  return findLiveDownload(db, hashToken(token), now);
}
