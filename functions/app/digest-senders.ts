import type { Config } from '../config/config';
import type { ClusterNotifier } from '../faq/knowledge-loop';
import type { DigestSender } from '../insights/digest';
import type { Composition } from './compose';
import { once } from './once';

/** Slack can be written to with the one bot token, or with the tokens of OAuth installations. */
const hasSlack = (config: Config) =>
  Boolean(config.slack.botToken || (config.slack.clientId && config.slack.clientSecret));
const hasTeams = (config: Config) => Boolean(config.teams.appId);

/**
 * The digest senders of the platforms this deployment has credentials for. Each adapter (and through it the
 * Slack Web API or botbuilder) is imported only when its platform is configured. Only the processes that
 * send digests (the aggregate function, the local server) import this module, so the chat bundles do not
 * carry the platform clients.
 */
export async function createDigestSenders(app: Composition): Promise<DigestSender[]> {
  const senders: DigestSender[] = [];
  if (hasSlack(app.config)) {
    const { createSlackDigestSender } = await import('../channels/slack/digest-sender');
    senders.push(createSlackDigestSender(app));
  }
  if (hasTeams(app.config)) {
    const { createTeamsDigestSender } = await import('../channels/teams/digest-sender');
    senders.push(createTeamsDigestSender(app));
  }
  return senders;
}

/** The senders, built on the first digest run of the process and reused after. */
export function digestSendersOnce(app: Composition): () => Promise<DigestSender[]> {
  return once(() => createDigestSenders(app));
}

/**
 * The knowledge loop's cluster-card notifiers, for the same platforms: cards go where digests go (the
 * store's Slack team channel, its Teams notify conversation). Built on the first run, reused after.
 */
export function clusterNotifiersOnce(app: Composition): () => Promise<ClusterNotifier[]> {
  return once(async () => {
    const notifiers: ClusterNotifier[] = [];
    if (hasSlack(app.config)) {
      const { createSlackClusterNotifier } = await import('../channels/slack/faq-notifier');
      notifiers.push(createSlackClusterNotifier(app));
    }
    if (hasTeams(app.config)) {
      const { createTeamsClusterNotifier } = await import('../channels/teams/faq');
      notifiers.push(createTeamsClusterNotifier(app));
    }
    return notifiers;
  });
}
