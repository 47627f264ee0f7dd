import { CASE_VIEWERS } from "../../domain/authorization.js";
import { z } from "zod";
import { renderCaseView } from "../../cards/case-card.js";
import { getCaseViewFor } from "../../services/cases/index.js";
import { caseDepsOf, sendCard, toCaseActor } from "../case-support.js";
import { defineCardAction } from "./router.js";

/** A click on a case in the `zaken` list: the case card arrives as a new message; the list stays. */
export const caseViewAction = defineCardAction({
  verb: "zaak-bekijk",
  roles: CASE_VIEWERS,
  schema: z.object({ caseId: z.coerce.number().int().positive() }),
  handle: async ({ turn, actor, data, deps }) => {
    const result = await getCaseViewFor(deps.db, caseDepsOf(deps), data.caseId, toCaseActor(actor), deps.clock());
    if ("refused" in result) return result.refused;
    await sendCard(turn, renderCaseView(result.view));
    return `Zaak ${data.caseId} staat hieronder.`;
  },
});
