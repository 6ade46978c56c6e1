import * as z from 'zod/mini';
import type { Composition } from '../../app/compose';
import { isShopGuideError } from '../../errors/errors';
import { handoffPrefill, muteCluster, saveMerchantAnswer } from '../../faq/knowledge-actions';
import { knowledgeDeps } from '../../app/knowledge-deps';
import { cardOf, type ClusterNotifier } from '../../faq/knowledge-loop';
import { clusterHeadline, faqTexts } from '../../faq/texts';
import { storeLanguage, type Language } from '../../language/language';
import type { AdaptiveCard, InboundActivity, InvokeReply } from './activity';
import {
  clusterAdaptiveCard,
  faqInputCard,
  TEAMS_FAQ_FROM_HANDOFF,
  TEAMS_FAQ_IGNORE,
  TEAMS_FAQ_SAVE,
  TEAMS_FAQ_WRITE,
} from './faq-cards';
import { sendProactive } from './proactive';

const dataSchema = z.object({
  clusterId: z.optional(z.string().check(z.maxLength(64))),
  conversationId: z.optional(z.string().check(z.maxLength(300))),
  question: z.optional(z.string()),
  answer: z.optional(z.string()),
});

/** Cluster cards in Teams, posted proactively to the store's notify conversation (where digests go). */
export function createTeamsClusterNotifier(services: Composition): ClusterNotifier {
  const references = services.teamsReferences;
  return {
    platform: 'teams',
    async post(card) {
      if (!(await references.getNotifyTarget(card.storeId))) return undefined;
      const language = await languageOfStore(services, card.storeId);
      const result = await sendProactive(services, card.storeId, clusterAdaptiveCard(card, language));
      return result.delivered ? { activityId: result.activityId ?? '' } : undefined;
    },
  };
}

async function languageOfStore(services: Composition, storeId: string): Promise<Language> {
  const store = await services.stores.get(storeId);
  return store ? storeLanguage(store) : 'en';
}

const cardReply = (card: AdaptiveCard): InvokeReply => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
});
const messageReply = (text: string): InvokeReply => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});

/**
 * Write answer / Ignore / Save / Save as FAQ clicked on a Teams card (`adaptiveCard/action`). The store comes
 * from the merchant binding of the clicker's conversation, never from the card data; Write answer swaps the
 * card for the answer form (the Teams counterpart of the Slack modal), Save stores the entry and redraws
 * the card with the outcome.
 */
export async function teamsFaqInvoke(
  services: Composition,
  storeId: string,
  activity: InboundActivity,
  verb: string,
  rawData: unknown,
): Promise<InvokeReply> {
  const language = await languageOfStore(services, storeId);
  const t = faqTexts(language);
  const parsed = dataSchema.safeParse(rawData ?? {});
  if (!parsed.success) return messageReply(t.invalidCard);
  const data = parsed.data;
  const deps = knowledgeDeps(services);
  const actor = { id: `teams:${activity.from.aadObjectId ?? activity.from.id}`, name: activity.from.name };

  if (verb === TEAMS_FAQ_FROM_HANDOFF) {
    if (!data.conversationId) return messageReply(t.invalidCard);
    const thread = await services.conversations.lastMessages(storeId, data.conversationId, 1);
    if (thread.length === 0) return messageReply(t.invalidCard);
    const prefill = await handoffPrefill(deps, storeId, data.conversationId);
    return cardReply(faqInputCard({ conversationId: data.conversationId }, prefill, undefined, language));
  }
  if (verb === TEAMS_FAQ_SAVE) {
    try {
      const outcome = await saveMerchantAnswer(
        deps,
        storeId,
        { questions: [data.question ?? ''], answer: data.answer ?? '', clusterId: data.clusterId },
        actor,
        data.conversationId ? 'handoff' : 'teams',
      );
      if (outcome.status === 'unknown_cluster') return messageReply(t.gone);
      if (!outcome.cluster) return messageReply(t.saved(actor.name ?? t.you));
      return cardReply(
        clusterAdaptiveCard(
          cardOf(outcome.cluster, { closedByName: outcome.cluster.closedBy, answer: outcome.entry.answer }),
          language,
        ),
      );
    } catch (error) {
      if (!isShopGuideError(error) || error.status >= 500) throw error;
      return messageReply(t.notSaved(error.publicMessage));
    }
  }
  const cluster = data.clusterId ? await deps.clusters.getCluster(storeId, data.clusterId) : undefined;
  if (!cluster) return messageReply(t.gone);
  if (verb === TEAMS_FAQ_WRITE) {
    const card = cardOf(cluster);
    return cardReply(
      faqInputCard(
        { clusterId: cluster.clusterId },
        { question: card.examples[0] ?? '' },
        clusterHeadline(card, language),
        language,
      ),
    );
  }
  if (verb === TEAMS_FAQ_IGNORE) {
    const muted = await muteCluster(deps, storeId, cluster.clusterId, actor);
    return cardReply(
      clusterAdaptiveCard(cardOf(muted ?? cluster, { closedByName: muted?.closedBy }), language),
    );
  }
  return messageReply(t.invalidCard);
}
