import { CASE_STAFF } from "../../domain/authorization.js";
import { z } from "zod";

import { defineCardAction } from "./router.js";
import { readPauseDate } from "../../domain/cases/index.js";
import { caseRef, pauseDate, runCaseCardAction } from "./case-actions.js";

export const casePauseAction = defineCardAction({
  verb: "zaak-pauzeer",
  roles: CASE_STAFF,
  schema: z.object({ ...caseRef, tot: pauseDate }),
  handle: async ({ turn, actor, data, deps }) => {
    const date = readPauseDate(data.tot, deps.clock(), deps.calendar.zone);
    if ("message" in date) return date.message;
    return runCaseCardAction(turn, actor, deps, data, { kind: "pause", until: date.until });
  },
});
