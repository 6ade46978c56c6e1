import { compose } from './app/compose';
import { createSlackOAuthRoutes } from './channels/slack/routes';
import { loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';

/** Slack OAuth install (`GET /slack/install`) and redirect (`GET /slack/oauth_redirect`). */
const ready = resolveSecrets(loadConfig()).then((config) => {
  const app = compose(config);
  return new Router(createSlackOAuthRoutes(app), app.logger);
});

export const handler = lambdaHttpHandler(async (request) => (await ready).handle(request));
