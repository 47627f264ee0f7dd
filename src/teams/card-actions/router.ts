import { AdaptiveCardActionExecuteResponseType, type Application } from "@microsoft/teams-ai";
import type { TurnContext } from "botbuilder";
import type { z } from "zod";
import type { AdaptiveCard } from "../../cards/render-card.js";
import { findAudience, type CardActionVerb } from "../../domain/authorization.js";
import { AppError, findUserErrorMessage } from "../../errors.js";
import { resolveActor, type Actor } from "../../services/actor.js";
import { readActivityIdentity } from "../activity-identity.js";
import { authorizeTurn } from "../authorize.js";
import type { BotDeps } from "../types.js";

export { AdaptiveCardActionExecuteResponseType };

export type CardActionContext<TData> = {
  turn: TurnContext;
  actor: Actor;
  data: TData;
  deps: BotDeps;
};

/**
 * One file per card action (Universal Actions, `Action.Execute`). The router resolves the
 * actor, checks the verb against the authorization table and validates the data with the
 * handler's zod schema before the handler runs; the handler answers with a refreshed card or
 * a short Dutch message.
 */
export type CardActionHandler<TSchema extends z.ZodTypeAny = z.ZodTypeAny> = {
  verb: CardActionVerb;
  schema: TSchema;
  handle: (ctx: CardActionContext<z.infer<TSchema>>) => Promise<AdaptiveCard | string>;
};

export function defineCardAction<TSchema extends z.ZodTypeAny>(handler: CardActionHandler<TSchema>): CardActionHandler {
  return handler as unknown as CardActionHandler;
}

export const STALE_ACTION_MESSAGE = "Deze knop werkt niet meer: de kaart is verouderd. Typ **help** om verder te gaan.";

export function registerCardActions(app: Application, deps: BotDeps, handlers: readonly CardActionHandler[]): void {
  for (const handler of handlers) {
    if (findAudience({ kind: "kaartactie", name: handler.verb }) === undefined) throw new AppError("INTERNAL", `card action "${handler.verb}" is not in the authorization table`);
    app.adaptiveCards.actionExecute(handler.verb, async (turn, _state, rawData) => {
      const actor = await resolveActor(deps.db, readActivityIdentity(turn.activity));
      const refusal = authorizeTurn(deps, actor, { kind: "kaartactie", name: handler.verb });
      if (refusal !== null) return refusal;
      const parsed = handler.schema.safeParse(rawData);
      if (!parsed.success) {
        deps.logger.info({ verb: handler.verb, issues: parsed.error.issues.length }, "card action data rejected");
        return "Deze kaart bevat ongeldige gegevens en is niet verwerkt. Er is niets veranderd.";
      }
      deps.logger.info({ verb: handler.verb, personId: actor.person?.id ?? null }, "card action");
      try {
        return await handler.handle({ turn, actor, data: parsed.data, deps });
      } catch (error) {
        // As in chat: a user error is answered with its Dutch message, anything else is a fault.
        const message = findUserErrorMessage(error);
        if (message === null) throw error;
        deps.logger.info({ verb: handler.verb, code: (error as AppError).code }, "card action refused");
        return message;
      }
    });
  }
  // Any other verb: an old card from before a release, or a forged invoke.
  app.adaptiveCards.actionExecute(/.*/, async () => STALE_ACTION_MESSAGE);
}
