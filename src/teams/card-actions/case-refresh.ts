import { CASE_VIEWERS } from "../../domain/authorization.js";
import { z } from "zod";
import { renderCaseView } from "../../cards/case-card.js";
import { getCaseViewFor } from "../../services/cases/index.js";
import { caseDepsOf, respondToInteractorOnly, toCaseActor } from "../case-support.js";
import { defineCardAction } from "./router.js";

/**
 * The case card's `refresh` action: Teams calls it when someone listed in `userIds` looks at
 * the card, so everyone sees the current state even after changes made in chat. It answers
 * only that viewer; nothing changed, so the message itself is not replaced.
 */
export const caseRefreshAction = defineCardAction({
  verb: "zaak-vernieuw",
  roles: CASE_VIEWERS,
  schema: z.object({ caseId: z.coerce.number().int().positive() }),
  handle: async ({ turn, actor, data, deps }) => {
    const result = await getCaseViewFor(deps.db, caseDepsOf(deps), data.caseId, toCaseActor(actor), deps.clock());
    if ("refused" in result) return result.refused;
    const card = renderCaseView(result.view);
    await respondToInteractorOnly(turn, card);
    return card;
  },
});
