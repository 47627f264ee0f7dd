import { z } from "zod";
import type { CaseAction } from "../../domain/cases/index.js";
import { performCaseAction } from "../../services/cases/index.js";
import { answerCaseAction, caseDepsOf, toCaseActor } from "../case-support.js";
import type { BotDeps } from "../types.js";
import type { TurnContext } from "botbuilder";
import type { Actor } from "../../services/actor.js";

/** Shared by the case buttons: what every case card action carries. */
export const caseRef = { caseId: z.coerce.number().int().positive(), version: z.coerce.number().int().nonnegative() };


/** Runs a case action from a card: the version on the card guards against lost updates. */
export async function runCaseCardAction(turn: TurnContext, actor: Actor, deps: BotDeps, data: { caseId: number; version: number }, action: CaseAction) {
  return answerCaseAction(turn, await performCaseAction(deps.db, caseDepsOf(deps), { caseId: data.caseId, action, actor: toCaseActor(actor), via: "card", expectedVersion: data.version }, deps.clock()));
}

export const pauseDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "datum als JJJJ-MM-DD");
