import { createServices } from './app/services';
import { createTeamsRoutes } from './channels/teams/routes';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { SqsWorkQueue } from './queue/sqs-queue';

/**
 * `POST /api/messages` in Lambda. Config, secrets and AWS clients are resolved at init; botbuilder loads on
 * the first request (which it always answers), and openai never loads here: slow turns go to the worker
 * through SQS and are answered proactively.
 */
const ready = (async () => {
  const config = await resolveSecrets(loadConfig());
  const queue = config.queue.url ? new SqsWorkQueue(config.queue.url) : undefined;
  const services = createServices(config, { queue });
  return new Router(createTeamsRoutes(services), services.logger);
})();

export const handler = lambdaHttpHandler(async (request) => (await ready).handle(request));
