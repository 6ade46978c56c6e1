import type { Composition } from '../../app/compose';
import type { DigestSender } from '../../insights/digest';
import type { InsightAnswer } from '../../insights/merchant-assistant';
import type { ChannelBinding } from '../../partners/partner';
import { merchantAnswerBlocks } from './blocks';
import { uploadChart } from './listeners';
import { createSlackTeamClients } from './team-clients';

/**
 * Daily digests in Slack. They go to the store's team channel, the same one handoff cards use: the channel
 * chosen with `/shopguide handoff-channel`, or else the channel where `/shopguide link` was run. The answer
 * is posted with the insights blocks (text, table, sources; no feedback buttons) and its chart, when there
 * is one, is uploaded to the same channel. A workspace without a known channel is skipped, not an error.
 */
export function createSlackDigestSender(services: Composition): DigestSender {
  const repository = services.handoffs;
  const clientFor = createSlackTeamClients(services);

  return {
    platform: 'slack',
    async send(storeId: string, binding: ChannelBinding, answer: InsightAnswer): Promise<void> {
      const log = services.logger.child({ channel: 'slack', storeId, teamId: binding.tenantId });
      const target = await repository.getSlackTarget(storeId);
      // The target belongs to one workspace; another workspace bound to the store has no channel to post to.
      if (!target || target.teamId !== binding.tenantId) {
        log.info('Digest skipped: no Slack channel for this workspace');
        return;
      }
      const client = await clientFor(target.teamId);
      await client.chat.postMessage({
        channel: target.channel,
        text: answer.text || 'No data for that day yet.',
        blocks: merchantAnswerBlocks(answer),
        unfurl_links: false,
      });
      if (answer.chartPng) await uploadChart(client, target.channel, undefined, answer.chartPng, log);
      log.info('Digest posted to Slack');
    },
  };
}
