import { renderCaseView } from "../../cards/case-card.js";
import { BSN_REFUSAL, OVERSTAP_REASON_LABELS, OVERSTAP_REASONS, containsBsn, type OverstapReason } from "../../domain/cases/index.js";
import { openOverstapCase } from "../../services/cases/index.js";
import { caseDepsOf, readRawArgs, sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

/** The ways people write the four risk reasons, longest first so "geen vervolgkeuze" wins over "keuze". */
const REASON_WORDS: [RegExp, OverstapReason][] = [
  [/^(geen[- ]vervolgkeuze|geen[- ]keuze|vervolgkeuze|keuze)\b/i, "geen-vervolgkeuze"],
  [/^(niet[- ]ingeschreven|ingeschreven|inschrijving)\b/i, "niet-ingeschreven"],
  [/^(zomerlek|zomerlekrisico|zomerlek-risico)\b/i, "zomerlek"],
  [/^(warme[- ]overdracht|overdracht)\b/i, "warme-overdracht"],
];

const USAGE = `Typ **overstapzaak ‹kenmerk› ‹reden› [toelichting]**, bijvoorbeeld **overstapzaak OS-2027-0042 zomerlek heeft nog geen plek op het mbo**. Redenen: ${OVERSTAP_REASONS.map((r) => OVERSTAP_REASON_LABELS[r]).join(", ")}.`;

export const overstapzaakCommand: CommandHandler = {
  name: "overstapzaak",
  async handle({ turn, actor, deps }) {
    const raw = readRawArgs(turn, "overstapzaak");
    // Before anything is parsed or stored: a BSN anywhere in the message is refused.
    if (containsBsn(raw)) {
      await turn.sendActivity(BSN_REFUSAL);
      return;
    }
    const [reference, ...restWords] = raw.split(" ");
    const rest = restWords.join(" ");
    const reasonMatch = REASON_WORDS.map(([pattern, reason]) => ({ m: pattern.exec(rest), reason })).find((r) => r.m);
    if (!reference || !reasonMatch) {
      await turn.sendActivity(USAGE);
      return;
    }
    const note = rest.slice(reasonMatch.m![0].length).replace(/^[\s:,-]+/, "").trim();
    const result = await openOverstapCase(
      deps.db,
      caseDepsOf(deps),
      { reference, reason: reasonMatch.reason, note: note || OVERSTAP_REASON_LABELS[reasonMatch.reason], actor: toCaseActor(actor), via: "chat" },
      deps.clock(),
    );
    await sendCard(
      turn,
      renderCaseView(result.view),
      result.created ? `Overstapzaak ${result.case.id} is geopend. Er staat alleen het kenmerk in, geen naam of BSN.` : `Er liep al een zaak voor dit kenmerk: zaak ${result.case.id}.`,
    );
  },
};
