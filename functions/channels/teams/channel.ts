import type { Services } from '../../app/services';
import type { BotChannel } from './activity';

const channels = new WeakMap<Services, Promise<BotChannel>>();

/**
 * The Bot Framework channel of these services, built on first use. botbuilder is imported lazily so
 * processes that never talk to Teams (the Slack worker, the local server without Teams traffic) skip it.
 */
export function botChannelFor(services: Services): Promise<BotChannel> {
  let channel = channels.get(services);
  if (!channel) {
    channel = import('./botbuilder-adapter').then(({ createBotFrameworkChannel }) =>
      createBotFrameworkChannel(services.config.teams, services.logger.child({ channel: 'teams' }), {
        allowAnonymous: services.config.runtime !== 'lambda',
      }),
    );
    channels.set(services, channel);
  }
  return channel;
}
