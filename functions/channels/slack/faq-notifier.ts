import type { Composition } from '../../app/compose';
import type { ClusterNotifier } from '../../faq/knowledge-loop';
import { storeLanguage } from '../../language/language';
import { clusterCardBlocks, clusterCardText } from './faq-blocks';
import { createSlackTeamClients } from './team-clients';

/**
 * Cluster cards in Slack go to the store's team channel, the one handoff cards and digests use. A store
 * without one has no Slack card (the cluster stays open for a later run).
 */
export function createSlackClusterNotifier(services: Composition): ClusterNotifier {
  const repository = services.handoffs;
  const clientFor = createSlackTeamClients(services);
  return {
    platform: 'slack',
    async post(card) {
      const target = await repository.getSlackTarget(card.storeId);
      if (!target) return undefined;
      const client = await clientFor(target.teamId);
      const store = await services.stores.get(card.storeId);
      const language = store ? storeLanguage(store) : 'en';
      const out = await client.chat.postMessage({
        channel: target.channel,
        text: clusterCardText(card, language),
        blocks: clusterCardBlocks(card, language),
        unfurl_links: false,
        unfurl_media: false,
      });
      if (!out.ts) return undefined;
      return { teamId: target.teamId, channel: out.channel ?? target.channel, ts: out.ts };
    },
  };
}
