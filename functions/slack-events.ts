import { createClients } from './app/clients';
import { createSlackFrontDoor } from './channels/slack/front-door';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { createLogger } from './observability/logger';
import { ClaimRepository } from './storage/claim-repository';

/**
 * Slack front door: verify, claim, enqueue, 200. Imports only what the acknowledgement needs (no Bolt, no Web
 * API, no LLM client), so a cold start stays within Slack's 3-second budget.
 */
const config = loadConfig();
const logger = createLogger('shopguide-slack-events', config.logLevel);
// Only the clients: the acknowledgement needs claims and the queue, not the composed services.
const { table, queue } = createClients(config, logger);

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
