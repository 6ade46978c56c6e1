import type { WebClient } from '@slack/web-api';
import type { Services } from '../../app/services';
import { slackClientOptions } from './client-options';
import { SlackNotConfiguredError } from './errors';
import { DynamoInstallationStore } from './installation-store';

/**
 * Web API clients for writing to a workspace outside any inbound request (handoff cards, digests), one per
 * workspace, built on first use. The token is `SLACK_BOT_TOKEN` or the workspace's OAuth installation; the
 * Web API module loads lazily.
 */
export function createSlackTeamClients(services: Services): (teamId: string) => Promise<WebClient> {
  const installations = new DynamoInstallationStore(services.table, services.now);
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
