import { BENCH_SECTION_NAMES, formatBenchTable, runBench } from '../../bench/run';
import { parse, UsageError, type CliIo } from './io';

/** `shopguide bench [--json] [--only a,b]`: measures the product against the quality bars in docs/quality-bars.md. */
export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean', default: false }, only: { type: 'string' } });
  const only = values.only?.split(',').map((name) => name.trim());
  const unknown = only?.filter((name) => !BENCH_SECTION_NAMES.includes(name)) ?? [];
  if (only && (unknown.length > 0 || only.length === 0))
    throw new UsageError(
      `unknown bench section${unknown.length === 1 ? '' : 's'} "${unknown.join(', ')}"; --only takes ${BENCH_SECTION_NAMES.join(', ')}`,
    );
  const rows = await runBench({ json: values.json, only, log: io.err });
  io.out(values.json ? JSON.stringify({ rows }, null, 2) : formatBenchTable(rows));
  return 0;
}
