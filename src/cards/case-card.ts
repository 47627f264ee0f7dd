import type { CaseEventRecord, CaseRecord } from "../db/cases.js";
import { toIsoDate, shiftIsoDate, AMSTERDAM_ZONE } from "../domain/calendar/index.js";
import {
  CASE_EVENT_LABELS,
  CASE_STATE_LABELS,
  CASE_TYPE_LABELS,
  CASE_VIA_LABELS,
  OVERSTAP_REASON_LABELS,
  describeLevel,
  isCaseState,
  isCaseType,
  isKnownOverstapReason,
  type CaseEventKind,
  type CaseVia,
  type EscalationPolicy,
} from "../domain/cases/index.js";
import { formatDutchDate, formatDutchDateTime } from "../domain/dutch-date.js";
import type { CaseMention as CardMention, CaseView as CaseCardInput } from "../services/cases/view.js";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type CaseCardData = {
  caseId: number;
  version: number;
  title: string;
  subject: string;
  headline: string;
  hasHeadline: boolean;
  notice: string;
  hasNotice: boolean;
  mentions: CardMention[];
  mentionLine: string;
  hasMentions: boolean;
  facts: { title: string; value: string }[];
  reason: string;
  history: { line: string }[];
  earlierHistory: string;
  hasEarlierHistory: boolean;
  canAcknowledge: boolean;
  canPause: boolean;
  canResolve: boolean;
  canReopen: boolean;
  minPauseDate: string;
  refreshUserIds: string[];
};

const HISTORY_LINES = 8;
/** Teams refreshes a card automatically for at most 60 listed users. */
const MAX_REFRESH_USERS = 60;

function describeEvent(event: CaseEventRecord, policy: EscalationPolicy): string {
  const kind = event.kind as CaseEventKind;
  let what = CASE_EVENT_LABELS[kind] ?? event.kind;
  if (kind === "escalated" && event.level !== null) what = `geëscaleerd naar ${describeLevel(policy, event.level)}`;
  if (kind === "paused" && typeof event.data?.until === "string") what = `gepauzeerd tot ${formatDutchDate(new Date(event.data.until))}`;
  const who = event.actorName ?? (event.via === "job" ? "Aanjager" : "onbekend");
  const via = CASE_VIA_LABELS[event.via as CaseVia] ?? event.via;
  const note = event.note ? `: ${event.note}` : "";
  return `${formatDutchDateTime(event.at)} · ${what} door ${who} (${via})${note}`;
}

export function describeCaseState(record: Pick<CaseRecord, "state" | "pausedUntil">): string {
  const label = isCaseState(record.state) ? CASE_STATE_LABELS[record.state] : record.state;
  return record.state === "gepauzeerd" && record.pausedUntil ? `${label} tot ${formatDutchDate(record.pausedUntil)}` : label;
}

export function describeCaseType(record: Pick<CaseRecord, "type" | "overstapReason">): string {
  const label = isCaseType(record.type) ? CASE_TYPE_LABELS[record.type] : record.type;
  return record.overstapReason && isKnownOverstapReason(record.overstapReason) ? `${label}: ${OVERSTAP_REASON_LABELS[record.overstapReason]}` : label;
}

export function buildCaseCardData(input: CaseCardInput): CaseCardData {
  const { record, policy } = input;
  const typeLabel = describeCaseType(record);
  const facts = [
    { title: "Type", value: typeLabel },
    { title: "Status", value: describeCaseState(record) },
    { title: "Niveau", value: describeLevel(policy, record.level) },
    {
      title: "Volgende stap",
      value: input.nextDue ? `${describeLevel(policy, input.nextDue.level)} op ${formatDutchDateTime(input.nextDue.at)}` : record.state === "opgelost" ? "geen, de zaak is gesloten" : record.state === "erkend" ? "geen, de zaak is in behandeling" : "geen",
    },
    { title: "Eigenaar", value: record.owner?.naam ?? "nog niemand" },
    { title: "Ernst", value: record.severity },
    { title: "Geopend", value: formatDutchDate(record.openedAt) },
  ];
  if (record.state === "opgelost" && record.resolution) facts.push({ title: "Opgelost", value: record.resolution });
  const shown = input.events.slice(-HISTORY_LINES);
  const earlier = input.events.length - shown.length;
  const mentions = [...new Map(input.mentions.map((m) => [m.id, m])).values()];
  const today = toIsoDate(input.now, AMSTERDAM_ZONE);
  return {
    caseId: record.id,
    version: record.version,
    title: `Zaak ${record.id} · ${typeLabel}`,
    subject: record.subjectLabel,
    headline: input.headline ?? "",
    hasHeadline: Boolean(input.headline),
    notice: input.notice ?? "",
    hasNotice: Boolean(input.notice),
    mentions,
    mentionLine: `Betreft: ${mentions.map((m) => `<at>${m.name}</at>`).join(", ")}`,
    hasMentions: mentions.length > 0,
    facts,
    reason: record.reason,
    history: shown.map((e) => ({ line: describeEvent(e, policy) })),
    earlierHistory: `… en ${earlier} eerdere ${earlier === 1 ? "gebeurtenis" : "gebeurtenissen"} (typ **zaak ${record.id}** voor de kaart)`,
    hasEarlierHistory: earlier > 0,
    canAcknowledge: record.state !== "opgelost" && record.state !== "erkend",
    canPause: record.state === "open" || record.state === "erkend",
    canResolve: record.state !== "opgelost",
    canReopen: record.state === "opgelost",
    minPauseDate: shiftIsoDate(today, 1),
    refreshUserIds: [...new Set(input.refreshUserIds)].slice(0, MAX_REFRESH_USERS),
  };
}

/** Drops properties that a `$when` on an object turned into null (Teams expects them absent). */
function dropNullProperties(card: AdaptiveCard): AdaptiveCard {
  return Object.fromEntries(Object.entries(card).filter(([, v]) => v !== null)) as AdaptiveCard;
}

export function renderCaseCard(data: CaseCardData): AdaptiveCard {
  return dropNullProperties(renderCard("case", data));
}

/** The case card from the escalation service's view of a case (a `CaseView` has this shape). */
export function renderCaseView(input: CaseCardInput): AdaptiveCard {
  const card = renderCaseCard(buildCaseCardData(input));
  if (input.headlineMentions && input.headlineMentions.length > 0) addMentions(card, input.headlineMentions);
  return card;
}

/** Adds mention entities for people named in a headline (e.g. the L1 assignee). */
function addMentions(card: AdaptiveCard, mentions: readonly CardMention[]): void {
  const msteams = (card.msteams ?? {}) as { entities?: { mentioned: { id: string } }[] };
  const entities = msteams.entities ?? [];
  for (const mention of mentions) {
    if (!entities.some((e) => e.mentioned.id === mention.id)) {
      entities.push({ type: "mention", text: `<at>${mention.name}</at>`, mentioned: { id: mention.id, name: mention.name } } as never);
    }
  }
  card.msteams = { ...msteams, entities };
}
