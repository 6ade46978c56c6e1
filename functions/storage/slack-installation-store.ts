import type { Installation, InstallationQuery, InstallationStore } from '@slack/oauth';
import { slackKeys } from './keys';
import type { Table } from './table';

interface InstallationItem {
  pk: string;
  sk: string;
  installation: string;
}

/**
 * Slack OAuth installations (bot tokens) in the single table, one item per workspace or Enterprise Grid org.
 * The table is encrypted at rest; tokens never appear in logs.
 */
export class DynamoInstallationStore implements InstallationStore {
  constructor(
    private readonly table: Table,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async storeInstallation<AuthVersion extends 'v1' | 'v2'>(
    installation: Installation<AuthVersion, boolean>,
  ): Promise<void> {
    const isOrg = Boolean(installation.isEnterpriseInstall);
    await this.table.put({
      ...slackKeys.installation(installation.enterprise?.id, installation.team?.id, isOrg),
      entity: 'slack-installation',
      teamId: installation.team?.id,
      enterpriseId: installation.enterprise?.id,
      installedAt: this.now().toISOString(),
      installation: JSON.stringify(installation),
    });
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation<'v1' | 'v2', boolean>> {
    const item = await this.table.get<InstallationItem>(
      slackKeys.installation(query.enterpriseId, query.teamId, query.isEnterpriseInstall),
    );
    if (!item)
      throw new Error(`No Slack installation for ${query.enterpriseId ?? '-'}/${query.teamId ?? '-'}`);
    return JSON.parse(item.installation) as Installation<'v1' | 'v2', boolean>;
  }

  /** Whether a workspace has an installation, without throwing. */
  async has(query: InstallationQuery<boolean>): Promise<boolean> {
    const item = await this.table.get<InstallationItem>(
      slackKeys.installation(query.enterpriseId, query.teamId, query.isEnterpriseInstall),
    );
    return Boolean(item);
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.table.delete(
      slackKeys.installation(query.enterpriseId, query.teamId, query.isEnterpriseInstall),
    );
  }
}
