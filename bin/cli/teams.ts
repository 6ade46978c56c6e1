import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../../functions/config/config';
import { parse, UsageError, type CliIo } from './io';
import { buildTeamsPackage } from './teams-package';

const USAGE = 'usage: shopguide teams package --app-id <bot app id> [--out file.zip] [--json]';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `shopguide teams package`: writes the Teams app zip (manifest with the bot id, color and outline icons)
 * for upload to Teams. The bot id comes from `--app-id` or MICROSOFT_APP_ID. The result line goes to stdout,
 * the next steps to stderr.
 */
export async function teamsCommand(args: string[], io: CliIo, config?: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'package') throw new UsageError(USAGE);
  const { values } = parse(rest, {
    out: { type: 'string' },
    'app-id': { type: 'string' },
    json: { type: 'boolean' },
  });
  // Packaging needs no database: the local runtime behind `./context` is loaded only for its config reader.
  config ??= (await import('./context')).cliConfig();
  const botId = values['app-id'] ?? config.teams.appId;
  if (!botId) throw new UsageError('no bot id: pass --app-id <id> or set MICROSOFT_APP_ID');
  if (!GUID.test(botId))
    throw new UsageError(`bot id "${botId}" is not a GUID (the Azure Bot's Microsoft App ID)`);

  const file = path.resolve(values.out ?? 'shopguide-teams.zip');
  const { zip, manifest } = buildTeamsPackage({ botId, baseUrl: config.publicBaseUrl });
  writeFileSync(file, zip);

  if (values.json) {
    io.out(JSON.stringify({ file, bytes: zip.length, botId, manifestVersion: manifest.manifestVersion }));
  } else {
    io.out(`Wrote ${file} (${zip.length} bytes): manifest v${manifest.manifestVersion}, bot ${botId}.`);
    io.err('Upload it in Teams (Apps → Manage your apps → Upload an app), and point the Azure Bot messaging');
    io.err(
      `endpoint at ${config.publicBaseUrl ? `${config.publicBaseUrl.replace(/\/+$/, '')}/api/messages` : '<your API URL>/api/messages'}.`,
    );
    if (manifest.validDomains.length === 0)
      io.err('Note: set PUBLIC_BASE_URL (https) to fill developer links and validDomains.');
  }
  return 0;
}
