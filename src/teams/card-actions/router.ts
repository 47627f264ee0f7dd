import type { Application } from "@microsoft/teams-ai";
import { ActivityTypes, type TurnContext } from "botbuilder";
import type { z } from "zod";
import type { AdaptiveCard } from "../../cards/render-card.js";
import type { Audience } from "../../domain/authorization.js";
import type { Actor } from "../../services/actor.js";
import { ACTION_INVOKE_NAME, answerInvokeWithCard, answerInvokeWithMessage, hasInvokeResponse } from "../invoke-answers.js";
import { runAuthorized } from "../turn-pipeline.js";
import type { BotDeps } from "../types.js";

export type CardActionContext<TData> = {
  turn: TurnContext;
  actor: Actor;
  data: TData;
  deps: BotDeps;
};

/**
 * One file per card action (Universal Actions, `Action.Execute`), listed by its feature
 * (src/features/). The router validates the data
 * with the handler's zod schema; who is acting and whether they may is the turn pipeline's
 * (src/teams/turn-pipeline.ts), as for chat. The handler answers with a refreshed card or a
 * short Dutch message.
 */
export type CardActionHandler<TSchema extends z.ZodTypeAny = z.ZodTypeAny> = {
  verb: string;
  /** Who may press it (the row of the authorization table for this verb). */
  roles: Audience;
  schema: TSchema;
  handle: (ctx: CardActionContext<z.infer<TSchema>>) => Promise<AdaptiveCard | string>;
};

export function defineCardAction<TSchema extends z.ZodTypeAny>(handler: CardActionHandler<TSchema>): CardActionHandler {
  return handler as unknown as CardActionHandler;
}

export const STALE_ACTION_MESSAGE = "Deze knop werkt niet meer: de kaart is verouderd. Typ **help** om verder te gaan.";

type ExecuteAction = { type?: unknown; verb?: unknown; data?: unknown };

function readExecuteAction(turn: TurnContext): ExecuteAction | null {
  const activity = turn.activity;
  if (activity.type !== ActivityTypes.Invoke || activity.name !== ACTION_INVOKE_NAME) return null;
  const action = (activity.value as { action?: ExecuteAction } | undefined)?.action;
  return action && typeof action === "object" && action.type === "Action.Execute" ? action : null;
}

export function registerCardActions(app: Application, deps: BotDeps, handlers: readonly CardActionHandler[]): void {
  const byVerb = new Map(handlers.map((h) => [h.verb, h]));
  app.addRoute(
    async (turn) => readExecuteAction(turn) !== null,
    async (turn) => {
      const action = readExecuteAction(turn)!;
      const handler = typeof action.verb === "string" ? byVerb.get(action.verb) : undefined;
      // No verb, or one no release knows: an old card, or a forged invoke.
      if (!handler) return answerInvokeWithMessage(turn, STALE_ACTION_MESSAGE);
      await runAuthorized(
        turn,
        deps,
        { kind: "kaartactie", name: handler.verb },
        async (actor) => {
          const parsed = handler.schema.safeParse(action.data ?? {});
          if (!parsed.success) {
            deps.logger.info({ verb: handler.verb, issues: parsed.error.issues.length }, "card action data rejected");
            return answerInvokeWithMessage(turn, "Deze kaart bevat ongeldige gegevens en is niet verwerkt. Er is niets veranderd.");
          }
          const result = await handler.handle({ turn, actor, data: parsed.data, deps });
          // The handler answered the presser alone (a lost race, an automatic refresh): nothing for everyone.
          if (hasInvokeResponse(turn)) return;
          if (typeof result === "string") return answerInvokeWithMessage(turn, result);
          return answerInvokeWithCard(turn, result, { logger: deps.logger, appId: deps.config.auth.appId ?? null });
        },
        (message) => answerInvokeWithMessage(turn, message),
      );
    },
    true,
  );
}
