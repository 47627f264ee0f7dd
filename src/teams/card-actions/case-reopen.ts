import { CASE_STAFF } from "../../domain/authorization.js";
import { z } from "zod";

import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseReopenAction = defineCardAction({
  verb: "zaak-heropen",
  roles: CASE_STAFF,
  schema: z.object(caseRef),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "reopen" }),
});
