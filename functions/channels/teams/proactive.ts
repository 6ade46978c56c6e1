import type { Composition } from '../../app/compose';
import type { AdaptiveCard, BotChannel, ConversationRef, OutboundMessage } from './activity';
import { noticeCard } from './cards';
import { botChannelFor } from './channel';

export type ProactiveContent = string | AdaptiveCard | OutboundMessage;

export interface ProactiveResult {
  delivered: boolean;
  /** Id of the posted activity: in a channel, replies to it form the reply chain. */
  activityId?: string;
}

function toMessage(content: ProactiveContent): OutboundMessage {
  if (typeof content === 'string') return { text: content };
  if ('type' in content && content.type === 'AdaptiveCard') return { cards: [content] };
  return content;
}

/**
 * Writes to Teams outside any inbound request: to a store's chosen conversation (digests, handoff requests)
 * when given a store id, or to a stored conversation reference. A store with no Teams conversation yet is
 * `delivered: false`, not an error: most stores use only some channels.
 */
export async function sendProactive(
  services: Composition,
  target: string | ConversationRef,
  content: ProactiveContent,
  channel?: BotChannel,
): Promise<ProactiveResult> {
  const reference =
    typeof target === 'string' ? await services.teamsReferences.getNotifyTarget(target) : target;
  if (!reference) return { delivered: false };
  const bot = channel ?? (await botChannelFor(services));
  let activityId: string | undefined;
  await bot.continueConversation(reference, async (turn) => {
    activityId = await turn.send(toMessage(content));
  });
  return { delivered: true, activityId };
}

export interface HandoffNotice {
  storeId: string;
  /** The shopper's ShopGuide conversation id. */
  conversationId: string;
  summary: string;
  shopperName?: string;
  /** The card to post instead of the plain notice (the handoff flow's card with Claim / Return to bot). */
  card?: AdaptiveCard;
}

/**
 * Posts a handoff request to the store's Teams conversation and remembers its reply chain, so a merchant's
 * reply in that chain is relayed to the shopper.
 */
export async function notifyHandoff(services: Composition, notice: HandoffNotice, channel?: BotChannel) {
  const card =
    notice.card ??
    noticeCard('A shopper asked for a person', notice.summary, [
      { title: 'Shopper', value: notice.shopperName ?? 'Guest' },
      { title: 'Conversation', value: notice.conversationId },
      { title: 'How to answer', value: 'Reply in this thread; your reply goes to the shopper.' },
    ]);
  const result = await sendProactive(services, notice.storeId, card, channel);
  if (result.activityId) {
    await services.teamsReferences.saveHandoffThread(result.activityId, {
      storeId: notice.storeId,
      conversationId: notice.conversationId,
      postedAt: services.now().toISOString(),
    });
  }
  return result;
}
