import { createHash } from 'node:crypto';
import type { RankingWeights } from '../catalog/search-query';

/** One way of guiding shoppers. The feedback loop shifts traffic between variants. */
export interface GuidanceVariant {
  id: string;
  /** Concise replies list products tersely; consultative ones explain trade-offs and ask about needs. */
  style: 'concise' | 'consultative';
  /** Ask one clarifying question (budget, use) before recommending from a broad query. */
  clarifyFirst: boolean;
  weights: RankingWeights;
}

export interface Strategy {
  storeId: string;
  version: number;
  variants: { variant: GuidanceVariant; share: number }[];
  /** Product id → additive ranking boost learned from clicks and purchases. */
  boosts: Record<string, number>;
  /** A variant the merchant pinned: it gets all traffic until reset. */
  pinnedVariantId?: string;
  updatedAt: string;
}

/** What the assistant needs for one conversation: its sticky variant and the store's boosts. */
export interface GuidancePlan {
  variant: GuidanceVariant;
  boosts: Record<string, number>;
  strategyVersion: number;
}

export interface StrategyProvider {
  planFor(storeId: string, conversationId: string): Promise<GuidancePlan>;
  /** The variant a conversation was first assigned, if the store still has it. */
  variantById?(storeId: string, variantId: string): Promise<GuidanceVariant | undefined>;
}

export const DEFAULT_VARIANTS: GuidanceVariant[] = [
  {
    id: 'concise',
    style: 'concise',
    clarifyFirst: false,
    weights: { relevance: 1, rating: 0.15, popularity: 0.1 },
  },
  {
    id: 'consultative',
    style: 'consultative',
    clarifyFirst: true,
    weights: { relevance: 1, rating: 0.3, popularity: 0.2 },
  },
];

export function defaultStrategy(storeId: string, now = new Date()): Strategy {
  return {
    storeId,
    version: 0,
    variants: DEFAULT_VARIANTS.map((variant) => ({ variant, share: 1 / DEFAULT_VARIANTS.length })),
    boosts: {},
    updatedAt: now.toISOString(),
  };
}

/**
 * Sticky assignment: the same conversation always lands on the same variant for a given split, by hashing
 * its id into [0, 1) and walking the cumulative shares.
 */
export function pickVariant(strategy: Strategy, conversationId: string): GuidanceVariant {
  const first = strategy.variants[0];
  if (!first) throw new Error('A strategy needs at least one variant');
  if (strategy.pinnedVariantId) {
    const pinned = strategy.variants.find((v) => v.variant.id === strategy.pinnedVariantId);
    if (pinned) return pinned.variant;
  }
  const digest = createHash('sha256').update(conversationId).digest();
  const point = digest.readUInt32BE(0) / 0x1_0000_0000;
  const total = strategy.variants.reduce((sum, v) => sum + v.share, 0) || 1;
  let cumulative = 0;
  for (const entry of strategy.variants) {
    cumulative += entry.share / total;
    if (point < cumulative) return entry.variant;
  }
  return strategy.variants[strategy.variants.length - 1]?.variant ?? first.variant;
}
