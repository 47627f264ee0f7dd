import type { AdaptiveCard } from "../../domain/adaptive-card.js";
import type { WorkCalendar } from "../../domain/calendar/index.js";
import type { CaseActorScope } from "../../domain/cases/index.js";
import type { EnqueueMessage, EnqueueMessages } from "../ports.js";
import type { HandoverView } from "./handover.js";
import type { CaseView } from "./view.js";

/**
 * Escalation cases: opening (with dedupe), the escalation ladder, and every human action on a
 * case. Each change is one transaction holding the case update (conditional on the version that
 * was read), its audit event and its notifications, so a change is either fully there or not.
 * Services return data (a CaseView); the card is built in src/cards, and for proactive messages
 * through `renderCaseCard`, which the composition root passes in.
 */
export type CaseDeps = {
  calendar: WorkCalendar;
  enqueue: EnqueueMessage;
  /** The job's batch port; without it (a turn) the messages go through `enqueue` one by one. */
  enqueueMany?: EnqueueMessages;
  renderCaseCard: (view: CaseView) => AdaptiveCard;
  /** The beheerder's notice that a level reached nobody. */
  renderChainGapNotice: (notice: ChainGapNotice) => AdaptiveCard;
  /** The card the receiving mbo intake gets for a warme overdracht. */
  renderHandoverCard: (view: HandoverView) => AdaptiveCard;
};

/** Audiences that can be empty because the directory lacks someone (issue 19). */
export type ChainGapAudience = "schoolleiding" | "school-board" | "rmc-leerplicht" | "mbo-intake";

/** What the beheerder is told: the case number, the level, whom it missed and where. No pupil reference. */
export type ChainGapNotice = { caseId: number; level: number; audience: ChainGapAudience; where: string };

/** Who acts: the directory person (null for the job) and their roles with school scope. */
export type CaseActor = CaseActorScope & { naam: string | null };

export const SYSTEM_ACTOR: CaseActor = { personId: null, naam: null, roles: [] };

/** The role name a directory import may use for a school's leadership contact (see README). */
export const SCHOOL_LEADERSHIP_ROLE = "schoolleiding";
