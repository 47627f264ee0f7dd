import { CASE_VIEWERS } from "../../domain/authorization.js";
import { z } from "zod";
import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseAcknowledgeAction = defineCardAction({
  verb: "zaak-pak-op",
  roles: CASE_VIEWERS,
  schema: z.object(caseRef),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "acknowledge" }),
});
