import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import { compose } from './app/compose';
import { createJobConsumers } from './app/job-consumers';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { loadChatModel } from './llm/load-chat-model';
import { createLogger } from './observability/logger';
import { createProductMetrics } from './observability/metrics';
import { createJobRouter, decodeJob } from './queue/job-router';

/**
 * The queue worker: each SQS record is one job, dispatched by kind to its channel's consumer. Failed records
 * are reported individually (partial batch response), so SQS retries only them and then moves them to the DLQ.
 */
const ready = (async () => {
  const config = await resolveSecrets(loadConfig());
  const logger = createLogger('shopguide-worker', config.logLevel);
  // The worker is where slow LLM turns run, so it is the one function that loads the model client at init.
  const chatModel = await loadChatModel(config, logger);
  const metrics = await createProductMetrics(config.runtime, 'shopguide-worker');
  return createJobRouter(createJobConsumers(compose(config, { logger, chatModel, metrics })));
})();

const processor = new BatchProcessor(EventType.SQS);

const recordHandler = async (record: SQSRecord): Promise<void> => {
  const dispatch = await ready;
  await dispatch(decodeJob(record.body));
};

export const handler = async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> =>
  processPartialResponse(event, recordHandler, processor, { context });
