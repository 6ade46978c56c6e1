import { ShopGuideError } from '../errors/errors';
import { emptyArm, type ArmStats, type LastChange } from './bandit';
import { defaultStrategy, type Strategy } from './strategy';

/** The stored strategy: the assistant's view plus what the optimiser needs to learn and to undo. */
export interface StoredStrategy extends Strategy {
  /** Cumulative reward statistics per variant since the last reset or rollback. */
  stats: Record<string, ArmStats>;
  /** Store-wide reward statistics since the last change (judges that change). */
  sinceChange: ArmStats;
  lastChange?: LastChange;
  /** Sort key of the last event batch folded in: a re-run of the same batch changes nothing. */
  appliedToSk?: string;
  /** The history entry of this version, kept here too so a crash before the history write loses nothing. */
  lastEntry?: StrategyHistoryEntry;
}

export type StrategyChangeKind = 'shift' | 'rollback' | 'pin' | 'reset';

/** One change of a store's strategy, with the reason and the evidence behind it. */
export interface StrategyHistoryEntry {
  storeId: string;
  version: number;
  at: string;
  kind: StrategyChangeKind;
  actor: 'optimizer' | 'merchant';
  reason: string;
  shares: Record<string, number>;
  previousShares: Record<string, number>;
  pinnedVariantId?: string;
  evidence: Record<string, unknown>;
}

/** Another writer changed the strategy first; the caller re-reads and retries. */
export class StrategyConflictError extends ShopGuideError {
  override name = 'StrategyConflictError';
  override readonly status = 409;
}

export function sharesOf(strategy: Strategy): Record<string, number> {
  return Object.fromEntries(strategy.variants.map((v) => [v.variant.id, v.share]));
}

/**
 * The split shoppers actually get: a pinned variant takes all traffic (see `pickVariant`), whatever the
 * learned shares say; they are kept, to resume from when the pin is reset.
 */
export function effectiveShares(strategy: Strategy): Record<string, number> {
  const pinned = strategy.pinnedVariantId;
  if (!pinned || !strategy.variants.some((v) => v.variant.id === pinned)) return sharesOf(strategy);
  return Object.fromEntries(strategy.variants.map((v) => [v.variant.id, v.variant.id === pinned ? 1 : 0]));
}

export function defaultStoredStrategy(storeId: string, now: Date): StoredStrategy {
  return { ...defaultStrategy(storeId, now), stats: {}, sinceChange: emptyArm() };
}
