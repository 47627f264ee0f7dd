import { dddCijfersAction } from "./ddd-cijfers.js";
import { dddGedaanAction } from "./ddd-gedaan.js";
import { dddHulpAction } from "./ddd-hulp.js";
import { dddLaterAction } from "./ddd-later.js";
import { caseAcknowledgeAction } from "./case-acknowledge.js";
import { caseCommentAction } from "./case-comment.js";
import { casePauseAction } from "./case-pause.js";
import { caseRefreshAction } from "./case-refresh.js";
import { caseReopenAction } from "./case-reopen.js";
import { caseResolveAction } from "./case-resolve.js";
import { caseViewAction } from "./case-view.js";
import { confirmContactsAction } from "./confirm-contacts.js";
import { correctContactsAction } from "./correct-contacts.js";
import { escalateSchoolAction } from "./escalate-school.js";
import { evaluationAnswerAction } from "./evaluation-answer.js";
import { evaluationStatusAction } from "./evaluation-status.js";
import { meetmomentDraftAction } from "./meetmoment-draft.js";
import { meetmomentEditAction } from "./meetmoment-edit.js";
import { meetmomentSubmitAction } from "./meetmoment-submit.js";
import { meetmomentViewAction } from "./meetmoment-view.js";
import type { CardActionHandler } from "./router.js";
import { voortgangSchoolAction } from "./voortgang-school.js";

/** Card action handlers (Action.Execute verbs). Features add theirs here. */
export const CARD_ACTION_HANDLERS: readonly CardActionHandler[] = [
  caseAcknowledgeAction,
  casePauseAction,
  caseResolveAction,
  caseReopenAction,
  caseCommentAction,
  caseRefreshAction,
  caseViewAction,
  escalateSchoolAction,
  evaluationAnswerAction,
  evaluationStatusAction,
  confirmContactsAction,
  correctContactsAction,
  dddCijfersAction,
  dddLaterAction,
  dddHulpAction,
  dddGedaanAction,
  voortgangSchoolAction,
  meetmomentSubmitAction,
  meetmomentDraftAction,
  meetmomentEditAction,
  meetmomentViewAction,
];

