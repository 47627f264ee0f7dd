import { CASE_STAFF } from "../../domain/authorization.js";
import { z } from "zod";

import { escalateSchool } from "../../services/cases/index.js";
import { answerCaseAction, caseDepsOf, toCaseActor } from "../case-support.js";
import { defineCardAction } from "./router.js";

/** The answer to "bedoel je ...?" after `escaleer`: the chosen school is escalated; the card becomes the case card. */
export const escalateSchoolAction = defineCardAction({
  verb: "escaleer-school",
  roles: CASE_STAFF,
  schema: z.object({ schoolId: z.coerce.number().int().positive(), reason: z.string().max(1000).default("") }),
  handle: async ({ turn, actor, data, deps }) =>
    answerCaseAction(turn, await escalateSchool(deps.db, caseDepsOf(deps), { schoolId: data.schoolId, reason: data.reason, actor: toCaseActor(actor), via: "card" }, deps.clock())),
});
