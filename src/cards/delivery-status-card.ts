import { DateTime } from "luxon";
import { renderCard, type AdaptiveCard } from "./render-card.js";

export type DeliveryStatusCardData = {
  asOf: string;
  empty: boolean;
  purposes: { purpose: string; pending: string; sent: string; failed: string; blocked: string; failedColor: string; blockedColor: string }[];
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

export function buildDeliveryStatusCardData(summary: DeliveryStatusInput, now: Date): DeliveryStatusCardData {
  const totals = summary.totals;
  const rows = summary.purposes.map((p) => ({
    purpose: p.purpose,
    pending: n(p.pending),
    sent: n(p.sent),
    failed: n(p.failed),
    blocked: n(p.blocked),
    failedColor: p.failed > 0 ? "Attention" : "Default",
    blockedColor: p.blocked > 0 ? "Warning" : "Default",
  }));
  if (summary.purposes.length > 1) {
    rows.push({
      purpose: "**Totaal**",
      pending: n(totals.pending),
      sent: n(totals.sent),
      failed: n(totals.failed),
      blocked: n(totals.blocked),
      failedColor: totals.failed > 0 ? "Attention" : "Default",
      blockedColor: totals.blocked > 0 ? "Warning" : "Default",
    });
  }
  return {
    asOf: `Stand van ${DateTime.fromJSDate(now, { zone: "Europe/Amsterdam" }).setLocale("nl").toFormat("d MMMM yyyy, HH:mm")}`,
    empty: summary.purposes.length === 0,
    purposes: rows,
    hasResends: totals.resendSuspect > 0,
    resendText: `Mogelijk dubbel verstuurd na een onderbreking van Aanjager: ${n(totals.resendSuspect)} ${totals.resendSuspect === 1 ? "bericht" : "berichten"}.`,
    hasUndelivered: summary.undelivered.length > 0,
    undelivered: summary.undelivered.map((u) => ({
      recipient: u.recipient,
      purpose: u.purpose,
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
