import type { WebClient } from '@slack/web-api';
import type { Composition } from '../../app/compose';
import { slackClientOptions } from './client-options';
import { SlackNotConfiguredError } from './errors';

/**
 * Web API clients for writing to a workspace outside any inbound request (handoff cards, digests), one per
 * workspace, built on first use. The token is `SLACK_BOT_TOKEN` or the workspace's OAuth installation; the
 * Web API module loads lazily.
 */
export function createSlackTeamClients(services: Composition): (teamId: string) => Promise<WebClient> {
  const installations = services.slackInstallations;
  const clients = new Map<string, WebClient>();

  return async (teamId: string): Promise<WebClient> => {
    const cached = clients.get(teamId);
    if (cached) return cached;
    let token = services.config.slack.botToken;
    if (!token) {
      const installation = await installations
        .fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false })
        .catch(() => undefined);
      token = installation?.bot?.token;
    }
    if (!token) throw new SlackNotConfiguredError(`No Slack token for workspace ${teamId}`);
    const { WebClient } = await import('@slack/web-api');
    const client = new WebClient(token, slackClientOptions(services.config, services.logger));
    clients.set(teamId, client);
    return client;
  };
}
