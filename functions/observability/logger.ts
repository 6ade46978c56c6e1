import { Logger as PowertoolsLogger } from '@aws-lambda-powertools/logger';
import { redact } from './redact';

export type LogFields = Record<string, unknown>;

/** The structured logger every module receives. Fields are redacted before they are written. */
export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** A logger that adds these keys (store, channel, conversation...) to every entry. */
  child(keys: LogFields): Logger;
}

export type LogLevel = 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT' | 'CRITICAL';

class RedactingLogger implements Logger {
  constructor(
    private readonly powertools: () => PowertoolsLogger,
    private readonly keys: LogFields = {},
  ) {}

  private get inner(): PowertoolsLogger {
    return this.powertools();
  }

  private fields(extra?: LogFields): LogFields {
    return redact({ ...this.keys, ...extra }) as LogFields;
  }

  debug(message: string, fields?: LogFields): void {
    this.inner.debug(message, this.fields(fields));
  }
  info(message: string, fields?: LogFields): void {
    this.inner.info(message, this.fields(fields));
  }
  warn(message: string, fields?: LogFields): void {
    this.inner.warn(message, this.fields(fields));
  }
  error(message: string, fields?: LogFields): void {
    this.inner.error(message, this.fields(fields));
  }
  child(keys: LogFields): Logger {
    return new RedactingLogger(this.powertools, { ...this.keys, ...keys });
  }
}

/**
 * The Powertools logger is built on the first entry, not at init: building it opens the process's stdout
 * stream, a cost every cold start would otherwise pay before the first request.
 */
export function createLogger(serviceName: string, logLevel: LogLevel = 'INFO'): Logger {
  let inner: PowertoolsLogger | undefined;
  return new RedactingLogger(() => (inner ??= new PowertoolsLogger({ serviceName, logLevel })));
}

/** For tests and tools that must not print. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};
