import { parseArgs, type ParseArgsConfig } from 'node:util';
import { isShopGuideError } from '../../functions/errors/errors';

/** Terminal output of the CLI. Results go to `out` (stdout), progress and errors to `err` (stderr). */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** A mistake in how the command was called: printed as one line, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export function parse<T extends ParseArgsConfig['options']>(args: string[], options: T) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : 'invalid arguments');
  }
}

/** Every failure is one clear line and a non-zero exit. */
export function reportError(error: unknown, io: CliIo): number {
  if (error instanceof UsageError) {
    io.err(`error: ${error.message}`);
    return 2;
  }
  if (isShopGuideError(error)) {
    io.err(`error: ${error.publicMessage}`);
    return 1;
  }
  const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
  io.err(`error: ${message}`);
  return 1;
}

/** A single-line progress indicator on stderr that redraws in place on a terminal. */
export function progress(io: CliIo, label: string) {
  const tty = process.stderr.isTTY;
  let last = -1;
  return {
    update(done: number, total: number) {
      const percent = total ? Math.floor((done / total) * 100) : 100;
      if (percent === last) return;
      last = percent;
      if (tty) process.stderr.write(`\r${label}: ${done}/${total} (${percent}%)`);
      else if (percent % 25 === 0 || done === total) io.err(`${label}: ${done}/${total} (${percent}%)`);
    },
    done() {
      if (tty) process.stderr.write('\n');
    },
  };
}

export function table(columns: string[], rows: (string | number)[][]): string {
  const cells = [columns, ...rows.map((r) => r.map((c) => String(c)))];
  const widths = columns.map((_c, i) => Math.max(...cells.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]) =>
    r
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join(
    '\n',
  );
}
