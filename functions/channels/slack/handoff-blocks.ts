import type { KnownBlock } from '@slack/types';
import type { HandoffCardContent, RelayMessage } from '../../handoff/handoff-types';
import { escapeMrkdwn, handoffActions, productSection } from './blocks';
import { handoffFaqActions } from './faq-blocks';

const TRIGGER_TITLE: Record<HandoffCardContent['trigger'], string> = {
  explicit: 'A shopper asked for a person',
  unanswered: 'A shopper needs a person (two questions the bot could not answer)',
  downvotes: 'A shopper needs a person (two unhelpful answers in a row)',
};

const CHANNEL_NAME: Record<HandoffCardContent['channel'], string> = {
  webchat: 'web chat',
  slack: 'Slack',
  teams: 'Teams',
  cli: 'CLI',
};

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The status line everyone in the channel sees; it changes with every transition (chat.update). */
export function handoffStatusText(card: HandoffCardContent): string {
  if (card.status === 'claimed')
    return `:large_green_circle: *Claimed by ${escapeMrkdwn(card.claimedByName ?? 'someone')}*`;
  if (card.status === 'released') {
    return card.releaseReason === 'idle'
      ? ':robot_face: *Returned to the bot* after the conversation went idle'
      : `:robot_face: *Returned to the bot*${card.claimedByName ? ` (was with ${escapeMrkdwn(card.claimedByName)})` : ''}`;
  }
  return ':hourglass_flowing_sand: *Waiting for someone to claim it*';
}

/** The handoff card: summary, preferences, products discussed, last messages, and Claim / Return to bot. */
export function handoffCardBlocks(card: HandoffCardContent): KnownBlock[] {
  const { summary } = card;
  const blocks: KnownBlock[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(TRIGGER_TITLE[card.trigger], 150), emoji: true },
    },
    {
      type: 'section',
      block_id: 'handoff_status',
      text: {
        type: 'mrkdwn',
        text: `${handoffStatusText(card)}\nStore: *${escapeMrkdwn(card.storeName)}* · via ${CHANNEL_NAME[card.channel]} · asked at ${card.requestedAt.slice(11, 16)} UTC`,
      },
    },
    {
      type: 'section',
      block_id: 'handoff_summary',
      text: { type: 'mrkdwn', text: clip(`*Summary*\n${escapeMrkdwn(summary.text)}`, 2900) },
    },
  ];
  const fields = [`*Intent*\n${escapeMrkdwn(summary.intent)}`];
  if (summary.preferences.length > 0)
    fields.push(`*Preferences*\n${escapeMrkdwn(summary.preferences.join('; '))}`);
  if (card.email) fields.push(`*Email left*\n${escapeMrkdwn(card.email)}`);
  blocks.push({
    type: 'section',
    fields: fields.map((text) => ({ type: 'mrkdwn', text: clip(text, 1900) })),
  });
  if (summary.products.length > 0) {
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: '*Products discussed*' } });
    for (const product of summary.products.slice(0, 5)) blocks.push(productSection(product));
  }
  if (summary.lastMessages.length > 0) {
    const lines = summary.lastMessages.map(
      (m) => `> *${speaker(m.role, m.author)}:* ${escapeMrkdwn(clip(m.text, 300))}`,
    );
    blocks.push({
      type: 'section',
      block_id: 'handoff_last_messages',
      text: { type: 'mrkdwn', text: clip(`*Last messages*\n${lines.join('\n')}`, 2900) },
    });
  }
  if (card.status !== 'released') blocks.push(handoffActions(card.conversationId));
  // Once a person has answered, their reply can become a FAQ entry the bot uses from then on.
  blocks.push(handoffFaqActions(card.conversationId));
  blocks.push({
    type: 'context',
    elements: [
      {
        type: 'mrkdwn',
        text:
          card.status === 'released'
            ? 'The assistant is answering again and keeps the context of this conversation.'
            : 'Reply in this thread: your replies go to the shopper, and their messages appear here.',
      },
    ],
  });
  return blocks;
}

/** Plain-text fallback of the card (notifications, screen readers). */
export function handoffCardText(card: HandoffCardContent): string {
  return `${TRIGGER_TITLE[card.trigger]}: ${card.summary.text}`;
}

/** A message relayed into the handoff thread. */
export function relayText(message: RelayMessage): string {
  if (message.role === 'system') return `_${escapeMrkdwn(message.text)}_`;
  return `*${speaker(message.role, message.author)}:* ${escapeMrkdwn(message.text)}`;
}

function speaker(role: RelayMessage['role'], author?: string): string {
  if (role === 'shopper') return author ? `Shopper (${author})` : 'Shopper';
  if (role === 'merchant') return author ?? 'Store team';
  if (role === 'assistant') return 'Assistant';
  return 'Note';
}
