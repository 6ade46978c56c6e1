import { NotConfiguredError, ShopGuideError } from '../../errors/errors';

/** Slack is called but the settings it needs are missing (e.g. no signing secret). */
export class SlackNotConfiguredError extends NotConfiguredError {
  override name = 'SlackNotConfiguredError';
}

/** A Slack job could not be processed; the queue retries it, then dead-letters it. */
export class SlackJobError extends ShopGuideError {
  override name = 'SlackJobError';
}
