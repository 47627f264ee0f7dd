import type { TurnContext } from "botbuilder";
import type { Logger } from "../logger.js";

/**
 * Sends a small export as a file in the chat.
 *
 * Why a data: URL attachment: a bot can only upload a real file into a personal chat through
 * Teams' file consent flow (FileConsentCard, then an upload to the user's OneDrive), which needs
 * the supportsFiles manifest setting, a round trip and a consent click, and does not work in
 * channels. An export of one school year or one week is a few kilobytes, so it travels inline
 * with its content in a data: URL. Teams counts a bot message as UTF-16 and accepts about
 * 100 KB (80 KB advised); 20 KB of content is 27 KB of base64, well inside that. Anything
 * larger, or an attachment Teams refuses, gets a Dutch message pointing to the command line.
 */
export const MAX_INLINE_FILE_BYTES = 20 * 1024;

export type InlineFile = {
  name: string;
  contentType: "text/csv" | "text/html";
  content: string;
  /** The message above the file. */
  text: string;
  /** What to say instead when the file is too large, given its size in KB. */
  tooLarge: (kilobytes: number) => string;
  /** What to say when Teams refuses the attachment. */
  refused: string;
};

export async function sendInlineFile(turn: TurnContext, logger: Logger, file: InlineFile): Promise<void> {
  const bytes = Buffer.byteLength(file.content, "utf8");
  if (bytes > MAX_INLINE_FILE_BYTES) {
    await turn.sendActivity(file.tooLarge(Math.round(bytes / 1024)));
    return;
  }
  const contentUrl = `data:${file.contentType};charset=utf-8;base64,${Buffer.from(file.content, "utf8").toString("base64")}`;
  try {
    await turn.sendActivity({ type: "message", text: file.text, attachments: [{ contentType: file.contentType, contentUrl, name: file.name }] });
  } catch (error) {
    logger.warn({ err: error instanceof Error ? error.message : String(error), bytes, contentType: file.contentType }, "inline file attachment refused");
    await turn.sendActivity(file.refused);
  }
}
