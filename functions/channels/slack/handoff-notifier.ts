import type { Composition } from '../../app/compose';
import type {
  HandoffCardContent,
  HandoffNotifier,
  HandoffThreadRef,
  RelayMessage,
} from '../../handoff/handoff-types';
import { SlackNotConfiguredError } from './errors';
import { handoffCardBlocks, handoffCardText, relayText } from './handoff-blocks';
import { createSlackTeamClients } from './team-clients';

/**
 * Handoff cards and relays in Slack. Cards go to the store's handoff channel: the channel chosen with
 * `/shopguide handoff-channel`, or else the channel where `/shopguide link` was run. A store without one has
 * no Slack card (not an error). The Web API loads on first use; tokens come from `SLACK_BOT_TOKEN` or the
 * workspace's OAuth installation.
 */
export function createSlackHandoffNotifier(services: Composition): HandoffNotifier {
  const repository = services.handoffs;
  const clientFor = createSlackTeamClients(services);

  return {
    platform: 'slack',
    async postCard(card: HandoffCardContent): Promise<HandoffThreadRef | undefined> {
      const target = await repository.getSlackTarget(card.storeId);
      if (!target) return undefined;
      const client = await clientFor(target.teamId);
      const out = await client.chat.postMessage({
        channel: target.channel,
        text: handoffCardText(card),
        blocks: handoffCardBlocks(card),
        unfurl_links: false,
      });
      if (!out.ts) throw new SlackNotConfiguredError('Slack did not return the card timestamp');
      return {
        platform: 'slack',
        requestId: card.requestId,
        address: { teamId: target.teamId, channel: out.channel ?? target.channel, ts: out.ts },
      };
    },
    async updateCard(thread: HandoffThreadRef, card: HandoffCardContent): Promise<void> {
      const { teamId, channel, ts } = thread.address;
      if (!teamId || !channel || !ts) return;
      const client = await clientFor(teamId);
      await client.chat.update({ channel, ts, text: handoffCardText(card), blocks: handoffCardBlocks(card) });
    },
    async postMessage(thread: HandoffThreadRef, message: RelayMessage): Promise<void> {
      const { teamId, channel, ts } = thread.address;
      if (!teamId || !channel || !ts) return;
      const client = await clientFor(teamId);
      await client.chat.postMessage({
        channel,
        thread_ts: ts,
        text: relayText(message),
        unfurl_links: false,
      });
    },
  };
}
