import type { Composition } from '../../functions/app/compose';
import { runAggregation } from '../../functions/feedback-loop/run-aggregation';
import { parse, table, type CliIo } from './io';

/** `shopguide aggregate [--store id] [--json]`: runs the feedback loop now, as the hourly schedule would. */
export async function aggregateCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values } = parse(args, { store: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (values.store && !(await services.stores.get(values.store))) {
    io.err(`error: unknown store ${values.store}`);
    return 1;
  }
  io.err('aggregating feedback...');
  const stores = await runAggregation(services.feedbackLoopDeps, {
    storeId: values.store,
    now: services.now(),
  });
  if (values.json) {
    io.out(JSON.stringify({ stores }));
    return 0;
  }
  io.out(
    table(
      ['store', 'events', 'version', 'split', 'decision'],
      stores.map((s) => [
        s.storeId,
        s.events,
        s.strategyVersion < 0 ? '-' : s.strategyVersion,
        Object.entries(s.shares)
          .map(([id, share]) => `${id} ${(share * 100).toFixed(0)}%`)
          .join(', ') || '-',
        s.decision ?? (s.events ? 'updated' : 'nothing new'),
      ]),
    ),
  );
  return 0;
}
