import { DateTime } from "luxon";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type DeliveryStatusCardData = {
  asOf: string;
  empty: boolean;
  /** One line per purpose: the counts in words, so they read the same on a phone as on a laptop. */
  purposes: { purpose: string; counts: string }[];
  hasResends: boolean;
  resendText: string;
  hasUndelivered: boolean;
  undelivered: { recipient: string; purpose: string; stateLabel: string; reason: string; countText: string }[];
  hasMore: boolean;
  moreText: string;
};

type Counts = { pending: number; sent: number; failed: number; blocked: number; resendSuspect: number };

/** What the card shows of the delivery overview (the service's `DeliverySummary` has this shape). */
export type DeliveryStatusInput = {
  purposes: (Counts & { purpose: string })[];
  totals: Counts;
  undelivered: { recipient: string; purpose: string; state: "failed" | "blocked"; reason: string; messages: number }[];
  undeliveredMore: number;
};

/** Numbers as text: a template field that is only a number would become a JSON number, which a TextBlock does not accept. */
const n = (value: number) => value.toLocaleString("nl-NL");

/** What each outbox purpose is, as a reader of `verzending` calls it. An unknown key is shown as is. */
const PURPOSE_LABELS: Record<string, string> = {
  "ddd-herinnering": "DDD-herinneringen",
  "ddd-herinnering-later": "Uitgestelde DDD-herinneringen",
  "ddd-dank": "DDD-bedankjes",
  "ddd-registratie": "Vragen om de overstappers te registreren",
  "zaak-escalatie": "Escalaties van zaken",
  "samenvatting": "Weekoverzichten",
  "evaluatie-uitnodiging": "Uitnodigingen voor evaluaties",
  "contacten-controle": "Controle van de contactenlijst",
  "meetmoment-aankondiging": "Aankondigingen van meetmomenten",
  "meetmoment-formulier": "Meetmomentformulieren",
  "meetmoment-herinnering": "Herinneringen voor meetmomenten",
};

export function describePurpose(purpose: string): string {
  return PURPOSE_LABELS[purpose] ?? purpose;
}

function describeCounts(c: Counts): string {
  return [`${n(c.sent)} verzonden`, `${n(c.pending)} wachtend`, `${n(c.failed)} mislukt`, `${n(c.blocked)} geblokkeerd`].join(" · ");
}

export function buildDeliveryStatusCardData(summary: DeliveryStatusInput, now: Date): DeliveryStatusCardData {
  const totals = summary.totals;
  const rows = summary.purposes.map((p) => ({ purpose: describePurpose(p.purpose), counts: describeCounts(p) }));
  if (summary.purposes.length > 1) rows.push({ purpose: "Totaal", counts: describeCounts(totals) });
  return {
    asOf: `Stand van ${DateTime.fromJSDate(now, { zone: "Europe/Amsterdam" }).setLocale("nl").toFormat("d MMMM yyyy, HH:mm")}`,
    empty: summary.purposes.length === 0,
    purposes: rows,
    hasResends: totals.resendSuspect > 0,
    resendText: `Mogelijk dubbel verstuurd na een onderbreking van Aanjager: ${n(totals.resendSuspect)} ${totals.resendSuspect === 1 ? "bericht" : "berichten"}.`,
    hasUndelivered: summary.undelivered.length > 0,
    undelivered: summary.undelivered.map((u) => ({
      recipient: u.recipient,
      purpose: describePurpose(u.purpose),
      stateLabel: u.state === "blocked" ? "geblokkeerd" : "mislukt",
      reason: u.reason,
      countText: u.messages > 1 ? ` (${n(u.messages)} berichten)` : "",
    })),
    hasMore: summary.undeliveredMore > 0,
    moreText: `En nog ${n(summary.undeliveredMore)} andere ontvangers.`,
  };
}

export function renderDeliveryStatusCard(data: DeliveryStatusCardData): AdaptiveCard {
  return renderCard("delivery-status", data);
}
