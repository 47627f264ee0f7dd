import { CASE_VIEWERS } from "../../domain/authorization.js";
import { buildCaseListCardData, renderCaseListCard } from "../../cards/case-list-card.js";
import { listSubregios } from "../../db/cases.js";
import { CASE_TYPE_LABELS, parseCaseFilter } from "../../domain/cases/index.js";
import { listCasesFor } from "../../services/cases/index.js";
import { sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const zakenCommand: CommandHandler = {
  name: "zaken",
  usage: "zaken [subregio|type]",
  description: "Openstaande escalatiezaken, te filteren.",
  roles: CASE_VIEWERS,
  async handle({ turn, actor, args, deps }) {
    const subregios = await listSubregios(deps.db);
    const filter = parseCaseFilter(args, subregios);
    const { cases, total, ownSchoolsOnly } = await listCasesFor(deps.db, toCaseActor(actor), filter);
    const parts = [
      filter.subregioId ? `subregio ${subregios.find((s) => s.id === filter.subregioId)?.naam ?? filter.subregioId}` : null,
      filter.type ? `type ${CASE_TYPE_LABELS[filter.type]}` : null,
      filter.mine ? "alleen jouw zaken" : null,
    ].filter(Boolean);
    const scope = ownSchoolsOnly ? "Zaken van je eigen school" : "Alle scholen";
    await sendCard(
      turn,
      renderCaseListCard(buildCaseListCardData(cases, { filterDescription: parts.length > 0 ? `${scope}, ${parts.join(", ")}` : scope, resolved: Boolean(filter.resolved), unknownWords: filter.unknown, total })),
    );
  },
};
