/**
 * Where the bot may send replies. An activity's `serviceUrl` comes from the request, so without this check
 * a caller could make the bot POST (with its Bot Framework token) to any address: server-side request
 * forgery. Only the Bot Framework's and Teams' connector hosts qualify, plus loopback for local runs.
 */
const BOT_FRAMEWORK_HOSTS = [
  'botframework.com',
  'botframework.azure.us',
  'smba.trafficmanager.net',
  'teams.microsoft.com',
  'teams.microsoft.us',
  'dod-teams.microsoft.us',
];

/** A host name or listen address that only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

export function isAllowedServiceUrl(serviceUrl: string, options: { allowLoopback: boolean }): boolean {
  let url: URL;
  try {
    url = new URL(serviceUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (isLoopbackHost(url.hostname)) return options.allowLoopback && /^https?:$/.test(url.protocol);
  const host = url.hostname.toLowerCase();
  return (
    url.protocol === 'https:' &&
    BOT_FRAMEWORK_HOSTS.some((allowed) => host === allowed || host.endsWith(`.${allowed}`))
  );
}
