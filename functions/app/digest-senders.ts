import type { Config } from '../config/config';
import type { ClusterNotifier } from '../faq/knowledge-loop';
import type { DigestSender } from '../insights/digest';
import type { Composition } from './compose';

/** Slack can be written to with the one bot token, or with the tokens of OAuth installations. */
const hasSlack = (config: Config) =>
  Boolean(config.slack.botToken || (config.slack.clientId && config.slack.clientSecret));
const hasTeams = (config: Config) => Boolean(config.teams.appId);

/**
 * The digest senders of the platforms this deployment has credentials for. Each adapter (and through it the
 * Slack Web API or botbuilder) is imported only when its platform is configured.
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

/**
 * The knowledge loop's cluster-card notifiers, for the same platforms: cards go where digests go (the
 * store's Slack team channel, its Teams notify conversation).
 */
export async function createClusterNotifiers(app: Composition): Promise<ClusterNotifier[]> {
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
}
