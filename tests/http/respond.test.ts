import { SlackNotConfiguredError } from '../../functions/channels/slack/errors';
import { ShopGuideError } from '../../functions/errors/errors';
import { errorResponse } from '../../functions/http/respond';
import type { Logger } from '../../functions/observability/logger';

/** A logger that keeps each entry's level and message. */
function recordingLogger() {
  const entries: { level: string; message: string }[] = [];
  const logger: Logger = {
    debug: (message) => entries.push({ level: 'DEBUG', message }),
    info: (message) => entries.push({ level: 'INFO', message }),
    warn: (message) => entries.push({ level: 'WARN', message }),
    error: (message) => entries.push({ level: 'ERROR', message }),
    child: () => logger,
  };
  return { logger, entries };
}

describe('errors at the HTTP edge', () => {
  test('Slack not being configured is a 503 logged at INFO, not an ERROR', () => {
    const { logger, entries } = recordingLogger();
    const response = errorResponse(new SlackNotConfiguredError('Slack is not configured'), logger);
    expect(response.status).toBe(503);
    expect(entries.map((e) => e.level)).toEqual(['INFO']);
  });

  test('a real server fault is still an ERROR', () => {
    const { logger, entries } = recordingLogger();
    expect(errorResponse(new ShopGuideError('boom'), logger).status).toBe(500);
    expect(entries.map((e) => e.level)).toEqual(['ERROR']);
  });
});
