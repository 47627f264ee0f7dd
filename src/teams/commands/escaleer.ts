import { CASE_STAFF } from "../../domain/authorization.js";
import { buildSchoolChoiceCardData, renderSchoolChoiceCard } from "../../cards/school-choice-card.js";
import { listSchoolsForMatching } from "../../db/cases.js";
import { splitSchoolAndReason } from "../../domain/school-match.js";
import { escalateSchool, performCaseAction } from "../../services/cases/index.js";
import { assertFreeTextAllowed } from "../../services/free-text.js";
import { caseDepsOf, parseCaseNumber, readRawArgs, replyWithCaseResult, sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

const USAGE = "Typ **escaleer ‹school of BRIN› [reden]** of **escaleer ‹zaaknummer› [reden]**, bijvoorbeeld **escaleer Carbon Vakcollege: DDD's blijven achter**.";

export const escaleerCommand: CommandHandler = {
  name: "escaleer",
  usage: "escaleer <school|zaak> [reden]",
  description: "Open of verhoog een escalatiezaak.",
  roles: CASE_STAFF,
  async handle({ turn, actor, deps }) {
    const raw = readRawArgs(turn, "escaleer");
    if (raw === "") {
      await turn.sendActivity(USAGE);
      return;
    }
    // The reason may go out on a "bedoel je ...?" card before a case stores it: screened first.
    await assertFreeTextAllowed(deps.db, [raw]);
    const caseActor = toCaseActor(actor);
    const now = deps.clock();
    const byNumber = parseCaseNumber(raw);
    if (byNumber) {
      const result = await performCaseAction(deps.db, caseDepsOf(deps), { caseId: byNumber.caseId, action: { kind: "escalate", note: byNumber.rest || undefined }, actor: caseActor, via: "chat" }, now);
      return replyWithCaseResult(turn, result);
    }
    const schools = await listSchoolsForMatching(deps.db);
    const { schoolText, reason, match } = splitSchoolAndReason(raw, schools);
    if (match.kind === "none") {
      await turn.sendActivity(`Ik vind geen school die lijkt op "${schoolText}". Gebruik de naam of het BRIN-nummer. ${USAGE}`);
      return;
    }
    if (match.kind === "ambiguous") {
      await sendCard(turn, renderSchoolChoiceCard(buildSchoolChoiceCardData(schoolText, match.candidates, { verb: "escaleer-school", reason })));
      return;
    }
    const result = await escalateSchool(deps.db, caseDepsOf(deps), { schoolId: match.school.id, reason, actor: caseActor, via: "chat" }, now);
    return replyWithCaseResult(turn, result);
  },
};
