import { createHash } from 'node:crypto';
import { TEAMS_FAQ_VERBS } from './faq-cards';
import { teamsFaqInvoke } from './faq';
import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import type { Logger } from '../../observability/logger';
import type { WorkJob } from '../../ports/work-queue';
import { STORE_ID_PATTERN } from '../../stores/store';
import type {
  BotChannel,
  BotTurn,
  ConversationRef,
  InboundActivity,
  InvokeReply,
  OutboundMessage,
} from './activity';
import { referenceOf } from './activity';
import { insightCard, shopperReplyCard } from './cards';
import type { TeamsReferenceStore } from '../../ports/teams-references';
import { TEAMS_HANDOFF_CLAIM, TEAMS_HANDOFF_RELEASE, teamsHandoffInvoke } from './handoff';
import { splitThreadId, textWithoutBotMention } from './mentions';

export const TEAMS_TURN_JOB = 'teams.turn';
const ACTIVITY_CLAIM_SCOPE = 'teams-activity';
const JOB_CLAIM_SCOPE = 'teams-turn';
// Bot Framework redelivers within minutes; a day covers it with room to spare.
const CLAIM_TTL_SECONDS = 24 * 3600;

/** Who decided what a Teams conversation may reach. Store scoping comes from bindings, never from the text. */
export type TeamsRoute = { kind: 'merchant'; storeId: string } | { kind: 'shopper'; storeId: string };

/** Everything a turn needs after the HTTP request is gone: also the `teams.turn` job payload. */
export interface TeamsTurnInput {
  activityId: string;
  reference: ConversationRef;
  text: string;
  tenantId: string;
  userId: string;
  displayName?: string;
  route: TeamsRoute;
}

const turnInputSchema = z.object({
  activityId: z.string().check(z.minLength(1)),
  reference: z.looseObject({
    bot: z.looseObject({ id: z.string() }),
    conversation: z.looseObject({ id: z.string() }),
    channelId: z.string(),
    serviceUrl: z.url(),
  }),
  text: z.string(),
  tenantId: z.string(),
  userId: z.string(),
  displayName: z.optional(z.string()),
  route: z.object({
    kind: z.enum(['merchant', 'shopper']),
    storeId: z.string().check(z.regex(STORE_ID_PATTERN)),
  }),
});

const feedbackSchema = z.object({
  action: z.literal('feedback'),
  replyId: z.string().check(z.minLength(1), z.maxLength(100)),
  rating: z.enum(['up', 'down']),
});

const HELP_TEXT = [
  'I am ShopGuide.',
  '- Store team: link this tenant to your store with `link <code>` (create the code with `npx shopguide partner link-code --store <id>`), then ask about sales and demand.',
  '- `notify here`: send the store’s digests and handoff requests to this conversation.',
  '- Shoppers: just ask about products, orders and policies.',
].join('\n');

type Command = { kind: 'link'; code: string } | { kind: 'notify' } | { kind: 'help' } | { kind: 'none' };

function parseCommand(text: string): Command {
  const link = /^link\s+([A-Za-z0-9][A-Za-z0-9 -]{5,20})$/i.exec(text);
  if (link?.[1]) return { kind: 'link', code: link[1] };
  if (/^(notify here|use this (channel|chat) for (alerts|notifications))$/i.test(text))
    return { kind: 'notify' };
  if (text === '' || /^(help|\/help|\?)$/i.test(text)) return { kind: 'help' };
  return { kind: 'none' };
}

/**
 * The tenant the platform vouches for: only `msteams` activities carry one. Direct Line and Web Chat
 * clients write their own `channelData` and `conversation`, so a tenant id there proves nothing.
 */
function verifiedTenantOf(activity: InboundActivity): string | undefined {
  if (activity.channelId !== 'msteams') return undefined;
  return activity.channelData?.tenant?.id ?? activity.conversation.tenantId;
}

/** Binding key of the activity's tenant; other Bot Framework channels share one per channel. */
function tenantOf(activity: InboundActivity): string {
  return verifiedTenantOf(activity) ?? `channel:${activity.channelId}`;
}

function userOf(activity: InboundActivity): string {
  return activity.from.aadObjectId ?? activity.from.id;
}

/** ShopGuide's conversation id for a Teams conversation (ids must not contain the key separator `#`). */
export function shopGuideConversationId(teamsConversationId: string): string {
  return `teams:${teamsConversationId.replace(/#/g, '%23')}`;
}

function activityClaimId(activity: InboundActivity): string {
  return createHash('sha256')
    .update(`${activity.channelId}|${activity.conversation.id}|${activity.id ?? ''}`)
    .digest('base64url');
}

/**
 * The Teams bot: routing, commands and answers. It sees only the `BotChannel` port, never botbuilder.
 * Slow turns (LLM mode) leave through the work queue and are answered proactively by `runQueuedTurn`.
 */
export class TeamsBot {
  private readonly references: TeamsReferenceStore;
  private readonly logger: Logger;

  constructor(
    private readonly services: Composition,
    private readonly channel: BotChannel,
  ) {
    this.references = services.teamsReferences;
    this.logger = services.logger.child({ channel: 'teams' });
  }

  async onTurn(turn: BotTurn): Promise<InvokeReply | void> {
    const { activity } = turn;
    if (activity.type === 'invoke') return this.onInvoke(turn);
    if (activity.type !== 'message' || !activity.id) return;

    const claimId = activityClaimId(activity);
    if (!(await this.services.claims.claim(ACTIVITY_CLAIM_SCOPE, claimId, CLAIM_TTL_SECONDS))) {
      this.logger.info('Duplicate Teams activity ignored', { conversationId: activity.conversation.id });
      return;
    }
    try {
      await this.onMessage(turn, claimId);
    } catch (error) {
      // Let the redelivery try again rather than lose the message.
      await this.services.claims.release(ACTIVITY_CLAIM_SCOPE, claimId);
      throw error;
    }
  }

  /** The `teams.turn` consumer: answers a deferred turn and writes the answer proactively. */
  async runQueuedTurn(job: WorkJob): Promise<void> {
    const parsed = turnInputSchema.safeParse(job.payload);
    if (!parsed.success) {
      this.logger.error('Malformed teams.turn job dropped', { jobId: job.id });
      return;
    }
    const input = parsed.data as TeamsTurnInput;
    if (!(await this.services.claims.claim(JOB_CLAIM_SCOPE, job.id, CLAIM_TTL_SECONDS))) return;
    try {
      const message = await this.answer(input);
      if (message) {
        await this.channel.continueConversation(input.reference, async (turn) => {
          await turn.send(message);
        });
      }
    } catch (error) {
      await this.services.claims.release(JOB_CLAIM_SCOPE, job.id);
      throw error;
    }
  }

  private async onMessage(turn: BotTurn, claimId: string): Promise<void> {
    const { activity } = turn;
    const feedback = feedbackSchema.safeParse(activity.value);
    if (feedback.success) {
      await this.recordFeedback(activity, feedback.data);
      await turn.send({ text: 'Thanks for the feedback!' });
      return;
    }
    // Teams' deadline is ~15 s: show we are on it before any storage or model call.
    await turn.sendTyping();

    const suggestion = activity.value as { action?: unknown; text?: unknown } | undefined;
    const text =
      suggestion?.action === 'suggestion' && typeof suggestion.text === 'string'
        ? suggestion.text.trim()
        : textWithoutBotMention(activity);
    const command = parseCommand(text);
    if (command.kind === 'help') {
      await turn.send({ text: HELP_TEXT });
      return;
    }
    if (command.kind === 'link') {
      await turn.send({ text: await this.link(activity, command.code) });
      return;
    }

    const route = await this.resolveRoute(activity);
    if (!route) {
      await turn.send({ text: `This conversation is not linked to a store yet.\n\n${HELP_TEXT}` });
      return;
    }
    const conversationId = shopGuideConversationId(activity.conversation.id);
    await this.references.save(route.storeId, conversationId, turn.reference, this.services.now());

    if (command.kind === 'notify') {
      await turn.send({ text: await this.setNotifyTarget(route, activity) });
      return;
    }
    if (route.kind === 'merchant') {
      const { rootMessageId } = splitThreadId(activity.conversation.id);
      const thread = rootMessageId && (await this.references.getHandoffThread(route.storeId, rootMessageId));
      if (thread) {
        await turn.send({
          text: await this.relayToShopper(route.storeId, thread.conversationId, activity, text),
        });
        return;
      }
    }

    const input: TeamsTurnInput = {
      activityId: activity.id ?? claimId,
      reference: turn.reference,
      text,
      tenantId: tenantOf(activity),
      userId: userOf(activity),
      displayName: activity.from.name,
      route,
    };
    if (this.mayBeSlow()) {
      const queue = this.services.queue;
      if (queue) {
        await queue.enqueue({ kind: TEAMS_TURN_JOB, id: claimId, payload: input });
        return;
      }
      this.logger.warn('LLM mode without a work queue: answering inline, Teams may time out');
    }
    const message = await this.answer(input);
    if (message) await turn.send(message);
  }

  private mayBeSlow(): boolean {
    return this.services.config.llm.mode === 'openai';
  }

  private async answer(input: TeamsTurnInput): Promise<OutboundMessage | undefined> {
    const { route } = input;
    // Loaded on first answer: a front door that defers every turn to the worker never pays for them.
    if (route.kind === 'merchant') {
      const { answerMerchantQuestion } = await this.services.merchantAssistant();
      const answer = await answerMerchantQuestion(this.services, {
        storeId: route.storeId,
        question: input.text,
        caller: { platform: 'teams', userId: input.userId, displayName: input.displayName },
        // A channel reply chain has its own conversation id (`;messageid=`): follow-ups keep context there.
        session: shopGuideConversationId(input.reference.conversation.id),
      });
      return { cards: [insightCard(answer)] };
    }
    const assistant = await this.services.assistant();
    const reply = await assistant.handleMessage({
      storeId: route.storeId,
      conversationId: shopGuideConversationId(input.reference.conversation.id),
      channel: 'teams',
      text: input.text,
      messageId: input.activityId,
      shopperName: input.displayName,
    });
    // A person has the conversation: the bot stays quiet.
    if (reply.source === 'silent' || !reply.text) return undefined;
    return { cards: [shopperReplyCard(reply)], suggestions: reply.suggestions };
  }

  /**
   * A conversation linked to a store (shopper binding, or the store team's tenant) goes there. Anyone else is
   * a shopper: of the store their Web Chat embed names, or of the only store of a single-store deployment.
   */
  private async resolveRoute(activity: InboundActivity): Promise<TeamsRoute | undefined> {
    const { baseId } = splitThreadId(activity.conversation.id);
    const route = await this.services.partnerService.route('teams', tenantOf(activity), baseId);
    // Merchant tools only for a tenant Teams verified; anything else is at most a shopper.
    if (route.kind === 'shopper' || (route.kind === 'merchant' && verifiedTenantOf(activity)))
      return { kind: route.kind, storeId: route.storeId };
    const requested = activity.channelData?.storeId;
    if (
      typeof requested === 'string' &&
      STORE_ID_PATTERN.test(requested) &&
      (await this.services.stores.get(requested))
    ) {
      return { kind: 'shopper', storeId: requested };
    }
    const stores = await this.services.stores.list();
    return stores.length === 1 && stores[0] ? { kind: 'shopper', storeId: stores[0].id } : undefined;
  }

  private async link(activity: InboundActivity, code: string): Promise<string> {
    if (!verifiedTenantOf(activity)) return 'Stores can be linked only from Microsoft Teams.';
    const { baseId } = splitThreadId(activity.conversation.id);
    const result = await this.services.partnerService.redeemLinkCode(code, {
      platform: 'teams',
      tenantId: tenantOf(activity),
      conversationId: baseId,
      userId: userOf(activity),
      displayName: activity.from.name,
    });
    if (!result.ok) return 'That code is invalid or has expired. Ask the store owner for a new one.';
    const { storeId, purpose } = result.binding;
    if (purpose === 'shopper') return `Linked: shoppers in this conversation now get ${storeId}'s assistant.`;
    const reference = {
      ...referenceOf(activity),
      activityId: undefined,
      conversation: { ...activity.conversation, id: baseId },
    };
    if (!(await this.references.getNotifyTarget(storeId))) {
      await this.references.setNotifyTarget(storeId, reference, this.services.now());
    }
    return `Linked to store ${storeId} as ${result.role}. Ask me about sales and demand; send \`notify here\` to choose where digests and handoff requests go.`;
  }

  private async setNotifyTarget(route: TeamsRoute, activity: InboundActivity): Promise<string> {
    if (route.kind !== 'merchant') return 'Only the store team can choose where notifications go.';
    const { baseId } = splitThreadId(activity.conversation.id);
    const reference = {
      ...referenceOf(activity),
      activityId: undefined,
      conversation: { ...activity.conversation, id: baseId },
    };
    await this.references.setNotifyTarget(route.storeId, reference, this.services.now());
    return `Digests and handoff requests for ${route.storeId} will be posted here.`;
  }

  private async relayToShopper(
    storeId: string,
    conversationId: string,
    activity: InboundActivity,
    text: string,
  ) {
    // An unclaimed request becomes the replier's (the shopper sees "joined" before the reply).
    await this.services.handoff.merchantReplied(storeId, conversationId, {
      id: `teams:${userOf(activity)}`,
      name: activity.from.name ?? 'Store team',
    });
    await this.services.conversations.appendMessage({
      id: `teams-${activityClaimId(activity)}`,
      storeId,
      conversationId,
      role: 'merchant',
      text,
      author: activity.from.name,
    });
    // Web chat shoppers poll for merchant messages; Teams shoppers get them pushed.
    const shopperReference = conversationId.startsWith('teams:')
      ? await this.references.get(storeId, conversationId)
      : undefined;
    if (shopperReference) {
      await this.channel.continueConversation(shopperReference, async (turn) => {
        await turn.send({ text: activity.from.name ? `${activity.from.name}: ${text}` : text });
      });
    }
    return 'Sent to the shopper.';
  }

  private async onInvoke(turn: BotTurn): Promise<InvokeReply> {
    const { activity } = turn;
    const value = activity.value as { action?: { verb?: string; data?: unknown } } | undefined;
    const verb = value?.action?.verb;
    if (
      activity.name === 'adaptiveCard/action' &&
      (verb === TEAMS_HANDOFF_CLAIM || verb === TEAMS_HANDOFF_RELEASE)
    ) {
      const route = await this.resolveRoute(activity);
      if (route?.kind !== 'merchant') return { status: 200, body: {} };
      return teamsHandoffInvoke(this.services, route.storeId, activity, verb, value?.action?.data);
    }
    if (activity.name === 'adaptiveCard/action' && verb && TEAMS_FAQ_VERBS.has(verb)) {
      const route = await this.resolveRoute(activity);
      if (route?.kind !== 'merchant') return { status: 200, body: {} };
      return teamsFaqInvoke(this.services, route.storeId, activity, verb, value?.action?.data);
    }
    if (activity.name !== 'adaptiveCard/action' || value?.action?.verb !== 'feedback') {
      return { status: 200, body: {} };
    }
    const feedback = feedbackSchema.safeParse(value.action.data);
    if (!feedback.success) {
      return {
        status: 200,
        body: {
          statusCode: 400,
          type: 'application/vnd.microsoft.error',
          value: { code: 'BadRequest', message: 'Invalid feedback' },
        },
      };
    }
    await this.recordFeedback(activity, feedback.data);
    return {
      status: 200,
      body: {
        statusCode: 200,
        type: 'application/vnd.microsoft.activity.message',
        value: 'Thanks for the feedback!',
      },
    };
  }

  private async recordFeedback(activity: InboundActivity, feedback: z.infer<typeof feedbackSchema>) {
    const route = await this.resolveRoute(activity);
    if (route?.kind !== 'shopper') return;
    await this.services.feedback.recordFeedback(
      {
        storeId: route.storeId,
        conversationId: shopGuideConversationId(activity.conversation.id),
        channel: 'teams',
      },
      { replyId: feedback.replyId, rating: feedback.rating },
    );
  }
}
