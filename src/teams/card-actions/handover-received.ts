import { z } from "zod";
import { renderHandoverCard } from "../../cards/warme-overdracht-card.js";
import { confirmHandoverReceived, HANDOVER_ROLE } from "../../services/cases/index.js";
import { caseDepsOf, toCaseActor } from "../case-support.js";
import { defineCardAction } from "./router.js";

/** "Overdracht ontvangen" on the warme overdracht card: the receiving mbo intake confirms and the case closes. */
export const handoverReceivedAction = defineCardAction({
  verb: "overdracht-ontvangen",
  roles: [HANDOVER_ROLE],
  schema: z.object({ caseId: z.coerce.number().int().positive() }),
  handle: async ({ actor, data, deps }) => {
    const result = await confirmHandoverReceived(deps.db, caseDepsOf(deps), { caseId: data.caseId, actor: toCaseActor(actor) }, deps.clock());
    return typeof result === "string" ? result : renderHandoverCard(result);
  },
});
