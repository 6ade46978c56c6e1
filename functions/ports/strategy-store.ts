import type { StoredStrategy, StrategyHistoryEntry } from '../strategy/stored-strategy';

export type StrategyChange = (
  current: StoredStrategy,
) => { next: StoredStrategy; entry?: Omit<StrategyHistoryEntry, 'version' | 'storeId'> } | undefined;

/** Versioned strategy documents and their history. */
export interface StrategyStore {
  get(storeId: string): Promise<StoredStrategy | undefined>;
  /** The stored strategy, or the default even split (version 0). */
  getOrDefault(storeId: string, now: Date): Promise<StoredStrategy>;
  /** Conditional on `expectedVersion`; throws StrategyConflictError when someone else wrote first. */
  save(
    next: StoredStrategy,
    expectedVersion: number,
    entry?: Omit<StrategyHistoryEntry, 'version' | 'storeId'>,
  ): Promise<StoredStrategy>;
  /** Read, change, conditionally write, retrying on conflicts; `change` returns undefined to keep it. */
  update(storeId: string, now: Date, change: StrategyChange, attempts?: number): Promise<StoredStrategy>;
  /** Newest first. */
  history(storeId: string, limit?: number): Promise<StrategyHistoryEntry[]>;
}
