import { OPERATORS } from "../../domain/authorization.js";
import { CardFactory } from "botbuilder";
import { buildDeliveryStatusCardData, renderDeliveryStatusCard } from "../../cards/delivery-status-card.js";
import { summarizeDelivery } from "../../services/delivery/status.js";
import type { CommandHandler } from "../types.js";

/** `verzending`: how proactive delivery is doing, per purpose, with who did not get their message. */
export const deliveryStatusCommand: CommandHandler = {
  name: "verzending",
  usage: "verzending",
  description: "Stand van de verzonden en wachtende berichten.",
  roles: OPERATORS,
  async handle({ turn, deps }) {
    const summary = await summarizeDelivery(deps.db);
    const card = renderDeliveryStatusCard(buildDeliveryStatusCardData(summary, deps.clock()));
    await turn.sendActivity({ attachments: [CardFactory.adaptiveCard(card)] });
  },
};
