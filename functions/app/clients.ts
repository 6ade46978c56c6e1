import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Config } from '../config/config';
import type { Logger } from '../observability/logger';
import type { WorkQueue } from '../ports/work-queue';
import { InProcessQueue } from '../queue/in-process-queue';
import { SqsWorkQueue } from '../queue/sqs-queue';
import { DeadLetterRepository } from '../storage/dead-letter-repository';
import { createDocumentClient } from '../storage/dynamo-client';
import { Table } from '../storage/table';

export interface Clients {
  documentClient: DynamoDBDocumentClient;
  table: Table;
  queue?: WorkQueue;
}

export interface ClientOptions {
  documentClient?: DynamoDBDocumentClient;
  /**
   * The work queue. By default SQS when `WORK_QUEUE_URL` is set (its client loads with the first job, so a
   * front door that never enqueues never loads it). `'in-process'` builds the local twin, with dead letters
   * in the table; the caller attaches its consumers (`app/job-consumers.ts`).
   */
  queue?: WorkQueue | 'in-process';
}

/**
 * The AWS clients of a process, built once: every entry builds them through here, the full ones through
 * `compose`, the Slack front door (which needs only claims and the queue) directly.
 */
export function createClients(config: Config, logger: Logger, options: ClientOptions = {}): Clients {
  const documentClient =
    options.documentClient ??
    createDocumentClient({ region: config.storage.region, endpoint: config.storage.endpoint });
  const table = new Table(documentClient, config.storage.tableName);
  return { documentClient, table, queue: workQueue(config, options.queue, logger, table) };
}

function workQueue(
  config: Config,
  choice: ClientOptions['queue'],
  logger: Logger,
  table: Table,
): WorkQueue | undefined {
  if (choice === 'in-process')
    return new InProcessQueue({ logger, deadLetters: new DeadLetterRepository(table) });
  if (choice) return choice;
  return config.queue.url ? new SqsWorkQueue(config.queue.url) : undefined;
}
