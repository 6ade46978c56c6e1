import type { Composition } from '../../app/compose';
import type { Route } from '../../http/http-types';
import { createSlackFrontDoor } from './front-door';
import type { SlackOAuth } from './oauth';

/**
 * Slack's HTTP routes. The OAuth module (and with it the Web API) loads on the first install request only,
 * so the events route stays light.
 */
export function createSlackRoutes(services: Composition): Route[] {
  const frontDoor = createSlackFrontDoor({
    signingSecret: services.config.slack.signingSecret,
    botUserId: services.config.slack.botUserId,
    claims: services.claims,
    queue: services.queue,
    logger: services.logger.child({ channel: 'slack' }),
    now: () => services.now().getTime(),
  });
  return [
    {
      method: 'POST',
      pattern: '/slack/events',
      handler: (request) => frontDoor(request),
      maxBodyBytes: 64 * 1024,
    },
    ...createSlackOAuthRoutes(services),
  ];
}

/** `GET /slack/install` and `GET /slack/oauth_redirect`, for the OAuth function (and the local server). */
export function createSlackOAuthRoutes(services: Composition): Route[] {
  let oauth: Promise<SlackOAuth> | undefined;
  const loadOAuth = () =>
    (oauth ??= import('./oauth')
      .then((m) => m.createSlackOAuth(services))
      .catch((error: unknown) => {
        oauth = undefined;
        throw error;
      }));
  return [
    {
      method: 'GET',
      pattern: '/slack/install',
      handler: async (request) => (await loadOAuth()).install(request),
    },
    {
      method: 'GET',
      pattern: '/slack/oauth_redirect',
      handler: async (request) => (await loadOAuth()).callback(request),
    },
  ];
}
