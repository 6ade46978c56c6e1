import { createSlackFrontDoor } from './channels/slack/front-door';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { createLogger } from './observability/logger';
import { SqsWorkQueue } from './queue/sqs-queue';
import { ClaimRepository } from './storage/claim-repository';
import { createDocumentClient } from './storage/dynamo-client';
import { Table } from './storage/table';

/**
 * Slack front door: verify, claim, enqueue, 200. Imports only what the acknowledgement needs (no Bolt, no Web
 * API, no LLM client), so a cold start stays within Slack's 3-second budget.
 */
const config = loadConfig();
const logger = createLogger('shopguide-slack-events', config.logLevel);
const table = new Table(
  createDocumentClient({ region: config.storage.region, endpoint: config.storage.endpoint }),
  config.storage.tableName,
);
const queue = config.queue.url ? new SqsWorkQueue(config.queue.url) : undefined;

const ready = resolveSecrets(config).then(
  ({ slack }) =>
    new Router(
      [
        {
          method: 'POST',
          pattern: '/slack/events',
          maxBodyBytes: 64 * 1024,
          handler: createSlackFrontDoor({
            signingSecret: slack.signingSecret,
            botUserId: slack.botUserId,
            claims: new ClaimRepository(table),
            queue,
            logger: logger.child({ channel: 'slack' }),
          }),
        },
      ],
      logger,
    ),
);

export const handler = lambdaHttpHandler(async (request) => (await ready).handle(request));
