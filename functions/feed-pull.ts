import type { Context, ScheduledEvent } from 'aws-lambda';
import { compose } from './app/compose';
import { runFeedPulls } from './catalog-sync/feed-pull';
import { loadConfig } from './config/config';
import { createLogger } from './observability/logger';

/** Lambda entry for the feed schedule: pulls every store's HTTPS catalog feed. */
const config = loadConfig();
const logger = createLogger('shopguide-feed-pull', config.logLevel);
const services = compose(config, { logger });

export async function handler(_event: ScheduledEvent | Record<string, unknown>, context: Context) {
  const stores = await runFeedPulls(services, {
    maxBytes: config.catalog.feedMaxBytes,
    timeoutMs: config.catalog.feedTimeoutMs,
  });
  logger.info('Feed pulls finished', { requestId: context.awsRequestId, stores: stores.length });
  return { stores };
}
