import type { Services } from '../app/services';
import type { Config } from '../config/config';
import { runDailyDigests, type DigestRunResult, type DigestSender } from './digest';

/** Slack can be written to with the one bot token, or with the tokens of OAuth installations. */
export const hasSlack = (config: Config) =>
  Boolean(config.slack.botToken || (config.slack.clientId && config.slack.clientSecret));
export const hasTeams = (config: Config) => Boolean(config.teams.appId);

/**
 * The digest senders of the platforms this deployment has credentials for. Each adapter (and through it the
 * Slack Web API or botbuilder) is imported only when its platform is configured.
 */
export async function createDigestSenders(services: Services): Promise<DigestSender[]> {
  const senders: DigestSender[] = [];
  if (hasSlack(services.config)) {
    const { createSlackDigestSender } = await import('../channels/slack/digest-sender');
    senders.push(createSlackDigestSender(services));
  }
  if (hasTeams(services.config)) {
    const { createTeamsDigestSender } = await import('../channels/teams/digest-sender');
    senders.push(createTeamsDigestSender(services));
  }
  return senders;
}

/**
 * The digest step of a scheduled run: sends what is due and logs the outcome. It never throws, so a digest
 * problem cannot fail the aggregation it runs after.
 */
export async function runDigestStep(
  services: Services,
  now: Date = services.now(),
  senders?: DigestSender[],
): Promise<DigestRunResult | undefined> {
  try {
    const active = senders ?? (await createDigestSenders(services));
    if (active.length === 0) return { sent: 0, skipped: 0, failed: 0 };
    const result = await runDailyDigests(services, active, now);
    services.logger.info('Daily digests ran', { ...result });
    return result;
  } catch (error) {
    services.logger.error('Daily digests failed', {
      error: error instanceof Error ? `${error.name}: ${error.message}` : 'unknown',
    });
    return undefined;
  }
}
