import { isShopGuideError, retryAfterSecondsOf } from '../errors/errors';
import type { Logger } from '../observability/logger';
import type { HttpResponse } from './http-types';

const JSON_HEADERS = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };

export function json(status: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return { status, headers: { ...JSON_HEADERS, ...headers }, body: JSON.stringify(body) };
}

export function html(body: string, status = 200): HttpResponse {
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}

/**
 * The one place errors become HTTP statuses. Typed errors carry a short public reason; anything else is a
 * 500 with a generic message, and the detail goes to the log only.
 */
export function errorResponse(error: unknown, logger: Logger): HttpResponse {
  if (isShopGuideError(error)) {
    if (error.expected)
      logger.info('Request for a feature that is not configured', {
        error: error.name,
        reason: error.message,
      });
    else if (error.status >= 500)
      logger.error('Request failed', { error: error.name, cause: describeCause(error) });
    const retryAfter = retryAfterSecondsOf(error);
    const headers: Record<string, string> =
      retryAfter === undefined ? {} : { 'retry-after': String(retryAfter) };
    return json(error.status, { error: error.publicMessage }, headers);
  }
  logger.error('Unexpected error', { error: describeCause(error) });
  return json(500, { error: 'Something went wrong, please try again' });
}

function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = error.cause instanceof Error ? ` (cause: ${error.cause.name}: ${error.cause.message})` : '';
    return `${error.name}: ${error.message}${cause}`;
  }
  return 'non-error thrown';
}
