import type { Context, ScheduledEvent } from 'aws-lambda';
import { compose } from './app/compose';
import { clusterNotifiersOnce, digestSendersOnce } from './app/digest-senders';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { runDigestStep } from './insights/digest-step';
import { runKnowledgeStep } from './faq/knowledge-step';
import { createLogger } from './observability/logger';
import { runAggregation, type StoreRunSummary } from './feedback-loop/run-aggregation';

/** Lambda entry for the hourly EventBridge schedule: the feedback loop over every store. */
const config = loadConfig();
const logger = createLogger('shopguide-aggregate', config.logLevel);
const ready = resolveSecrets(config).then((resolved) => {
  const app = compose(resolved, { logger });
  return { app, digestSenders: digestSendersOnce(app), clusterNotifiers: clusterNotifiersOnce(app) };
});

export async function handler(
  event: ScheduledEvent | { storeId?: string },
  context: Context,
): Promise<{ stores: StoreRunSummary[] }> {
  const { app, digestSenders, clusterNotifiers } = await ready;
  // `shopguide aggregate --store <id> --stack <name>` invokes this function with `{storeId}`.
  const storeId = 'storeId' in event && typeof event.storeId === 'string' ? event.storeId : undefined;
  const stores = await runAggregation(app.feedbackLoopDeps, { storeId, now: app.now() });
  const handoffs = await app.handoff.runTimers(app.now());
  logger.info('Handoff timers ran', { ...handoffs });
  // Yesterday's digest, once per store-local day; failures are logged and retried next hour.
  await runDigestStep(app, digestSenders, app.now());
  // The week's unanswered questions, clustered; clusters past the threshold go to the store's channel once.
  await runKnowledgeStep(app.knowledgeLoopDeps, clusterNotifiers, app.now(), { storeId });
  logger.info('Scheduled aggregation finished', { requestId: context.awsRequestId, stores: stores.length });
  return { stores };
}
