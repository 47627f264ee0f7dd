import { buildCaseListCardData, renderCaseListCard } from "../../cards/case-list-card.js";
import { listSubregios } from "../../db/cases.js";
import { CASE_TYPE_LABELS, isCaseStaff, parseCaseFilter } from "../../domain/cases/index.js";
import { countCasesFor, listCasesFor } from "../../services/cases/index.js";
import { sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

export const zakenCommand: CommandHandler = {
  name: "zaken",
  async handle({ turn, actor, args, deps }) {
    const subregios = await listSubregios(deps.db);
    const filter = parseCaseFilter(args, subregios);
    const caseActor = toCaseActor(actor);
    const listFilter = {
      resolved: filter.resolved,
      type: filter.type,
      subregioId: filter.subregioId,
      ...(filter.mine && caseActor.personId ? { ownerId: caseActor.personId } : {}),
    };
    const cases = await listCasesFor(deps.db, caseActor, listFilter);
    const total = await countCasesFor(deps.db, caseActor, listFilter);
    const parts = [
      filter.subregioId ? `subregio ${subregios.find((s) => s.id === filter.subregioId)?.naam ?? filter.subregioId}` : null,
      filter.type ? `type ${CASE_TYPE_LABELS[filter.type]}` : null,
      filter.mine ? "alleen jouw zaken" : null,
    ].filter(Boolean);
    const scope = isCaseStaff(caseActor) ? "Alle scholen" : "Zaken van je eigen school";
    await sendCard(
      turn,
      renderCaseListCard(buildCaseListCardData(cases, { filterDescription: parts.length > 0 ? `${scope}, ${parts.join(", ")}` : scope, resolved: Boolean(filter.resolved), unknownWords: filter.unknown, total })),
    );
  },
};
