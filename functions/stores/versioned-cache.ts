export interface VersionedCacheOptions<T> {
  /** Builds the value for a store (loads and indexes its data). */
  load: (storeId: string) => Promise<T>;
  /** The store's data version; the value is rebuilt only when it changes. */
  loadVersion: (storeId: string) => Promise<number | undefined>;
  /** How long a warm value is trusted before the version is read again (0: on every call). */
  versionCheckMs: number;
  now?: () => number;
}

interface Entry<T> {
  value?: T;
  version?: number;
  checkedAt: number;
  /** The refresh in flight, shared by every caller that arrives meanwhile. */
  refreshing?: Promise<T>;
}

/**
 * A per-store value kept for the life of a warm process (a search index, a FAQ index). It is rebuilt only
 * when the store's version changes, the version is read at most once per `versionCheckMs`, and concurrent
 * callers share a single load and build.
 */
export class VersionedStoreCache<T> {
  private readonly stores = new Map<string, Entry<T>>();
  private readonly now: () => number;

  constructor(private readonly options: VersionedCacheOptions<T>) {
    this.now = options.now ?? Date.now;
  }

  /** The store's current value. Loader errors reach the caller; the next call tries again. */
  async get(storeId: string): Promise<T> {
    const entry = this.stores.get(storeId) ?? { checkedAt: Number.NEGATIVE_INFINITY };
    this.stores.set(storeId, entry);
    if (entry.refreshing) return entry.refreshing;
    if (entry.value !== undefined && this.now() - entry.checkedAt < this.options.versionCheckMs)
      return entry.value;
    entry.refreshing = this.refresh(storeId, entry).finally(() => {
      entry.refreshing = undefined;
    });
    return entry.refreshing;
  }

  /** Forgets a store's value, so the next call loads it again. */
  invalidate(storeId: string): void {
    this.stores.delete(storeId);
  }

  private async refresh(storeId: string, entry: Entry<T>): Promise<T> {
    const version = await this.options.loadVersion(storeId);
    if (entry.value !== undefined && version === entry.version) {
      entry.checkedAt = this.now();
      return entry.value;
    }
    const value = await this.options.load(storeId);
    entry.value = value;
    entry.version = version;
    entry.checkedAt = this.now();
    return value;
  }
}
