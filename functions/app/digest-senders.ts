import type { Config } from '../config/config';
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
