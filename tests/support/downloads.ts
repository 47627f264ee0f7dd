import { expect } from "vitest";
import type { TestAanjager } from "./test-app.js";

export type FetchedDownload = { name: string; url: string; status: number; headers: Headers; body: Buffer; text: string };

/** The download link in a chat answer ("**Download:** [name](url)"), followed as a browser would. */
export function findDownloadLink(text: string): { name: string; url: string } {
  const match = /\*\*Download:\*\* \[([^\]]+)\]\((https?:\/\/[^)\s]+\/downloads\/[A-Za-z0-9_-]{32})\)/.exec(text);
  expect(match, `no download link in: ${text}`).not.toBeNull();
  return { name: match![1]!, url: match![2]! };
}

export async function fetchDownload(bot: TestAanjager, text: string): Promise<FetchedDownload> {
  const link = findDownloadLink(text);
  // Locally the link names localhost and the server's port; the test server listens on 127.0.0.1.
  const res = await fetch(`${bot.baseUrl}${new URL(link.url).pathname}`);
  const body = Buffer.from(await res.arrayBuffer());
  return { ...link, status: res.status, headers: res.headers, body, text: body.toString("utf8") };
}
