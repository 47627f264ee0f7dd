import type { ChannelPurpose } from "../../services/channel-links.js";
import { linkChannel } from "../../services/channel-links.js";
import { buildConversationRefInput } from "../activity-identity.js";
import type { CommandContext } from "../types.js";

const CONFIRMATIONS: Record<ChannelPurpose, string> = {
  projectteam: "Dit kanaal is nu het **projectteamkanaal**: zaakkaarten komen hier binnen zodra een zaak niveau L1 bereikt, met wie hem oppakt.",
  stuurgroep: "Dit kanaal is nu het **stuurgroepkanaal**: de wekelijkse samenvatting voor de stuurgroep wordt hier geplaatst.",
};

/** `@Aanjager koppel projectteam|stuurgroep`, typed in the channel that should get the messages. */
export async function handleKoppel({ turn, actor, deps }: CommandContext, purpose: ChannelPurpose): Promise<void> {
  const ref = buildConversationRefInput(turn.activity, null);
  if (!ref || ref.kind !== "channel") {
    await turn.sendActivity(`Dit werkt alleen in een teamkanaal: ga naar het kanaal dat je wilt koppelen en typ daar **@Aanjager koppel ${purpose}**.`);
    return;
  }
  await linkChannel(deps.db, { purpose, ref, linkedById: actor.person?.id ?? null }, deps.clock());
  deps.logger.info({ purpose, conversationId: ref.channelId ?? ref.conversationId, personId: actor.person?.id ?? null }, "channel linked");
  await turn.sendActivity(CONFIRMATIONS[purpose]);
}
