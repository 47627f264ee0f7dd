import type { TurnContext } from "botbuilder";
import type { Config } from "../config.js";
import type { Audience, Authorization } from "../domain/authorization.js";
import type { CommandDefinition } from "../domain/commands.js";
import type { Db } from "../db/client.js";
import type { WorkCalendar } from "../domain/calendar/index.js";
import type { JobDefinition } from "../jobs/types.js";
import type { Logger } from "../logger.js";
import type { Actor } from "../services/actor.js";
import type { DownloadLinks } from "../services/downloads.js";
import type { EnqueueMessage, OpenCase } from "../services/ports.js";
import type { SummarySources } from "../services/summary/sources.js";

/** What the Teams handlers get: services and an injected clock, never globals. */
export type BotDeps = {
  db: Db;
  logger: Logger;
  config: Config;
  clock: () => Date;
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  openCase: OpenCase;
  summarySources: SummarySources;
  downloads: DownloadLinks;
  /** Every feature's commands, in help order, and the table of who may use what (src/features/). */
  commands: readonly CommandDefinition[];
  authorization: Authorization;
  /** The jobs with this configuration's schedules (the checklist shows their next runs). */
  jobs: readonly JobDefinition[];
};

export type CommandContext = {
  turn: TurnContext;
  actor: Actor;
  args: string;
  deps: BotDeps;
};

/**
 * One file per chat command: what it is (name, help text, who may use it) and how it answers:
 * parse args, call a service, render a card, answer. A feature lists it (src/features/).
 */
export type CommandHandler = CommandDefinition & {
  roles: Audience;
  handle: (ctx: CommandContext) => Promise<void>;
};
