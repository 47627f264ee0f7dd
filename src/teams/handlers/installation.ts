import type { Application } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import { describeErrorForLog } from "../../logger.js";
import { recordUninstall } from "../../services/conversations.js";
import { linkTeamMembers } from "../../services/roster-sync.js";
import { buildConversationRefInput } from "../activity-identity.js";
import { buildHelpActivity } from "../commands/help.js";
import { readTeamMembers } from "../roster.js";
import { readTurnActor } from "../turn-pipeline.js";
import type { BotDeps } from "../types.js";

/**
 * When the bot joins a team, its members who are in the directory are linked right away, so
 * they can be reached before they ever open the bot. A failure is logged and the install goes
 * on: the daily sync-rosters job tries again.
 */
async function syncTeamRoster(turn: TurnContext, deps: BotDeps, teamId: string): Promise<void> {
  try {
    const result = await linkTeamMembers(deps.db, await readTeamMembers(turn, teamId));
    deps.logger.info({ teamId, ...result }, "team roster synced on install");
  } catch (error) {
    deps.logger.warn({ teamId, err: describeErrorForLog(error) }, "team roster sync on install failed");
  }
}

async function forget(turn: TurnContext, deps: BotDeps) {
  const channelData = (turn.activity.channelData ?? {}) as { team?: { id?: string } };
  const teamId = channelData.team?.id;
  await recordUninstall(deps.db, deps.logger, teamId ? { teamId } : { conversationId: turn.activity.conversation.id }, deps.clock());
}

/**
 * Installs and uninstalls, in a personal chat, a group chat or a team. The turn pipeline has
 * already stored the conversation reference that every later proactive message uses.
 */
export function registerInstallationHandlers(app: Application, deps: BotDeps): void {
  app.activity("installationUpdate", async (turn) => {
    const action = String(turn.activity.action ?? "");
    if (action.startsWith("remove")) {
      await forget(turn, deps);
      return;
    }
    const actor = readTurnActor(turn);
    const ref = buildConversationRefInput(turn.activity, actor.person?.id ?? null);
    if (action === "add" && ref?.kind === "channel" && ref.teamId) await syncTeamRoster(turn, deps, ref.teamId);
    if (action === "add" && ref?.kind === "personal") {
      await turn.sendActivity(buildHelpActivity(actor, deps));
    } else if (action === "add") {
      await turn.sendActivity(
        `Hallo, ik ben Aanjager. Ik help het VSV-programma ${deps.config.region.naam} afspraken op tijd na te komen. Noem me met **@Aanjager help** om te zien wat ik hier kan doen.`,
      );
    }
  });

  app.conversationUpdate("membersAdded", async (turn) => {
    const botId = turn.activity.recipient?.id;
    if (!turn.activity.membersAdded?.some((m) => m.id === botId)) return;
    const ref = buildConversationRefInput(turn.activity, null);
    if (ref?.kind === "channel" && ref.teamId) await syncTeamRoster(turn, deps, ref.teamId);
  });

  app.conversationUpdate("membersRemoved", async (turn) => {
    const botId = turn.activity.recipient?.id;
    if (turn.activity.membersRemoved?.some((m) => m.id === botId)) await forget(turn, deps);
  });

  app.conversationUpdate("teamDeleted", async (turn) => forget(turn, deps));
}
