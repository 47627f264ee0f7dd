import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildChecklistCardData, renderChecklistCard } from "../../cards/checklist-card.js";
import { buildRegionChecklist } from "../../services/region-checklist.js";
import type { CommandHandler } from "../types.js";

/** `checklist`: what the region still misses before Aanjager works, each line with what to do (CLI: `aanjager checklist`). */
export const checklistCommand: CommandHandler = {
  name: "checklist",
  usage: "checklist",
  description: "Wat er nog ontbreekt voordat Aanjager werkt voor de regio, met per punt wat te doen.",
  roles: OPERATORS,
  async handle({ turn, deps }) {
    const checklist = await buildRegionChecklist({ db: deps.db, config: deps.config, calendar: deps.calendar, jobs: deps.jobs }, deps.clock());
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(renderChecklistCard(buildChecklistCardData(checklist)))] });
  },
};
