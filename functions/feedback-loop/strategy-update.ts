import type { StrategyChange } from '../ports/strategy-store';
import { absorbCounts, createPrng, decide, emptyArm, type Guardrails } from '../strategy/bandit';
import { sharesOf, type StoredStrategy } from '../strategy/stored-strategy';
import { COUNT_FIELDS, emptyCounts, type MetricCounts } from './metrics';
import { computeBoosts, type ProductStats } from './product-stats';

/** One event batch as the strategy absorbs it. */
export interface StrategyBatch {
  storeId: string;
  /** Sort key of the batch's last event: a strategy that absorbed it already is left as it is. */
  toSk: string;
  /** Count deltas per variant (`foldVariantCounts`). */
  deltas: Map<string, MetricCounts>;
  /** Product statistics after this batch, for the ranking boosts. */
  products: ProductStats | undefined;
  now: Date;
  /** Decide a new traffic split (only on the batch that catches up), or only learn. */
  decideNow: boolean;
  guardrails?: Partial<Guardrails>;
}

/**
 * The strategy after a batch, as a pure change for `StrategyStore.update`: the bandit statistics absorb the
 * batch, boosts are recomputed and, on the last batch, the optimiser decides (seeded by the batch, so a re-run
 * decides the same way). `onDecision` hears the decision of the attempt that was written.
 */
export function strategyChangeFor(
  batch: StrategyBatch,
  onDecision: (decision: string) => void = () => undefined,
): StrategyChange {
  const { storeId, toSk, deltas, products, now, decideNow, guardrails } = batch;
  return (current) => {
    if (current.appliedToSk && current.appliedToSk >= toSk) return undefined;
    // A copy of the statistics: the change must not touch the strategy it was given.
    const next: StoredStrategy = {
      ...current,
      stats: { ...current.stats },
      appliedToSk: toSk,
      updatedAt: now.toISOString(),
    };
    const known = new Set(current.variants.map((v) => v.variant.id));
    const storeCounts = emptyCounts();
    for (const [variantId, counts] of deltas) {
      for (const field of COUNT_FIELDS) storeCounts[field] += counts[field];
      if (known.has(variantId))
        next.stats[variantId] = absorbCounts(next.stats[variantId] ?? emptyArm(), counts);
    }
    next.sinceChange = absorbCounts(current.sinceChange ?? emptyArm(), storeCounts);
    next.boosts = computeBoosts(products);
    if (!decideNow) return { next };
    const previousShares = sharesOf(current);
    const result = decide({
      shares: previousShares,
      stats: next.stats,
      sinceChange: next.sinceChange,
      lastChange: current.lastChange,
      pinnedVariantId: current.pinnedVariantId,
      random: createPrng(`${storeId}|${toSk}`),
      guardrails,
    });
    onDecision(`${result.kind}: ${result.reason}`);
    if (result.kind === 'hold') return { next };
    next.variants = current.variants.map((v) => ({ ...v, share: result.shares[v.variant.id] ?? v.share }));
    next.lastChange = {
      version: current.version + 1,
      at: now.toISOString(),
      kind: result.kind,
      previousShares,
      baseline: next.sinceChange,
    };
    next.sinceChange = emptyArm();
    // After a rollback the old statistics describe a world that changed: learn again from fresh samples.
    if (result.kind === 'rollback') next.stats = {};
    return {
      next,
      entry: {
        at: now.toISOString(),
        kind: result.kind,
        actor: 'optimizer',
        reason: result.reason,
        shares: sharesOf(next),
        previousShares,
        evidence: result.evidence,
      },
    };
  };
}
