import type { Composition } from '../../app/compose';
import type { DigestSender } from '../../insights/digest';
import type { InsightAnswer } from '../../insights/merchant-assistant';
import type { ChannelBinding } from '../../partners/partner';
import { insightCard } from './cards';
import { sendProactive } from './proactive';

/**
 * Daily digests in Teams: the insight card (text, table, chart inline as a data URI, sources) posted
 * proactively to the store's notify target (where it was linked, or where `notify here` was sent). A tenant
 * without one is skipped, not an error. botbuilder loads on first send (`botChannelFor`).
 */
export function createTeamsDigestSender(services: Composition): DigestSender {
  const references = services.teamsReferences;

  return {
    platform: 'teams',
    async send(storeId: string, binding: ChannelBinding, answer: InsightAnswer): Promise<void> {
      const log = services.logger.child({ channel: 'teams', storeId, tenantId: binding.tenantId });
      const target = await references.getNotifyTarget(storeId);
      // The target belongs to one tenant; another tenant bound to the store has no conversation to post to.
      const targetTenant = target?.conversation.tenantId;
      if (!target || (targetTenant && targetTenant !== binding.tenantId)) {
        log.info('Digest skipped: no Teams conversation for this tenant');
        return;
      }
      await sendProactive(services, target, insightCard(answer));
      log.info('Digest posted to Teams');
    },
  };
}
