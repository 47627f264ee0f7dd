import { escalationsJob } from "../jobs/escalations.js";
import { caseAcknowledgeAction } from "../teams/card-actions/case-acknowledge.js";
import { caseCommentAction } from "../teams/card-actions/case-comment.js";
import { casePauseAction } from "../teams/card-actions/case-pause.js";
import { caseRefreshAction } from "../teams/card-actions/case-refresh.js";
import { caseReopenAction } from "../teams/card-actions/case-reopen.js";
import { caseResolveAction } from "../teams/card-actions/case-resolve.js";
import { caseViewAction } from "../teams/card-actions/case-view.js";
import { escalateSchoolAction } from "../teams/card-actions/escalate-school.js";
import { handoverReceivedAction } from "../teams/card-actions/handover-received.js";
import { escaleerCommand } from "../teams/commands/escaleer.js";
import { heropenCommand } from "../teams/commands/heropen.js";
import { koppelProjectteamCommand } from "../teams/commands/koppel-projectteam.js";
import { mijnZakenCommand } from "../teams/commands/mijn-zaken.js";
import { opmerkingCommand } from "../teams/commands/opmerking.js";
import { overstapzaakCommand } from "../teams/commands/overstapzaak.js";
import { pakOpCommand } from "../teams/commands/pak-op.js";
import { pauzeerCommand } from "../teams/commands/pauzeer.js";
import { sluitCommand } from "../teams/commands/sluit.js";
import { zaakCommand } from "../teams/commands/zaak.js";
import { zakenCommand } from "../teams/commands/zaken.js";
import type { Feature } from "./feature.js";

/** Escalation cases along the policy, worked by the projectteam in chat and on case cards. */
export const casesFeature: Feature = {
  name: "zaken",
  commands: [zakenCommand, mijnZakenCommand, zaakCommand, escaleerCommand, pakOpCommand, pauzeerCommand, sluitCommand, heropenCommand, opmerkingCommand, overstapzaakCommand, koppelProjectteamCommand],
  cardActions: [caseViewAction, caseRefreshAction, caseAcknowledgeAction, caseCommentAction, casePauseAction, caseResolveAction, caseReopenAction, escalateSchoolAction, handoverReceivedAction],
  jobs: [escalationsJob],
};
