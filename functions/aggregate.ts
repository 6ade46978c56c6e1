import type { Context, ScheduledEvent } from 'aws-lambda';
import { createServices } from './app/services';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { runHandoffTimers } from './handoff/handoff-service';
import { runDigestStep } from './insights/digest-senders';
import { runKnowledgeStep } from './faq/knowledge-step';
import { createLogger } from './observability/logger';
import { runAggregation, type StoreRunSummary } from './strategy/aggregate';

/** Lambda entry for the hourly EventBridge schedule: the feedback loop over every store. */
const config = loadConfig();
const logger = createLogger('shopguide-aggregate', config.logLevel);
const ready = resolveSecrets(config).then((resolved) => createServices(resolved, { logger }));

export async function handler(
  _event: ScheduledEvent | Record<string, unknown>,
  context: Context,
): Promise<{ stores: StoreRunSummary[] }> {
  const services = await ready;
  const stores = await runAggregation(services, { now: services.now() });
  const handoffs = await runHandoffTimers(services, services.now());
  logger.info('Handoff timers ran', { ...handoffs });
  // Yesterday's digest, once per store-local day; failures are logged and retried next hour.
  await runDigestStep(services, services.now());
  // The week's unanswered questions, clustered; clusters past the threshold go to the store's channel once.
  await runKnowledgeStep(services, services.now());
  logger.info('Scheduled aggregation finished', { requestId: context.awsRequestId, stores: stores.length });
  return { stores };
}
