import { ValidationError } from '../../errors/errors';

/** Bot scopes ShopGuide asks for: mentions, DMs, replies, the slash command and chart uploads. */
export const SLACK_BOT_SCOPES = [
  'app_mentions:read',
  'chat:write',
  'commands',
  'im:history',
  'im:read',
  'im:write',
  'files:write',
  // Handoff: read merchants' replies in the card's thread, and sign relayed replies with their names.
  'channels:history',
  'groups:history',
  'users:read',
];

export const SLACK_BOT_EVENTS = [
  'app_mention',
  'message.im',
  'message.channels',
  'message.groups',
  'app_home_opened',
  'app_uninstalled',
  'tokens_revoked',
];

/**
 * The app manifest to paste into "Create app from manifest". Every request URL points at the one front door,
 * `POST /slack/events`, and OAuth at `/slack/oauth_redirect`.
 */
export function buildSlackManifest(baseUrl: string, options: { name?: string } = {}) {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new ValidationError(
      `Invalid base URL ${baseUrl}: expected e.g. https://abc.execute-api.us-east-1.amazonaws.com`,
    );
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new ValidationError(`Invalid base URL ${baseUrl}`);
  const base = url.toString().replace(/\/+$/, '');
  const name = options.name ?? 'ShopGuide';
  const events = `${base}/slack/events`;
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name,
      description: 'Shopping guide for your shoppers, sales insights for your team.',
      background_color: '#1d3557',
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: name, always_online: true },
      slash_commands: [
        {
          command: '/shopguide',
          url: events,
          description: 'Link your store, ask for insights',
          usage_hint: 'link <code> | insights <question> | help',
          should_escape: false,
        },
      ],
    },
    oauth_config: {
      redirect_urls: [`${base}/slack/oauth_redirect`],
      scopes: { bot: SLACK_BOT_SCOPES },
    },
    settings: {
      event_subscriptions: { request_url: events, bot_events: SLACK_BOT_EVENTS },
      interactivity: { is_enabled: true, request_url: events },
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    },
  };
}
