import { NotFoundError, ValidationError } from '../errors/errors';
import { emptyArm } from './bandit';
import type { StrategyStore } from '../ports/strategy-store';
import { effectiveShares, type StoredStrategy, type StrategyHistoryEntry } from './stored-strategy';
import { DEFAULT_VARIANTS } from './strategy';

/**
 * What a merchant can do to a strategy (CLI, Slack and Teams call these): pin a variant so it gets all
 * traffic, or reset to the default even split. Each is recorded in the history like the optimiser's changes.
 */
export async function pinVariant(repository: StrategyStore, storeId: string, variantId: string, now: Date) {
  return repository.update(storeId, now, (current) => {
    if (!current.variants.some((v) => v.variant.id === variantId)) {
      throw new ValidationError(
        `Unknown variant ${variantId}; expected one of ${current.variants.map((v) => v.variant.id).join(', ')}`,
      );
    }
    const next: StoredStrategy = { ...current, pinnedVariantId: variantId, updatedAt: now.toISOString() };
    return {
      next,
      entry: merchantEntry('pin', `pinned to ${variantId} by the merchant`, current, next, now),
    };
  });
}

/** Back to the default variants at an even split, unpinned, with the bandit's statistics cleared. */
export async function resetStrategy(repository: StrategyStore, storeId: string, now: Date) {
  return repository.update(storeId, now, (current) => {
    const next: StoredStrategy = {
      ...current,
      variants: DEFAULT_VARIANTS.map((variant) => ({ variant, share: 1 / DEFAULT_VARIANTS.length })),
      stats: {},
      sinceChange: emptyArm(),
      updatedAt: now.toISOString(),
    };
    delete next.pinnedVariantId;
    delete next.lastChange;
    return {
      next,
      entry: merchantEntry('reset', 'reset to the default even split by the merchant', current, next, now),
    };
  });
}

export async function requireStore(exists: Promise<unknown>, storeId: string) {
  if (!(await exists)) throw new NotFoundError(`Unknown store ${storeId}`);
}

function merchantEntry(
  kind: 'pin' | 'reset',
  reason: string,
  current: StoredStrategy,
  next: StoredStrategy,
  now: Date,
): Omit<StrategyHistoryEntry, 'version' | 'storeId'> {
  return {
    at: now.toISOString(),
    kind,
    actor: 'merchant',
    reason,
    // The split shoppers get before and after: a pin is recorded as 100% for its variant.
    shares: effectiveShares(next),
    previousShares: effectiveShares(current),
    pinnedVariantId: next.pinnedVariantId,
    evidence: { previousPinnedVariantId: current.pinnedVariantId ?? null },
  };
}
