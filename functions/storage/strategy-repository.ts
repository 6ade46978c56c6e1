import type { StrategyStore } from '../ports/strategy-store';
import {
  defaultStoredStrategy,
  StrategyConflictError,
  type StoredStrategy,
  type StrategyHistoryEntry,
} from '../strategy/stored-strategy';
import { strategyKeys } from './keys';
import { isConditionalCheckFailed, type Table } from './table';

/**
 * Versioned strategy documents. Every write is conditional on the version it read (optimistic locking), and
 * meaningful changes also get a history item keyed by version.
 */
type StrategyItem = StoredStrategy & { pk: string; sk: string; entity: 'strategy' };

export class StrategyRepository implements StrategyStore {
  constructor(private readonly table: Table) {}

  async get(storeId: string): Promise<StoredStrategy | undefined> {
    const item = await this.table.get<StrategyItem>(strategyKeys.strategy(storeId));
    if (!item) return undefined;
    const { pk: _pk, sk: _sk, entity: _e, ...strategy } = item;
    return strategy;
  }

  /** The stored strategy, or the default even split (version 0) for a store that has none yet. */
  async getOrDefault(storeId: string, now: Date): Promise<StoredStrategy> {
    return (await this.get(storeId)) ?? defaultStoredStrategy(storeId, now);
  }

  /**
   * Writes `next` as version `expectedVersion + 1` if the stored version is still `expectedVersion`, then its
   * history entry (if any). Throws StrategyConflictError when someone else wrote first.
   */
  async save(
    next: StoredStrategy,
    expectedVersion: number,
    entry?: Omit<StrategyHistoryEntry, 'version' | 'storeId'>,
  ) {
    const version = expectedVersion + 1;
    const lastEntry = entry ? { ...entry, storeId: next.storeId, version } : undefined;
    const item: StrategyItem = {
      ...strategyKeys.strategy(next.storeId),
      entity: 'strategy',
      ...next,
      version,
      lastEntry,
    };
    if (!lastEntry) delete item.lastEntry;
    try {
      await this.table.put(item, {
        condition: expectedVersion === 0 ? 'attribute_not_exists(pk)' : 'version = :expected',
        values: expectedVersion === 0 ? undefined : { ':expected': expectedVersion },
      });
    } catch (error) {
      if (isConditionalCheckFailed(error)) {
        throw new StrategyConflictError('The strategy changed meanwhile, please retry', { cause: error });
      }
      throw error;
    }
    if (lastEntry) await this.writeHistory(lastEntry);
    return { ...next, version, lastEntry };
  }

  /**
   * Read, change, conditionally write, retrying on conflicts. `change` returns undefined to leave the
   * strategy as it is.
   */
  async update(
    storeId: string,
    now: Date,
    change: (
      current: StoredStrategy,
    ) => { next: StoredStrategy; entry?: Omit<StrategyHistoryEntry, 'version' | 'storeId'> } | undefined,
    attempts = 4,
  ): Promise<StoredStrategy> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getOrDefault(storeId, now);
      const result = change(structuredClone(current));
      if (!result) return current;
      try {
        return await this.save(result.next, current.version, result.entry);
      } catch (error) {
        if (!(error instanceof StrategyConflictError) || attempt >= attempts) throw error;
      }
    }
  }

  /** History entries, newest first. */
  async history(storeId: string, limit = 20): Promise<StrategyHistoryEntry[]> {
    const items = await this.table.query<StrategyHistoryEntry & { pk: string; sk: string }>(
      strategyKeys.strategyPartition(storeId),
      { beginsWith: strategyKeys.historyPrefix, descending: true, limit },
    );
    const entries = items.map(({ pk: _pk, sk: _sk, ...entry }) => stripEntity(entry));
    // A crash between the strategy write and the history write leaves the entry only on the document.
    const current = await this.get(storeId);
    if (current?.lastEntry && !entries.some((e) => e.version === current.lastEntry?.version)) {
      entries.unshift(current.lastEntry);
    }
    return entries.slice(0, limit);
  }

  private async writeHistory(entry: StrategyHistoryEntry) {
    await this.table.put({
      ...strategyKeys.history(entry.storeId, entry.version),
      entity: 'strategy-history',
      ...entry,
    });
  }
}

function stripEntity(entry: StrategyHistoryEntry & { entity?: string }): StrategyHistoryEntry {
  const { entity: _e, ...rest } = entry;
  return rest;
}
