import {
  DEFAULT_VARIANTS,
  pickVariant,
  type GuidancePlan,
  type GuidanceVariant,
  type Strategy,
  type StrategyProvider,
} from './strategy';
import type { StrategyStore } from '../ports/strategy-store';

/** How long a warm process trusts its copy of a store's strategy. */
export const STRATEGY_CACHE_MS = 2 * 60 * 1000;

/**
 * The assistant's strategy source: each store's stored strategy (the default even split until the feedback
 * loop writes one), cached per store for at most `ttlMs` so a turn usually costs no read. Concurrent
 * misses for the same store share one read.
 */
export class StoredStrategyProvider implements StrategyProvider {
  private readonly cache = new Map<string, { at: number; strategy: Promise<Strategy> }>();

  constructor(
    private readonly repository: Pick<StrategyStore, 'getOrDefault'>,
    private readonly options: { ttlMs?: number; now?: () => Date } = {},
  ) {}

  async planFor(storeId: string, conversationId: string): Promise<GuidancePlan> {
    const strategy = await this.strategyFor(storeId);
    return {
      variant: pickVariant(strategy, conversationId),
      boosts: strategy.boosts,
      strategyVersion: strategy.version,
    };
  }

  async variantById(storeId: string, variantId: string): Promise<GuidanceVariant | undefined> {
    const strategy = await this.strategyFor(storeId);
    return (
      strategy.variants.find((v) => v.variant.id === variantId)?.variant ??
      DEFAULT_VARIANTS.find((v) => v.id === variantId)
    );
  }

  /** Forgets cached strategies (one store, or all), e.g. right after the aggregation in the same process. */
  invalidate(storeId?: string): void {
    if (storeId) this.cache.delete(storeId);
    else this.cache.clear();
  }

  async strategyFor(storeId: string): Promise<Strategy> {
    const now = (this.options.now ?? (() => new Date()))();
    const cached = this.cache.get(storeId);
    if (cached && now.getTime() - cached.at < (this.options.ttlMs ?? STRATEGY_CACHE_MS))
      return cached.strategy;
    const strategy = this.repository.getOrDefault(storeId, now);
    this.cache.set(storeId, { at: now.getTime(), strategy });
    strategy.catch(() => this.cache.delete(storeId));
    return strategy;
  }
}
