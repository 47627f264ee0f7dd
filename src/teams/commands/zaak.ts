import { CASE_VIEWERS } from "../../domain/authorization.js";
import { renderCaseView } from "../../cards/case-card.js";
import { getCaseViewFor } from "../../services/cases/index.js";
import { caseDepsOf, parseCaseNumber, sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const zaakCommand: CommandHandler = {
  name: "zaak",
  usage: "zaak <nr>",
  description: "Eén zaak met zijn geschiedenis.",
  roles: CASE_VIEWERS,
  async handle({ turn, actor, args, deps }) {
    const parsed = parseCaseNumber(args);
    if (!parsed) {
      await turn.sendActivity("Welke zaak? Typ bijvoorbeeld **zaak 12**, of **zaken** voor de lijst.");
      return;
    }
    const result = await getCaseViewFor(deps.db, caseDepsOf(deps), parsed.caseId, toCaseActor(actor), deps.clock());
    if ("refused" in result) await turn.sendActivity(result.refused);
    else await sendCard(turn, renderCaseView(result.view));
  },
};
