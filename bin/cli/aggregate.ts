import { runAggregation, type StoreRunSummary } from '../../functions/feedback-loop/run-aggregation';
import { clusterNotifiersOnce } from '../../functions/app/digest-senders';
import { runKnowledgeStep } from '../../functions/faq/knowledge-step';
import type { CliRuntime } from './context';
import { parse, table, type CliIo } from './io';

/** `shopguide aggregate [--store id] [--json]`: runs the feedback loop now, as the hourly schedule would. */
export async function aggregateCommand(args: string[], io: CliIo, runtime: CliRuntime): Promise<number> {
  const { services } = runtime;
  const { values } = parse(args, { store: { type: 'string' }, json: { type: 'boolean', default: false } });
  if (values.store && !(await services.stores.get(values.store))) {
    io.err(`error: unknown store ${values.store}`);
    return 1;
  }
  let stores: StoreRunSummary[];
  if (runtime.stack && runtime.invokeAggregate) {
    // On a stack the deployed function runs it, with its own grants, secrets and digest senders.
    io.err(`invoking ${runtime.stack.aggregateFunctionName ?? 'the aggregate function'}...`);
    const out = (await runtime.invokeAggregate({ storeId: values.store })) as { stores?: StoreRunSummary[] };
    stores = out?.stores ?? [];
  } else {
    io.err('aggregating feedback...');
    stores = await runAggregation(services.feedbackLoopDeps, { storeId: values.store, now: services.now() });
    // The knowledge loop's step, as the scheduled function runs it: cluster cards to Slack and Teams.
    io.err('clustering unanswered questions...');
    await runKnowledgeStep(services.knowledgeLoopDeps, clusterNotifiersOnce(services), services.now(), {
      storeId: values.store,
    });
  }
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
