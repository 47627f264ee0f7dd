import type { TurnContext } from "botbuilder";
import { formatDutchDateTime } from "../domain/dutch-date.js";
import { createDownload, type DownloadFile } from "../services/downloads.js";
import type { BotDeps } from "./types.js";

export type ChatFile = DownloadFile & {
  /** The message above the link. */
  text: string;
  /** Where else to get the file (the command line), for when no link can be given. */
  fallback: string;
};

/**
 * Answers with a link to a file made in chat (see src/services/downloads.ts for why a link).
 * The link is the only place the token appears; it is never logged.
 */
export async function sendDownloadLink(turn: TurnContext, deps: Pick<BotDeps, "db" | "downloads" | "clock" | "calendar">, file: ChatFile): Promise<void> {
  const created = await createDownload(deps.db, deps.downloads, file, deps.clock());
  if (created.kind === "no-origin") {
    await turn.sendActivity(`Aanjager kan hier geen downloadlink maken (de beheerder heeft PUBLIC_BASE_URL niet ingesteld). ${file.fallback}`);
    return;
  }
  if (created.kind === "too-large") {
    await turn.sendActivity(`Het bestand is te groot om via de chat te delen (${Math.round(created.bytes / 1024 / 1024)} MB). ${file.fallback}`);
    return;
  }
  const until = formatDutchDateTime(created.expiresAt, deps.calendar.zone);
  await turn.sendActivity(`${file.text}\n\n**Download:** [${file.fileName}](${created.url}) (werkt tot ${until}; deel de link niet, want wie hem heeft kan het bestand openen).`);
}
