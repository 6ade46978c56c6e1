import { createServices } from './app/services';
import { createSlackOAuthRoutes } from './channels/slack/routes';
import { loadConfig } from './config/config';
import { lambdaHttpHandler } from './http/lambda-adapter';
import { Router } from './http/router';

/** Slack OAuth install (`GET /slack/install`) and redirect (`GET /slack/oauth_redirect`). */
const config = loadConfig();
const services = createServices(config);
const router = new Router(createSlackOAuthRoutes(services), services.logger);

export const handler = lambdaHttpHandler((request) => router.handle(request));
