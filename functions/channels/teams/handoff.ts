import type { Composition } from '../../app/compose';
import { stockLabel } from '../../catalog/stock-wording';
import { loadCardContent } from '../../handoff/delivery';
import type {
  HandoffActor,
  HandoffCardContent,
  HandoffNotifier,
  HandoffThreadRef,
  RelayMessage,
} from '../../handoff/handoff-types';
import type { AdaptiveCard, ConversationRef, InboundActivity, InvokeReply } from './activity';
import { botChannelFor } from './channel';
import { splitThreadId } from './mentions';
import { notifyHandoff } from './proactive';
import { handoffFaqAction } from './faq-cards';

export const TEAMS_HANDOFF_CLAIM = 'handoff_claim';
export const TEAMS_HANDOFF_RELEASE = 'handoff_release';

const SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';

const TITLE: Record<HandoffCardContent['trigger'], string> = {
  explicit: 'A shopper asked for a person',
  unanswered: 'A shopper needs a person (two questions the bot could not answer)',
  downvotes: 'A shopper needs a person (two unhelpful answers in a row)',
};

function statusText(card: HandoffCardContent): string {
  if (card.status === 'claimed') return `Claimed by ${card.claimedByName ?? 'someone'}`;
  if (card.status === 'released') {
    return card.releaseReason === 'idle'
      ? 'Returned to the bot after the conversation went idle'
      : 'Returned to the bot';
  }
  return 'Waiting for someone to claim it';
}

/** The handoff card for Teams: the same content as Slack's, with Claim / Return to bot as Action.Execute. */
export function handoffAdaptiveCard(card: HandoffCardContent): AdaptiveCard {
  const { summary } = card;
  const facts = [
    { title: 'Status', value: statusText(card) },
    { title: 'Intent', value: summary.intent },
    { title: 'Channel', value: card.channel === 'webchat' ? 'web chat' : card.channel },
  ];
  if (summary.preferences.length > 0)
    facts.push({ title: 'Preferences', value: summary.preferences.join('; ') });
  if (card.email) facts.push({ title: 'Email left', value: card.email });
  const body: unknown[] = [
    { type: 'TextBlock', text: TITLE[card.trigger], weight: 'Bolder', size: 'Medium', wrap: true },
    { type: 'TextBlock', text: summary.text, wrap: true },
    { type: 'FactSet', facts },
  ];
  if (summary.products.length > 0) {
    body.push({ type: 'TextBlock', text: 'Products discussed', weight: 'Bolder', separator: true });
    for (const p of summary.products) {
      body.push({
        type: 'TextBlock',
        text: `${p.title}: ${p.price.toFixed(2)} ${p.currency}, ${stockLabel(p.inStock ? p.stock : 0, 'en')}`,
        wrap: true,
        spacing: 'None',
      });
    }
  }
  if (summary.lastMessages.length > 0) {
    body.push({ type: 'TextBlock', text: 'Last messages', weight: 'Bolder', separator: true });
    for (const m of summary.lastMessages) {
      const who =
        m.role === 'shopper' ? 'Shopper' : m.role === 'merchant' ? (m.author ?? 'Store team') : 'Assistant';
      body.push({
        type: 'TextBlock',
        text: `${who}: ${m.text}`,
        wrap: true,
        spacing: 'None',
        isSubtle: m.role !== 'shopper',
      });
    }
  }
  body.push({
    type: 'TextBlock',
    text:
      card.status === 'released'
        ? 'The assistant is answering again and keeps the context of this conversation.'
        : 'Reply in this thread: your replies go to the shopper.',
    wrap: true,
    isSubtle: true,
    size: 'Small',
  });
  const data = { action: 'handoff', conversationId: card.conversationId };
  const actions: unknown[] =
    card.status === 'released'
      ? []
      : [
          { type: 'Action.Execute', title: 'Claim', verb: TEAMS_HANDOFF_CLAIM, data, style: 'positive' },
          { type: 'Action.Execute', title: 'Return to bot', verb: TEAMS_HANDOFF_RELEASE, data },
        ];
  // Once a person has answered, their reply can become a FAQ entry the bot uses from then on.
  actions.push(handoffFaqAction(card.conversationId));
  return { type: 'AdaptiveCard', $schema: SCHEMA, version: '1.5', body, actions };
}

/** The reply chain under the card: where relays and status notes go. */
function replyChainOf(thread: HandoffThreadRef): ConversationRef | undefined {
  const { reference, activityId } = thread.address;
  if (!reference || !activityId) return undefined;
  const base = JSON.parse(reference) as ConversationRef;
  const { baseId } = splitThreadId(base.conversation.id);
  return {
    ...base,
    activityId,
    conversation: { ...base.conversation, id: `${baseId};messageid=${activityId}` },
  };
}

/**
 * Handoff cards in Teams, through the existing `notifyHandoff` (which also records the reply chain that
 * leads merchants' replies back to the shopper). The connector cannot be asked to redraw a card from here,
 * so status changes made elsewhere (a Slack claim, the idle timer) are posted as notes in the reply chain;
 * a claim from the card itself redraws it through the invoke response.
 */
export function createTeamsHandoffNotifier(services: Composition): HandoffNotifier {
  const references = services.teamsReferences;
  const send = async (thread: HandoffThreadRef, text: string) => {
    const reference = replyChainOf(thread);
    if (!reference) return;
    const channel = await botChannelFor(services);
    await channel.continueConversation(reference, async (turn) => {
      await turn.send({ text });
    });
  };
  return {
    platform: 'teams',
    async postCard(card) {
      const target = await references.getNotifyTarget(card.storeId);
      if (!target) return undefined;
      const result = await notifyHandoff(services, {
        storeId: card.storeId,
        conversationId: card.conversationId,
        summary: card.summary.text,
        card: handoffAdaptiveCard(card),
      });
      if (!result.delivered || !result.activityId) return undefined;
      return {
        platform: 'teams',
        requestId: card.requestId,
        address: { activityId: result.activityId, reference: JSON.stringify(target) },
      };
    },
    async updateCard(thread, card) {
      await send(
        thread,
        `Status: ${statusText(card)}.${card.email ? ` Email left by the shopper: ${card.email}` : ''}`,
      );
    },
    async postMessage(thread, message: RelayMessage) {
      const who =
        message.role === 'shopper'
          ? message.author
            ? `Shopper (${message.author})`
            : 'Shopper'
          : message.role === 'system'
            ? 'Note'
            : (message.author ?? 'Store team');
      await send(thread, `${who}: ${message.text}`);
    },
  };
}

/**
 * Claim / Return to bot clicked on a Teams card (`adaptiveCard/action`). The store comes from the
 * merchant binding of the clicker's conversation, never from the card data. The clicker's card is redrawn
 * with the new status; a refused claim answers only the clicker.
 */
export async function teamsHandoffInvoke(
  services: Composition,
  storeId: string,
  activity: InboundActivity,
  verb: string,
  data: unknown,
): Promise<InvokeReply> {
  const conversationId = (data as { conversationId?: unknown } | undefined)?.conversationId;
  if (typeof conversationId !== 'string') return invokeMessage('That card is no longer valid.');
  const handoff = services.handoff;
  const actor: HandoffActor = {
    id: `teams:${activity.from.aadObjectId ?? activity.from.id}`,
    name: activity.from.name ?? 'Store team',
  };
  if (verb === TEAMS_HANDOFF_CLAIM) {
    const outcome = await handoff.claim(storeId, conversationId, actor);
    if (outcome.status === 'already_claimed') {
      return invokeMessage(
        `Thanks! ${outcome.owner} is already answering this shopper, so you don’t need to.`,
      );
    }
    if (outcome.status === 'not_open')
      return invokeMessage('This conversation is already back with the assistant.');
  } else {
    const outcome = await handoff.release(storeId, conversationId, { actor, reason: 'merchant' });
    if (outcome.status === 'not_open')
      return invokeMessage('This conversation is already with the assistant.');
  }
  const thread = await services.handoffs.getThread(storeId, conversationId, 'teams');
  const content = await loadCardContent(services, storeId, conversationId, thread?.summary);
  if (!content) return invokeMessage('Done.');
  return {
    status: 200,
    body: {
      statusCode: 200,
      type: 'application/vnd.microsoft.card.adaptive',
      value: handoffAdaptiveCard(content),
    },
  };
}

function invokeMessage(text: string): InvokeReply {
  return {
    status: 200,
    body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
  };
}
