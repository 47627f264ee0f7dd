import { renderCaseView } from "../../cards/case-card.js";
import { OVERSTAP_REASON_LABELS, OVERSTAP_REASONS, type OverstapReason } from "../../domain/cases/index.js";
import { openOverstapCase } from "../../services/cases/index.js";
import { caseDepsOf, readRawArgs, sendCard, toCaseActor } from "../case-support.js";
import type { CommandHandler } from "../types.js";

/** The ways people write the reasons, longest first so "geen vervolgkeuze" wins over "keuze". */
const REASON_WORDS: [RegExp, OverstapReason][] = [
  [/^(geen[- ]vervolgkeuze|geen[- ]keuze|vervolgkeuze|keuze)\b/i, "geen-vervolgkeuze"],
  // "niet ingeschreven" is the word of before 2027-1 for the same thing.
  [/^(geen[- ]aanmelding( op 1 april)?|niet[- ]aangemeld|niet[- ]ingeschreven|ingeschreven|inschrijving)\b/i, "geen-aanmelding"],
  [/^(late[- ]aanmelding|te laat aangemeld|laat aangemeld)\b/i, "late-aanmelding"],
  [/^(afgewezen|afwijzing)\b/i, "afgewezen"],
  [/^(zomerlek|zomerlekrisico|zomerlek-risico|uitgeschreven)\b/i, "zomerlek"],
  [/^(niet[- ]gestart|niet begonnen)\b/i, "niet-gestart"],
  [/^(warme[- ]overdracht|overdracht)\b/i, "warme-overdracht"],
];

const USAGE = `Typ **overstapzaak ‹kenmerk› ‹reden› [toelichting]**, bijvoorbeeld **overstapzaak OS-2027-0042 zomerlek heeft nog geen plek op het mbo**. Redenen: ${OVERSTAP_REASONS.map((r) => OVERSTAP_REASON_LABELS[r]).join(", ")}. Bij een warme overdracht noem je de ontvangende mbo-instelling: **overstapzaak OS-2027-0042 warme overdracht naar 30LB**.`;

export const overstapzaakCommand: CommandHandler = {
  name: "overstapzaak",
  usage: "overstapzaak <kenmerk> <reden> [toelichting]",
  description: "Meld een leerling met risico bij de overstap (geen vervolgkeuze, geen aanmelding op 1 april, late aanmelding, afgewezen, zomerlek, niet gestart) of een warme overdracht naar een mbo-instelling, alleen met het pseudonieme kenmerk.",
  roles: ["projectteam", "decaan"],
  async handle({ turn, actor, deps }) {
    const raw = readRawArgs(turn, "overstapzaak");
    // The reference and the note are screened for pupil data where they are stored (openOrUpdateCase).
    const [reference, ...restWords] = raw.split(" ");
    const rest = restWords.join(" ");
    const reasonMatch = REASON_WORDS.map(([pattern, reason]) => ({ m: pattern.exec(rest), reason })).find((r) => r.m);
    if (!reference || !reasonMatch) {
      await turn.sendActivity(USAGE);
      return;
    }
    let note = rest.slice(reasonMatch.m![0].length).replace(/^[\s:,-]+/, "").trim();
    // "warme overdracht naar 30LB ...": the receiving institution, then the note.
    const receiverMatch = reasonMatch.reason === "warme-overdracht" ? /^naar\s+(\S+)\s*(.*)$/i.exec(note) : null;
    if (receiverMatch) note = receiverMatch[2]!.trim();
    const result = await openOverstapCase(
      deps.db,
      caseDepsOf(deps),
      { reference, reason: reasonMatch.reason, note: note || OVERSTAP_REASON_LABELS[reasonMatch.reason], actor: toCaseActor(actor), via: "chat", ...(receiverMatch ? { receiver: receiverMatch[1]! } : {}) },
      deps.clock(),
    );
    await sendCard(
      turn,
      renderCaseView(result.view),
      result.created ? `Overstapzaak ${result.case.id} is geopend. Er staat alleen het kenmerk in, geen naam of BSN.` : `Er liep al een zaak voor dit kenmerk: zaak ${result.case.id}.`,
    );
  },
};
