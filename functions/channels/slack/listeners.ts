import type { App, BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';
import type { Composition } from '../../app/compose';
import type { ShopperReply, ShopperTurnInput } from '../../assistant/types';
import type { InsightAnswer, MerchantQuestion } from '../../insights/merchant-assistant';
import type { Logger } from '../../observability/logger';
import { containsChinese } from '../../language/language';
import { WHOLE_TENANT } from '../../partners/partner';
import {
  escapeMrkdwn,
  FEEDBACK_DOWN,
  FEEDBACK_UP,
  homeView,
  INSIGHT_REPORT_ACTION,
  merchantAnswerBlocks,
  parseFeedbackValue,
  shopperReplyBlocks,
} from './blocks';
import { defaultHandoffChannel, setHandoffChannel } from './handoff-listeners';
import type { DynamoInstallationStore } from '../../storage/slack-installation-store';
import type { ReplyContent, SlackReplier } from './replier';
import { stripMentions } from './request';
import { blockActionPlace, type SlackEvent } from './slack-types';
import { FALLBACK_TEXT, FALLBACK_TEXT_ZH, helpText, unlinkedText } from './texts';
import { EXTERNAL_USER_TEXT, isExternalSlackUser } from './workspace-trust';

export interface ListenerDeps {
  services: Composition;
  installations: DynamoInstallationStore;
  replier: SlackReplier;
  assistant: { handleMessage(input: ShopperTurnInput): Promise<ShopperReply> };
  answerMerchant: (services: Composition, request: MerchantQuestion) => Promise<InsightAnswer>;
}

interface Turn {
  teamId: string;
  channel: string;
  userId: string;
  text: string;
  ts: string;
  threadTs?: string;
  isDm: boolean;
  /** The user's own workspace, when Slack says (Slack Connect). */
  userTeam?: string;
}

/** The conversation id the core sees for a Slack thread (one conversation per thread, or per DM thread). */
export function slackConversationId(teamId: string, channel: string, threadTs: string): string {
  return `slack:${teamId}:${channel}:${threadTs}`;
}

/** Wires Slack events to the core. Listeners translate; the decisions live in the core and the partner module. */
export function registerSlackListeners(app: App, deps: ListenerDeps): void {
  const { services } = deps;

  const onMessage = async (
    raw: SlackEvent,
    teamId: string | undefined,
    botUserId: string | undefined,
    client: WebClient,
  ) => {
    if (!raw.channel || !raw.ts || !raw.user || !teamId || raw.bot_id) return;
    const isDm = raw.channel_type === 'im';
    const mentioned = botUserId !== undefined && raw.text?.includes(`<@${botUserId}>`) === true;
    // In a channel, a reply without a mention is answered only in a thread where the bot answered insights.
    if (raw.type === 'message' && !isDm && !mentioned && !(await isInsightThread(services, teamId, raw)))
      return;
    const turn: Turn = {
      teamId,
      channel: raw.channel,
      userId: raw.user,
      text: stripMentions(raw.text ?? '', botUserId ? [botUserId] : []),
      ts: raw.ts,
      threadTs: raw.thread_ts,
      isDm,
      userTeam: raw.user_team,
    };
    await answerTurn(deps, turn, client);
  };

  app.event('app_mention', async ({ event, context, client }) => {
    await onMessage(event, context.teamId, context.botUserId, client);
  });

  app.event('message', async ({ event, context, client }) => {
    await onMessage(event, context.teamId, context.botUserId, client);
  });

  app.command(/^\/shopguide/, async ({ command, respond, client }) => {
    await handleCommand(deps, command, respond, client);
  });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${FEEDBACK_UP}|${FEEDBACK_DOWN})$`),
    async ({ body, action, client }) => {
      await handleFeedback(deps, body, action, client);
    },
  );

  // A report button of an unclear answer asks its report in the same thread, as the person who clicked.
  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^${INSIGHT_REPORT_ACTION}_`),
    async ({ body, action, client }) => {
      const teamId = body.team?.id ?? body.user.team_id;
      const { channel, messageTs, threadTs } = blockActionPlace(body);
      const root = threadTs ?? messageTs;
      if (!teamId || !channel || !root || !action.value) return;
      await answerTurn(
        deps,
        {
          teamId,
          channel,
          userId: body.user.id,
          text: action.value,
          ts: action.action_ts,
          threadTs: root,
          isDm: false,
        },
        client,
      );
    },
  );

  app.event('app_home_opened', async ({ event, context, client }) => {
    if (event.tab !== 'home' || !context.teamId) return;
    const route = await services.partnerService.route('slack', context.teamId, WHOLE_TENANT);
    let view = homeView({});
    if (route.kind !== 'unlinked') {
      const store = await services.stores.get(route.storeId);
      view = homeView({
        storeId: route.storeId,
        storeName: store?.name,
        purpose: route.binding.purpose,
        linkedAt: route.binding.linkedAt,
      });
    }
    await client.views.publish({ user_id: event.user, view });
  });

  const uninstall = async (teamId: string | undefined, enterpriseId: string | undefined) => {
    await deps.installations.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall: false });
    if (enterpriseId)
      await deps.installations.deleteInstallation({ teamId, enterpriseId, isEnterpriseInstall: true });
    services.logger.info('Slack installation removed', { teamId });
  };

  app.event('app_uninstalled', async ({ context }) => {
    await uninstall(context.teamId, context.enterpriseId);
  });

  app.event('tokens_revoked', async ({ event, context }) => {
    // Only a revoked bot token makes the installation useless; user tokens are not stored for use.
    if ((event.tokens.bot ?? []).length > 0) await uninstall(context.teamId, context.enterpriseId);
  });
}

/** A thread reply under an insight answer: a follow-up the merchant need not @mention. */
async function isInsightThread(services: Composition, teamId: string, raw: SlackEvent): Promise<boolean> {
  if (!raw.channel || !raw.thread_ts || raw.thread_ts === raw.ts) return false;
  const route = await services.partnerService.route('slack', teamId, raw.channel);
  if (route.kind !== 'merchant') return false;
  const session = slackConversationId(teamId, raw.channel, raw.thread_ts);
  return (await services.sessions.get(route.storeId, session)) !== undefined;
}

async function answerTurn(deps: ListenerDeps, turn: Turn, client: WebClient): Promise<void> {
  const { services, replier } = deps;
  const thread = turn.threadTs ?? turn.ts;
  const conversationId = slackConversationId(turn.teamId, turn.channel, thread);
  const log = services.logger.child({ channel: 'slack', teamId: turn.teamId, conversationId });
  const route = await services.partnerService.route('slack', turn.teamId, turn.channel);
  // Channel answers go in the thread of the mention; DMs stay flat unless the user is in a thread.
  const target = {
    channel: turn.channel,
    threadTs: turn.isDm ? turn.threadTs : thread,
    teamId: turn.teamId,
    userId: turn.userId,
  };

  if (route.kind === 'unlinked') {
    await replier.post(client, target, textContent(unlinkedText()));
    return;
  }
  if (route.kind === 'merchant' && isExternalSlackUser(turn.userTeam, turn.teamId)) {
    await replier.post(client, target, textContent(EXTERNAL_USER_TEXT));
    return;
  }

  let chart: Buffer | undefined;
  const produce = async (): Promise<ReplyContent> => {
    try {
      if (route.kind === 'merchant') {
        const answer = await deps.answerMerchant(services, {
          storeId: route.storeId,
          question: turn.text,
          caller: { platform: 'slack', userId: turn.userId },
          // Follow-ups keep context per thread; a flat DM is one running thread.
          session:
            turn.isDm && !turn.threadTs
              ? slackConversationId(turn.teamId, turn.channel, 'dm')
              : conversationId,
        });
        chart = answer.chartPng;
        return {
          text: answer.text || 'No data for that question yet.',
          blocks: merchantAnswerBlocks(answer, { replyId: `slack-${turn.ts}`, conversationId }),
        };
      }
      const reply = await deps.assistant.handleMessage({
        storeId: route.storeId,
        conversationId,
        channel: 'slack',
        text: turn.text,
        messageId: `slack:${turn.teamId}:${turn.channel}:${turn.ts}`,
      });
      const plain = reply.faqEntryId !== undefined;
      return {
        text: plain ? escapeMrkdwn(reply.text) : reply.text,
        blocks: shopperReplyBlocks(reply, conversationId),
        plain,
      };
    } catch (error) {
      // The core already falls back to the offline assistant on LLM failures; this is the last resort.
      log.error('Core failed to answer a Slack message', {
        error: error instanceof Error ? error.name : 'unknown',
      });
      return textContent(containsChinese(turn.text) ? FALLBACK_TEXT_ZH : FALLBACK_TEXT);
    }
  };

  if (turn.isDm) {
    await replier.converse(client, { ...target, threadTs: thread }, produce);
  } else {
    await replier.post(client, target, await produce());
  }
  if (chart) await uploadChart(client, turn.channel, thread, chart, log);
}

function textContent(text: string): ReplyContent {
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text } }];
  return { text, blocks };
}

type Respond = (message: {
  response_type?: 'ephemeral' | 'in_channel';
  text: string;
  blocks?: KnownBlock[];
}) => Promise<unknown>;

async function handleCommand(deps: ListenerDeps, command: SlashCommand, respond: Respond, client: WebClient) {
  const { services } = deps;
  const [sub = '', ...rest] = command.text.trim().split(/\s+/);
  const argument = rest.join(' ').trim();
  const log = services.logger.child({ channel: 'slack', teamId: command.team_id });

  if (sub.toLowerCase() === 'link') {
    const result = await services.partnerService.redeemLinkCode(argument, {
      platform: 'slack',
      tenantId: command.team_id,
      conversationId: command.channel_id,
      userId: command.user_id,
      displayName: command.user_name,
    });
    if (!result.ok) {
      await respond({
        response_type: 'ephemeral',
        text: 'That code is invalid or has expired. Codes work once, for 15 minutes: ask for a new one with `npx shopguide partner link-code <storeId>`.',
      });
      return;
    }
    const store = await services.stores.get(result.binding.storeId);
    const name = store?.name ?? result.binding.storeId;
    if (result.binding.purpose === 'merchant')
      await defaultHandoffChannel(services, result.binding.storeId, command);
    log.info('Slack workspace linked', { storeId: result.binding.storeId, purpose: result.binding.purpose });
    await respond({
      response_type: 'ephemeral',
      text:
        result.binding.purpose === 'shopper'
          ? `This channel now answers shoppers of *${name}*.`
          : `Linked this workspace to *${name}*. Ask me with \`/shopguide insights <question>\` or mention @ShopGuide.`,
    });
    return;
  }

  if (sub.toLowerCase() === 'handoff-channel') {
    await respond({ response_type: 'ephemeral', text: await setHandoffChannel(services, command) });
    return;
  }

  if (sub.toLowerCase() === 'insights') {
    const route = await services.partnerService.route('slack', command.team_id, command.channel_id);
    if (route.kind !== 'merchant') {
      await respond({ response_type: 'ephemeral', text: unlinkedText() });
      return;
    }
    if (!argument) {
      await respond({
        response_type: 'ephemeral',
        text: 'Ask a question, e.g. `/shopguide insights top sellers last week`.',
      });
      return;
    }
    let answer: InsightAnswer;
    try {
      answer = await deps.answerMerchant(services, {
        storeId: route.storeId,
        question: argument,
        caller: { platform: 'slack', userId: command.user_id, displayName: command.user_name },
      });
    } catch (error) {
      log.error('Insights failed', { error: error instanceof Error ? error.name : 'unknown' });
      await respond({
        response_type: 'ephemeral',
        text: containsChinese(argument) ? FALLBACK_TEXT_ZH : FALLBACK_TEXT,
      });
      return;
    }
    const conversationId = slackConversationId(
      command.team_id,
      command.channel_id,
      command.trigger_id ?? 'command',
    );
    await respond({
      response_type: 'ephemeral',
      text: answer.text || 'No data for that question yet.',
      blocks: merchantAnswerBlocks(answer, {
        replyId: `slack-cmd-${command.trigger_id ?? ''}`.slice(0, 100),
        conversationId,
      }),
    });
    if (answer.chartPng) await uploadChart(client, command.channel_id, undefined, answer.chartPng, log);
    return;
  }

  await respond({ response_type: 'ephemeral', text: helpText() });
}

export async function uploadChart(
  client: WebClient,
  channel: string,
  threadTs: string | undefined,
  png: Buffer,
  log: Logger,
) {
  try {
    const file = { file: png, filename: 'chart.png', title: 'Chart' };
    await (threadTs
      ? client.files.uploadV2({ channel_id: channel, thread_ts: threadTs, ...file })
      : client.files.uploadV2({ channel_id: channel, ...file }));
  } catch (error) {
    // A chart is a nicety: the numbers are already in the answer's table.
    log.warn('Chart upload failed', { error: error instanceof Error ? error.message : 'unknown' });
  }
}

async function handleFeedback(
  deps: ListenerDeps,
  body: BlockAction<ButtonAction>,
  action: ButtonAction,
  client: WebClient,
) {
  const { services } = deps;
  const teamId = body.team?.id ?? body.user.team_id;
  const { channel, threadTs } = blockActionPlace(body);
  const ref = parseFeedbackValue(action.value);
  if (!teamId || !channel || !ref) return;
  // A reply of this workspace and channel only: the store comes from the binding, never from the button.
  if (!ref.conversationId.startsWith(`slack:${teamId}:${channel}:`)) return;
  const route = await services.partnerService.route('slack', teamId, channel);
  if (route.kind === 'unlinked') return;
  await services.feedback.recordFeedback(
    {
      storeId: route.storeId,
      conversationId: ref.conversationId,
      channel: 'slack',
      variantId: ref.variantId,
    },
    { replyId: ref.replyId, rating: action.action_id === FEEDBACK_UP ? 'up' : 'down' },
  );
  await client.chat.postEphemeral({
    channel,
    user: body.user.id,
    text: 'Thanks for the feedback!',
    ...(threadTs ? { thread_ts: threadTs } : {}),
  });
}
