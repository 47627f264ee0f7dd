import { z } from "zod";
import { CASE_STAFF_ROLES } from "../../domain/cases/index.js";
import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseReopenAction = defineCardAction({
  verb: "zaak-heropen",
  roles: CASE_STAFF_ROLES,
  schema: z.object(caseRef),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "reopen" }),
});
