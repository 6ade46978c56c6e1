import {
  runKnowledgeLoop,
  type ClusterNotifier,
  type KnowledgeLoopDeps,
  type KnowledgeRunSummary,
} from './knowledge-loop';

/**
 * The knowledge loop's step of a scheduled run, after the aggregation: cluster the week's unanswered
 * questions and deliver the clusters that crossed the threshold through the notifiers the composition root
 * built (one per configured platform). It never throws, so a problem here cannot fail the aggregation or
 * the digests.
 */
export async function runKnowledgeStep(
  deps: KnowledgeLoopDeps,
  notifiers: () => Promise<ClusterNotifier[]>,
  now: Date = new Date(),
  options: { storeId?: string } = {},
): Promise<KnowledgeRunSummary[] | undefined> {
  try {
    return await runKnowledgeLoop(deps, await notifiers(), now, options);
  } catch (error) {
    deps.logger.error('Knowledge loop failed', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    });
    return undefined;
  }
}
