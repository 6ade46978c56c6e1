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
import { activityClaimId, shopGuideConversationId, tenantOf, userOf } from './activity-identity';
import { insightCard, shopperReplyCard } from './cards';
import { chooseNotifyTarget, HELP_TEXT, linkStore, parseCommand } from './commands';
import { onTeamsInvoke } from './invoke';
import type { TeamsReferenceStore } from '../../ports/teams-references';
import { splitThreadId, textWithoutBotMention } from './mentions';
import { resolveTeamsRoute, type TeamsRoute } from './routing';
import { feedbackSchema, recordTeamsFeedback } from './shopper-feedback';

export const TEAMS_TURN_JOB = 'teams.turn';
const ACTIVITY_CLAIM_SCOPE = 'teams-activity';
const JOB_CLAIM_SCOPE = 'teams-turn';
// Bot Framework redelivers within minutes; a day covers it with room to spare.
const CLAIM_TTL_SECONDS = 24 * 3600;

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

/**
 * The Teams bot: message turns (de-duplicated, then commands, routing and answers; card actions are
 * `onTeamsInvoke`'s). It sees only the `BotChannel` port, never botbuilder.
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
    if (activity.type === 'invoke') return onTeamsInvoke(this.services, activity);
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
      await recordTeamsFeedback(this.services, activity, feedback.data);
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
      await turn.send({ text: await linkStore(this.services, activity, command.code) });
      return;
    }

    const route = await resolveTeamsRoute(this.services, activity);
    if (!route) {
      await turn.send({ text: `This conversation is not linked to a store yet.\n\n${HELP_TEXT}` });
      return;
    }
    const conversationId = shopGuideConversationId(activity.conversation.id);
    await this.references.save(route.storeId, conversationId, turn.reference, this.services.now());

    if (command.kind === 'notify') {
      await turn.send({ text: await chooseNotifyTarget(this.services, route, activity) });
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
}
