import type { LogFields, Logger } from '../../functions/observability/logger';
import { redact } from '../../functions/observability/redact';

export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  message: string;
  fields: LogFields;
}

/** A logger that keeps its (redacted) entries in memory, so tests can assert what would reach the logs. */
export class RecordingLogger implements Logger {
  constructor(
    readonly entries: LogEntry[] = [],
    private readonly keys: LogFields = {},
  ) {}

  private write(level: LogEntry['level'], message: string, fields?: LogFields) {
    this.entries.push({ level, message, fields: redact({ ...this.keys, ...fields }) as LogFields });
  }
  debug(message: string, fields?: LogFields) {
    this.write('debug', message, fields);
  }
  info(message: string, fields?: LogFields) {
    this.write('info', message, fields);
  }
  warn(message: string, fields?: LogFields) {
    this.write('warn', message, fields);
  }
  error(message: string, fields?: LogFields) {
    this.write('error', message, fields);
  }
  child(keys: LogFields): Logger {
    return new RecordingLogger(this.entries, { ...this.keys, ...keys });
  }
  errors(): LogEntry[] {
    return this.entries.filter((e) => e.level === 'error');
  }
}
