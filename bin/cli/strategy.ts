import type { Composition } from '../../functions/app/compose';
import { meanReward } from '../../functions/strategy/bandit';
import { metricRates, emptyCounts, type MetricCounts } from '../../functions/feedback-loop/metrics';
import { pinVariant, requireStore, resetStrategy } from '../../functions/strategy/strategy-admin';
import { effectiveShares, type StoredStrategy } from '../../functions/strategy/stored-strategy';
import { parse, table, UsageError, type CliIo } from './io';

const USAGE = 'usage: shopguide strategy show|pin <variantId>|reset --store <storeId> [--json]';
const METRIC_DAYS = 7;

/** `shopguide strategy`: the store's guidance strategy, its history and metrics; pin a variant or reset. */
export async function strategyCommand(args: string[], io: CliIo, services: Composition): Promise<number> {
  const { values, positionals } = parse(args, {
    store: { type: 'string' },
    json: { type: 'boolean', default: false },
  });
  const [sub, variantId] = positionals;
  const storeId = values.store;
  if (!storeId || !sub) throw new UsageError(USAGE);
  await requireStore(services.stores.get(storeId), storeId);
  const repository = services.strategyStore;
  const now = services.now();
  let strategy: StoredStrategy;
  if (sub === 'show') strategy = await repository.getOrDefault(storeId, now);
  else if (sub === 'pin') {
    if (!variantId) throw new UsageError(USAGE);
    strategy = await pinVariant(repository, storeId, variantId, now);
  } else if (sub === 'reset') strategy = await resetStrategy(repository, storeId, now);
  else throw new UsageError(USAGE);

  const history = await repository.history(storeId, 10);
  const fromDay = new Date(now.getTime() - (METRIC_DAYS - 1) * 86400_000).toISOString().slice(0, 10);
  const daily = await services.feedbackLoop.dailyMetrics(storeId, fromDay, now.toISOString().slice(0, 10));
  const byVariant = new Map<string, MetricCounts>();
  for (const day of daily) {
    const sum = byVariant.get(day.variantId) ?? emptyCounts();
    for (const key of Object.keys(sum) as (keyof MetricCounts)[]) sum[key] += day[key];
    byVariant.set(day.variantId, sum);
  }
  const metrics = Object.fromEntries(
    [...byVariant].map(([id, counts]) => [id, { ...counts, ...metricRates(counts) }]),
  );
  if (values.json) {
    const { lastEntry: _l, ...doc } = strategy;
    io.out(
      JSON.stringify({ strategy: { ...doc, effectiveShares: effectiveShares(strategy) }, metrics, history }),
    );
    return 0;
  }
  const pctOf = (v: number | undefined) => (v === undefined ? '-' : `${(v * 100).toFixed(1)}%`);
  io.out(`Strategy of ${storeId}: version ${strategy.version}, updated ${strategy.updatedAt}`);
  if (strategy.pinnedVariantId)
    io.out(`Pinned to ${strategy.pinnedVariantId} (shopguide strategy reset to unpin)`);
  io.out('');
  // What shoppers get now: a pinned variant has all of it, whatever the learned split.
  const effective = effectiveShares(strategy);
  io.out(
    table(
      ['variant', 'style', 'clarify', 'share', 'trials', 'reward'],
      strategy.variants.map(({ variant }) => {
        const arm = strategy.stats[variant.id];
        return [
          variant.id,
          variant.style,
          variant.clarifyFirst ? 'yes' : 'no',
          pctOf(effective[variant.id]),
          arm?.trials ?? 0,
          arm ? pctOf(meanReward(arm)) : '-',
        ];
      }),
    ),
  );
  const boosts = Object.entries(strategy.boosts).slice(0, 5);
  io.out('');
  io.out(
    `Product boosts: ${Object.keys(strategy.boosts).length}${boosts.length ? ` (top: ${boosts.map(([id, b]) => `${id} ${b >= 0 ? '+' : ''}${b}`).join(', ')})` : ''}`,
  );
  io.out('');
  io.out(`Last ${METRIC_DAYS} days`);
  io.out(
    table(
      ['variant', 'replies', 'csat', 'ctr', 'conversion', 'handoff', 'unanswered'],
      Object.entries(metrics).map(([id, m]) => [
        id,
        m.replies,
        pctOf(m.csat),
        pctOf(m.ctr),
        pctOf(m.conversion),
        pctOf(m.handoffRate),
        pctOf(m.unansweredRate),
      ]),
    ),
  );
  io.out('');
  io.out('History (newest first)');
  if (history.length === 0) io.out('  no changes yet');
  for (const entry of history) {
    const split = Object.entries(entry.shares)
      .map(([id, share]) => `${id} ${pctOf(share)}`)
      .join(', ');
    io.out(`  v${entry.version}  ${entry.at}  ${entry.kind} by ${entry.actor}: ${entry.reason}`);
    io.out(
      `        split ${split} (was ${Object.entries(entry.previousShares)
        .map(([id, s]) => `${id} ${pctOf(s)}`)
        .join(', ')})`,
    );
  }
  return 0;
}
