import { compose } from './app/compose';
import { createWebchatRoutes } from './channels/webchat/routes';
import { SessionTokens } from './channels/webchat/session-token';
import { ConfigError, loadConfig } from './config/config';
import { resolveSecrets } from './config/secrets';
import { lambdaHttpHandler, type ApiGatewayHandler } from './http/lambda-adapter';
import { Router } from './http/router';
import { loadChatModel } from './llm/load-chat-model';
import { createLogger } from './observability/logger';
import { createProductMetrics } from './observability/metrics';

/** Lambda entry for the shopper web chat: page, widget, sessions, messages, feedback, events and /health. */
let config = loadConfig();
const logger = createLogger('shopguide-webchat', config.logLevel);

// Built once per warm container; the first request waits for it.
const ready = (async () => {
  config = await resolveSecrets(config);
  const chatModel = await loadChatModel(config, logger);
  const metrics = await createProductMetrics(config.runtime, 'shopguide-webchat');
  // Handoff cards and relays leave through the work queue (WORK_QUEUE_URL) to the worker.
  const app = compose(config, { logger, chatModel, metrics });
  if (!config.webchat.tokenSecret) throw new ConfigError('Invalid WEBCHAT_TOKEN_SECRET: required in Lambda');
  const tokens = new SessionTokens(config.webchat.tokenSecret, config.webchat.tokenTtlHours, app.now);
  return new Router(
    createWebchatRoutes(app, { assistant: await app.assistant(), tokens, handoff: app.handoff }),
    logger,
  );
})();

export const handler: ApiGatewayHandler = lambdaHttpHandler(async (request) => (await ready).handle(request));
