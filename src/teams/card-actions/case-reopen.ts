import { z } from "zod";

import { defineCardAction } from "./router.js";
import { caseRef, runCaseCardAction } from "./case-actions.js";

export const caseReopenAction = defineCardAction({
  verb: "zaak-heropen",
  schema: z.object(caseRef),
  handle: ({ turn, actor, data, deps }) => runCaseCardAction(turn, actor, deps, data, { kind: "reopen" }),
});
