import { CASE_STAFF } from "../../domain/authorization.js";
import { z } from "zod";

import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseResolveAction = defineCardAction({
  verb: "zaak-sluit",
  roles: CASE_STAFF,
  schema: z.object({ ...caseRef, toelichting: z.string().max(1000).default("") }),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "resolve", note: data.toelichting }),
});
