import type { WebClientOptions } from '@slack/web-api';
import type { Config } from '../../config/config';
import type { Logger } from '../../observability/logger';
import { toSlackLogger } from './slack-logger';

/**
 * Web API client settings shared by the worker and OAuth. `SLACK_API_URL` points every call at another base
 * URL (tests use a loopback stub). A 429 is retried after its `Retry-After` (the client waits, it does not
 * reject), within the same bounded retry budget as 5xx and network errors.
 */
export function slackClientOptions(
  config: Config,
  logger: Logger,
  overrides: Partial<WebClientOptions> = {},
): WebClientOptions {
  const apiUrl = config.slack.apiUrl;
  return {
    slackApiUrl: apiUrl ? (apiUrl.endsWith('/') ? apiUrl : `${apiUrl}/`) : undefined,
    logger: toSlackLogger(logger, 'slack-web-api'),
    rejectRateLimitedCalls: false,
    retryConfig: { retries: 3, factor: 2, minTimeout: 500, maxTimeout: 5000, randomize: true },
    timeout: 10_000,
    // A response_url or upload URL is absolute by design; method names never are.
    allowAbsoluteUrls: false,
    ...overrides,
  };
}
