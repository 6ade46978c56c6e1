import { compose } from './app/compose';
import { createTeamsRoutes } from './channels/teams/routes';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';

/**
 * `POST /api/messages` in Lambda. Config, secrets and AWS clients are resolved at init; botbuilder loads on
 * the first request (which it always answers), and openai never loads here: slow turns go to the worker
 * through SQS (its client loads with the first one) and are answered proactively.
 */
const ready = (async () => {
  const config = await resolveSecrets(loadConfig());
  const app = compose(config);
  return new Router(createTeamsRoutes(app), app.logger);
})();

export const handler = lambdaHttpHandler(async (request) => (await ready).handle(request));
