import type { Composition } from '../../app/compose';
import type { HttpResponse, Route } from '../../http/http-types';
import { json } from '../../http/respond';
import type { JobConsumer } from '../../ports/work-queue';
import { botChannelFor } from './channel';
import { TEAMS_TURN_JOB, TeamsBot } from './teams-bot';

// Activities with inline card data and attachments run larger than the router's 16 KiB default.
const MAX_ACTIVITY_BYTES = 256 * 1024;

const bots = new WeakMap<Composition, Promise<TeamsBot>>();

function botFor(services: Composition): Promise<TeamsBot> {
  let bot = bots.get(services);
  if (!bot) {
    bot = botChannelFor(services).then((channel) => new TeamsBot(services, channel));
    bots.set(services, bot);
  }
  return bot;
}

/** `POST /api/messages`: Bot Framework activities from Teams, Azure Web Chat, Direct Line and the Emulator. */
export function createTeamsRoutes(services: Composition): Route[] {
  return [
    {
      method: 'POST',
      pattern: '/api/messages',
      maxBodyBytes: MAX_ACTIVITY_BYTES,
      async handler(request): Promise<HttpResponse> {
        const [channel, bot] = await Promise.all([botChannelFor(services), botFor(services)]);
        const result = await channel.handle(request, (turn) => bot.onTurn(turn));
        if (result.body === undefined) return { status: result.status };
        return json(result.status, result.body);
      },
    },
  ];
}

/** Worker consumers: `teams.turn` answers a deferred turn proactively. */
export function createTeamsConsumers(services: Composition): Record<string, JobConsumer> {
  return {
    [TEAMS_TURN_JOB]: async (job) => (await botFor(services)).runQueuedTurn(job),
  };
}
