import type { Config } from '../../functions/config/config';
import { buildSlackManifest } from '../../functions/channels/slack/manifest';
import { parse, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide slack manifest [--url <https base URL>] [--json]';

/**
 * `shopguide slack manifest`: prints the Slack app manifest to paste into "Create app from manifest".
 * The base URL comes from `--url` or PUBLIC_BASE_URL; every request URL points at its /slack routes. Only the
 * manifest goes to stdout (`> manifest.json` is valid JSON); the next steps are hints on stderr.
 */
export async function slackCommand(args: string[], io: CliIo, config?: Config): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'manifest') throw new UsageError(USAGE);
  const { values } = parse(rest, { url: { type: 'string' }, json: { type: 'boolean' } });
  config ??= (await import('./context')).cliConfig();
  const baseUrl = values.url ?? config.publicBaseUrl;
  if (!baseUrl) throw new UsageError('no base URL: pass --url https://<your API> or set PUBLIC_BASE_URL');
  const manifest = buildSlackManifest(baseUrl);
  if (values.json) {
    io.out(JSON.stringify(manifest));
    return 0;
  }
  io.out(JSON.stringify(manifest, null, 2));
  io.err('Paste this at https://api.slack.com/apps → Create New App → From a manifest.');
  io.err('Then install with /slack/install (set SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET),');
  io.err('or install to one workspace and set SLACK_BOT_TOKEN. Either way set SLACK_SIGNING_SECRET.');
  return 0;
}
