import { CASE_VIEWERS } from "../../domain/authorization.js";
import { z } from "zod";
import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseCommentAction = defineCardAction({
  verb: "zaak-opmerking",
  roles: CASE_VIEWERS,
  schema: z.object({ ...caseRef, opmerking: z.string().max(1000).default("") }),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "comment", note: data.opmerking }),
});
