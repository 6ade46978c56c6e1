import type { Services } from '../app/services';
import { hasSlack, hasTeams } from '../insights/digest-senders';
import { runKnowledgeLoop, type ClusterNotifier, type KnowledgeRunSummary } from './knowledge-loop';

/**
 * The cluster-card notifiers of the platforms this deployment has credentials for. Each adapter (and through
 * it the Slack Web API or botbuilder) is imported only when its platform is configured.
 */
export async function createClusterNotifiers(services: Services): Promise<ClusterNotifier[]> {
  const notifiers: ClusterNotifier[] = [];
  if (hasSlack(services.config)) {
    const { createSlackClusterNotifier } = await import('../channels/slack/faq-notifier');
    notifiers.push(createSlackClusterNotifier(services));
  }
  if (hasTeams(services.config)) {
    const { createTeamsClusterNotifier } = await import('../channels/teams/faq');
    notifiers.push(createTeamsClusterNotifier(services));
  }
  return notifiers;
}

/**
 * The knowledge loop's step of a scheduled run, after the aggregation: cluster the week's unanswered
 * questions and deliver the clusters that crossed the threshold. It never throws, so a problem here cannot
 * fail the aggregation or the digests.
 */
export async function runKnowledgeStep(
  services: Services,
  now: Date = services.now(),
  options: { storeId?: string; notifiers?: ClusterNotifier[] } = {},
): Promise<KnowledgeRunSummary[] | undefined> {
  try {
    const notifiers = options.notifiers ?? (await createClusterNotifiers(services));
    return await runKnowledgeLoop(
      {
        clusters: services.faqRepository,
        events: services.events,
        storeIds: async () => (await services.stores.list()).map((s) => s.id),
        logger: services.logger,
        minAskers: services.config.faq.clusterMinAskers,
      },
      notifiers,
      now,
      { storeId: options.storeId },
    );
  } catch (error) {
    services.logger.error('Knowledge loop failed', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    });
    return undefined;
  }
}
