import { LogLevel, type Logger as SlackLogger } from '@slack/logger';
import type { Logger } from '../../observability/logger';

/**
 * Routes Bolt's, the Web API's and OAuth's logs into the structured logger. Their info chatter is demoted to
 * debug; warnings and errors keep their level. Arguments are reduced to messages (no token-bearing objects).
 */
export function toSlackLogger(logger: Logger, name = 'slack'): SlackLogger {
  const log = logger.child({ component: name });
  let level = LogLevel.INFO;
  const text = (msg: unknown[]) =>
    msg
      .map((m) => (m instanceof Error ? `${m.name}: ${m.message}` : typeof m === 'string' ? m : ''))
      .join(' ')
      .trim();
  return {
    debug: (...msg: unknown[]) => log.debug(text(msg)),
    info: (...msg: unknown[]) => log.debug(text(msg)),
    warn: (...msg: unknown[]) => log.warn(text(msg)),
    error: (...msg: unknown[]) => log.error(text(msg)),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => undefined,
  };
}
