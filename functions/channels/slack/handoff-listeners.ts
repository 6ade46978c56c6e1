import type { App, BlockAction, ButtonAction, SlashCommand } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Composition } from '../../app/compose';
import type { HandoffService } from '../../handoff/handoff-service';
import type { HandoffActor } from '../../handoff/handoff-types';
import { HANDOFF_CLAIM, HANDOFF_RELEASE } from './blocks';
import { stripMentions } from './request';
import { blockActionPlace, type SlackEvent } from './slack-types';
import { isExternalSlackUser } from './workspace-trust';

/** The Slack identity of a person, as the handoff state stores it. */
export function slackActorId(teamId: string, userId: string): string {
  return `slack:${teamId}:${userId}`;
}

/**
 * The merchant side of a handoff in Slack: Claim / Return to bot on the card, and replies in the card's
 * thread relayed to the shopper (stored first; web chat shoppers see them on their next poll).
 */
export function registerSlackHandoffListeners(
  app: App,
  services: Composition,
  handoff: HandoffService,
): void {
  const log = services.logger.child({ channel: 'slack', module: 'handoff' });

  app.action<BlockAction<ButtonAction>>(
    new RegExp(`^(${HANDOFF_CLAIM}|${HANDOFF_RELEASE})$`),
    async ({ body, action, client }) => {
      const teamId = body.team?.id ?? body.user.team_id;
      const { channel, messageTs: cardTs } = blockActionPlace(body);
      if (!teamId || !channel || !cardTs || !action.value) return;
      if (isExternalSlackUser(body.user.team_id, teamId)) return;
      // The card must be one we posted for a store bound to this workspace: never trust the button value alone.
      const thread = await services.handoffs.findSlackThread(teamId, channel, String(cardTs));
      const route = await services.partnerService.route('slack', teamId, channel);
      if (!thread || route.kind !== 'merchant' || thread.storeId !== route.storeId) return;
      if (thread.conversationId !== action.value) return;
      const actor: HandoffActor = {
        id: slackActorId(teamId, body.user.id),
        name: body.user.name ?? body.user.username ?? body.user.id,
      };
      const tell = (text: string) =>
        client.chat.postEphemeral({ channel, user: body.user.id, thread_ts: String(cardTs), text });

      if (action.action_id === HANDOFF_CLAIM) {
        const outcome = await handoff.claim(thread.storeId, thread.conversationId, actor);
        if (outcome.status === 'claimed') {
          await tell(
            outcome.alreadyYours
              ? 'You already have this conversation. Reply in the thread to write to the shopper.'
              : 'It’s yours. Reply in this thread to write to the shopper; click *Return to bot* when you are done.',
          );
        } else if (outcome.status === 'already_claimed') {
          await tell(`Thanks! ${outcome.owner} is already answering this shopper, so you don’t need to.`);
        } else {
          await tell('This conversation is already back with the assistant; nothing to claim.');
        }
        log.info('Handoff claim clicked', { outcome: outcome.status });
        return;
      }
      const released = await handoff.release(thread.storeId, thread.conversationId, {
        actor,
        reason: 'merchant',
      });
      await tell(
        released.status === 'released'
          ? 'Returned to the assistant. It keeps the context of this conversation.'
          : 'This conversation is already with the assistant.',
      );
    },
  );

  app.event('message', async ({ event, context, client }) => {
    const raw = event as unknown as SlackEvent;
    const teamId = context.teamId;
    if (!teamId || !raw.channel || !raw.ts || !raw.user || raw.bot_id) return;
    if (isExternalSlackUser(raw.user_team, teamId)) return;
    if (!raw.thread_ts || raw.thread_ts === raw.ts || raw.channel_type === 'im') return;
    if (raw.subtype && raw.subtype !== 'thread_broadcast') return;
    const thread = await services.handoffs.findSlackThread(teamId, raw.channel, raw.thread_ts);
    if (!thread) return;
    const route = await services.partnerService.route('slack', teamId, raw.channel);
    if (route.kind !== 'merchant' || route.storeId !== thread.storeId) return;
    const text = stripMentions(raw.text ?? '', context.botUserId ? [context.botUserId] : []).trim();
    if (!text) return;
    const actorId = slackActorId(teamId, raw.user);
    const name =
      (await handoff.claimerName(thread.storeId, thread.conversationId, actorId)) ??
      (await displayName(client, raw.user)) ??
      'Store team';
    // An unclaimed request becomes the replier's first, so the shopper reads "joined" before the reply.
    const mode = await handoff.merchantReplied(thread.storeId, thread.conversationId, { id: actorId, name });
    await services.conversations.appendMessage({
      id: `slack:${teamId}:${raw.channel}:${raw.ts}`,
      storeId: thread.storeId,
      conversationId: thread.conversationId,
      role: 'merchant',
      text,
      author: name,
    });
    if (mode === 'bot') {
      await client.chat.postEphemeral({
        channel: raw.channel,
        user: raw.user,
        thread_ts: raw.thread_ts,
        text: 'Saved to the conversation, but the shopper is back with the assistant and may not see it until they reopen the chat.',
      });
    }
  });
}

/** `/shopguide handoff-channel`: handoff cards of the linked store go to the channel it was run in. */
export async function setHandoffChannel(services: Composition, command: SlashCommand): Promise<string> {
  const route = await services.partnerService.route('slack', command.team_id, command.channel_id);
  if (route.kind !== 'merchant') {
    return 'Link this workspace to your store first (`/shopguide link <code>`), then choose the handoff channel.';
  }
  const repository = services.handoffs;
  await repository.setSlackTarget(route.storeId, {
    teamId: command.team_id,
    channel: command.channel_id,
    setBy: command.user_id,
    setAt: services.now().toISOString(),
  });
  return 'Handoff requests from shoppers will be posted in this channel. Make sure ShopGuide is a member of it (`/invite @ShopGuide`).';
}

/** After a merchant link: the channel it was run in becomes the handoff channel, unless one was chosen. */
export async function defaultHandoffChannel(
  services: Composition,
  storeId: string,
  command: SlashCommand,
): Promise<void> {
  const repository = services.handoffs;
  if (await repository.getSlackTarget(storeId)) return;
  await repository.setSlackTarget(storeId, {
    teamId: command.team_id,
    channel: command.channel_id,
    setBy: command.user_id,
    setAt: services.now().toISOString(),
  });
}

async function displayName(client: WebClient, userId: string): Promise<string | undefined> {
  try {
    const out = await client.users.info({ user: userId });
    const user = out.user;
    return user?.profile?.display_name || user?.real_name || user?.name || undefined;
  } catch {
    // Needs the users:read scope; without it the reply is signed "Store team".
    return undefined;
  }
}
