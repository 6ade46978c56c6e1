import path from 'node:path';
import type { Composition } from '../../app/compose';
import { buildBesideFile, loadBeside } from '../../runtime/beside-bundle';
import type { BotChannel } from './activity';
import { isLoopbackHost } from './service-url';
import type * as BotbuilderAdapter from './botbuilder-adapter';

type AdapterModule = typeof BotbuilderAdapter;

/** The file the CDK bundling step writes next to a function bundle: the adapter with botbuilder inside. */
export const PREBUILT_ADAPTER_FILE = 'botbuilder-adapter.js';

const channels = new WeakMap<Composition, Promise<BotChannel>>();

/**
 * The Bot Framework channel of these services, built on first use. botbuilder is 80% of the Teams bundle, so
 * in Lambda it ships as its own file beside the bundle and is parsed on the first Teams request, not at
 * every cold start; from source (local server, tests) the module is imported directly. Either way,
 * processes that never talk to Teams skip it.
 */
export function botChannelFor(services: Composition): Promise<BotChannel> {
  let channel = channels.get(services);
  if (!channel) {
    channel = loadAdapter().then(({ createBotFrameworkChannel }) =>
      createBotFrameworkChannel(services.config.teams, services.logger.child({ channel: 'teams' }), {
        allowAnonymous: services.config.runtime !== 'lambda' && isLoopbackHost(services.config.host),
        allowLoopbackServiceUrl: services.config.runtime !== 'lambda',
      }),
    );
    channels.set(services, channel);
  }
  return channel;
}

function loadAdapter(): Promise<AdapterModule> {
  return loadBeside<AdapterModule>(
    __dirname,
    PREBUILT_ADAPTER_FILE,
    'botbuilder-adapter',
    'createBotFrameworkChannel',
  );
}

/** Bundles the adapter with botbuilder into `outFile` (the CDK bundling hook of the Teams functions). */
export function buildAdapterFile(outFile: string): Promise<void> {
  return buildBesideFile(path.join(__dirname, 'botbuilder-adapter.ts'), outFile);
}
