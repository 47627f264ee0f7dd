import { ActivityTypes, TeamsInfo, type TurnContext } from "botbuilder";
import type { Application } from "@microsoft/teams-ai";
import type { ActionRef } from "../domain/authorization.js";
import { AppError, findUserErrorMessage } from "../errors.js";
import { resolveActor, type Actor } from "../services/actor.js";
import { recordConversation } from "../services/conversations.js";
import { buildConversationRefInput, readActivityIdentity } from "./activity-identity.js";
import { authorizeTurn } from "./authorize.js";
import { ACTION_INVOKE_NAME } from "./invoke-answers.js";
import type { BotDeps } from "./types.js";

/**
 * What every turn needs before a feature sees it, in this order, for chat messages, card actions
 * and installs alike (they had drifted apart when each router did it itself):
 * 1. who is acting: the directory person by Teams ids, else by the e-mail address Teams reports
 *    for the member (then linked, so the next turn is one lookup);
 * 2. where they can be reached later: stored for installs and for people in the directory only,
 *    so strangers and junk cannot fill the database (a stranger in a known channel changes nothing);
 * then, per action, `runAuthorized`: the authorization table, the handler, and a user error
 * (a wrong number, someone else's case) answered in Dutch. Anything else goes to the error sink.
 */
const ACTOR_KEY = Symbol("aanjager.actor");

/** Teams gives an invoke a few seconds; the e-mail lookup is a convenience and may not eat them. */
const MEMBER_LOOKUP_TIMEOUT_MS = 2_000;

export function registerTurnPipeline(app: Application, deps: BotDeps): void {
  app.turn("beforeTurn", async (turn) => {
    const actor = await identifyActor(turn, deps);
    turn.turnState.set(ACTOR_KEY, actor);
    await rememberConversation(turn, deps, actor);
    return true;
  });
}

/** The actor the pipeline resolved for this turn. */
export function readTurnActor(turn: TurnContext): Actor {
  const actor = turn.turnState.get(ACTOR_KEY) as Actor | undefined;
  if (!actor) throw new AppError("INTERNAL", "turn pipeline did not run before the handler");
  return actor;
}

/**
 * Checks `ref` against the authorization table, runs the action and turns a user error into its
 * Dutch answer; `answer` delivers a refusal or that answer the way this kind of turn answers.
 */
export async function runAuthorized<T>(turn: TurnContext, deps: BotDeps, ref: ActionRef, action: (actor: Actor) => Promise<T>, answer: (message: string) => Promise<T>): Promise<T> {
  const actor = readTurnActor(turn);
  const refusal = authorizeTurn(deps, actor, ref);
  if (refusal !== null) return answer(refusal);
  const isCardAction = ref.kind === "kaartactie";
  deps.logger.info({ [isCardAction ? "verb" : "command"]: ref.name, personId: actor.person?.id ?? null, conversationId: turn.activity.conversation?.id }, isCardAction ? "card action" : "command");
  try {
    return await action(actor);
  } catch (error) {
    const message = findUserErrorMessage(error);
    if (message === null) throw error;
    deps.logger.info({ kind: ref.kind, action: ref.name, code: (error as AppError).code }, isCardAction ? "card action refused" : "command refused");
    return answer(message);
  }
}

function isInstall(activity: TurnContext["activity"]): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return String(activity.action ?? "").startsWith("add");
  if (activity.type === ActivityTypes.ConversationUpdate) return activity.membersAdded?.some((m) => m.id === activity.recipient?.id) ?? false;
  return false;
}

function isRemoval(activity: TurnContext["activity"]): boolean {
  if (activity.type === ActivityTypes.InstallationUpdate) return String(activity.action ?? "").startsWith("remove");
  if (activity.type === ActivityTypes.ConversationUpdate) {
    const eventType = (activity.channelData as { eventType?: string } | undefined)?.eventType;
    return eventType === "teamDeleted" || (activity.membersRemoved?.some((m) => m.id === activity.recipient?.id) ?? false);
  }
  return false;
}

async function identifyActor(turn: TurnContext, deps: BotDeps): Promise<Actor> {
  const activity = turn.activity;
  const identity = readActivityIdentity(activity);
  // Only where a person acts: a message, a card button, an install. Not for removals, roster noise
  // or invokes Aanjager does not offer (task modules, message extensions): a Connector call each.
  const isCardAction = activity.type === ActivityTypes.Invoke && activity.name === ACTION_INVOKE_NAME;
  const asksForEmail = activity.type === ActivityTypes.Message || isCardAction || isInstall(activity);
  return resolveActor(deps.db, identity, asksForEmail ? () => fetchMemberEmail(turn) : undefined);
}

async function fetchMemberEmail(turn: TurnContext): Promise<string | null> {
  const userId = turn.activity.from?.id;
  if (!userId) return null;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), MEMBER_LOOKUP_TIMEOUT_MS);
  });
  try {
    const lookup = TeamsInfo.getMember(turn, userId).then((member) => member.email ?? member.userPrincipalName ?? null);
    return await Promise.race([lookup.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

async function rememberConversation(turn: TurnContext, deps: BotDeps, actor: Actor): Promise<void> {
  const activity = turn.activity;
  if (isRemoval(activity)) return;
  const ref = buildConversationRefInput(activity, actor.person?.id ?? null);
  if (!ref) return;
  if (!isInstall(activity) && actor.person === null) return;
  const stored = await recordConversation(deps.db, deps.logger, ref, deps.clock());
  turn.turnState.set(CHAT_OWNER_KEY, stored.personId);
}

const CHAT_OWNER_KEY = Symbol("aanjager.chatOwner");

/**
 * The person whose personal chat this turn is in (null: not a personal chat, or nobody known), as
 * the pipeline just stored it; undefined when it stored nothing. Saves the turn's pacing a lookup.
 */
export function readPersonalChatOwner(turn: TurnContext): number | null | undefined {
  return turn.turnState.get(CHAT_OWNER_KEY) as number | null | undefined;
}
