import { formatBenchTable, runBench } from '../../bench/run';
import { parse, type CliIo } from './io';

/** `shopguide bench [--json] [--only a,b]`: measures the product against the quality bars in docs/quality-bars.md. */
export async function benchCommand(args: string[], io: CliIo): Promise<number> {
  const { values } = parse(args, { json: { type: 'boolean', default: false }, only: { type: 'string' } });
  const rows = await runBench({ json: values.json, only: values.only?.split(','), log: io.err });
  io.out(values.json ? JSON.stringify({ rows }, null, 2) : formatBenchTable(rows));
  return 0;
}
