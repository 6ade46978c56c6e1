import { NotConfiguredError, ShopGuideError } from '../../errors/errors';

/** Slack is called but the settings it needs are missing (e.g. no signing secret). */
export class SlackNotConfiguredError extends NotConfiguredError {
  override name = 'SlackNotConfiguredError';
}

/** A Slack job could not be processed; the queue retries it, then dead-letters it. */
export class SlackJobError extends ShopGuideError {
  override name = 'SlackJobError';
}

/** The `error` code of a failed Web API call (`expired_trigger_id`, `ratelimited`...), when Slack gave one. */
export function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}
