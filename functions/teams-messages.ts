import { createServices } from './app/services';
import { createTeamsRoutes } from './channels/teams/routes';
import { loadConfig } from './config/config';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { SqsWorkQueue } from './queue/sqs-queue';

/**
 * `POST /api/messages` in Lambda. Config and AWS clients are built at init; botbuilder loads on the first
 * request (which it always answers), and openai never loads here: slow turns go to the worker through SQS.
 */
const config = loadConfig();
const services = createServices(config, {
  queue: config.queue.url ? new SqsWorkQueue(config.queue.url) : undefined,
});
const router = new Router(createTeamsRoutes(services), services.logger);

export const handler = lambdaHttpHandler((request) => router.handle(request));
