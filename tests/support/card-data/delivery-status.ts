import { buildDeliveryStatusCardData } from "../../../src/cards/delivery-status-card.js";

/**
 * Data sets for cards/delivery-status.json, for the test that renders every template in cards/
 * (add them to its table: `"delivery-status": DELIVERY_STATUS_CARD_DATA_SETS`).
 */
export const DELIVERY_STATUS_CARD_DATA_SETS = [
  buildDeliveryStatusCardData({ purposes: [], totals: { pending: 0, sent: 0, failed: 0, blocked: 0, resendSuspect: 0 }, undelivered: [], undeliveredMore: 0 }, new Date("2027-03-01T09:30:00+01:00")),
  buildDeliveryStatusCardData(
    {
      purposes: [
        { purpose: "ddd-herinnering", pending: 12, sent: 1480, failed: 2, blocked: 3, resendSuspect: 1 },
        { purpose: "samenvatting", pending: 0, sent: 14, failed: 0, blocked: 0, resendSuspect: 0 },
      ],
      totals: { pending: 12, sent: 1494, failed: 2, blocked: 3, resendSuspect: 1 },
      undelivered: Array.from({ length: 20 }, (_, i) => ({ recipient: `Decaan ${i} van een school met een lange naam`, purpose: "ddd-herinnering", state: "blocked" as const, reason: "heeft Aanjager geblokkeerd (403 ConversationBlockedByUser)", messages: 3 })),
      undeliveredMore: 4,
    },
    new Date("2027-03-01T09:30:00+01:00"),
  ),
];
