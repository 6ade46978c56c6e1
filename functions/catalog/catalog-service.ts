import { isAvailable, type Product } from './product';
import { SearchIndex } from './search-index';

export interface CatalogServiceOptions {
  loadProducts: (storeId: string) => Promise<Product[]>;
  /**
   * The store's products from the compressed snapshot of exactly `version`, or undefined when there is none
   * (then `loadProducts` reads the table).
   */
  loadSnapshot?: (storeId: string, version: number) => Promise<Product[] | undefined>;
  /** The store's catalog version; undefined for a store that has never imported a catalog. */
  loadCatalogVersion: (storeId: string) => Promise<number | undefined>;
  /** How long a warm index is trusted before the version is read again. Default 30 s, so a change reaches every warm process within a minute. */
  versionCheckMs?: number;
  now?: () => number;
}

interface StoreEntry {
  index?: SearchIndex;
  version?: number;
  checkedAt: number;
  /** The refresh in flight, shared by every caller that arrives meanwhile. */
  refreshing?: Promise<SearchIndex>;
}

const DEFAULT_VERSION_CHECK_MS = 30_000;

/**
 * Keeps one search index per store for the life of a warm process. The index is rebuilt only when the
 * store's catalog version changes, the version is read at most once per `versionCheckMs`, and concurrent
 * callers share a single load and build.
 */
export class CatalogService {
  private readonly stores = new Map<string, StoreEntry>();
  private readonly versionCheckMs: number;
  private readonly now: () => number;

  constructor(private readonly options: CatalogServiceOptions) {
    this.versionCheckMs = options.versionCheckMs ?? DEFAULT_VERSION_CHECK_MS;
    this.now = options.now ?? Date.now;
  }

  /** The store's current index. Loader errors reach the caller; the next call tries again. */
  async getIndex(storeId: string): Promise<SearchIndex> {
    const entry = this.stores.get(storeId) ?? { checkedAt: Number.NEGATIVE_INFINITY };
    this.stores.set(storeId, entry);
    if (entry.refreshing) return entry.refreshing;
    if (entry.index && this.now() - entry.checkedAt < this.versionCheckMs) return entry.index;
    entry.refreshing = this.refresh(storeId, entry).finally(() => {
      entry.refreshing = undefined;
    });
    return entry.refreshing;
  }

  /** Forgets a store's index, so the next call loads it again (after an import in this process). */
  invalidate(storeId: string): void {
    this.stores.delete(storeId);
  }

  private async refresh(storeId: string, entry: StoreEntry): Promise<SearchIndex> {
    const version = await this.options.loadCatalogVersion(storeId);
    if (entry.index && version === entry.version) {
      entry.checkedAt = this.now();
      return entry.index;
    }
    const snapshot = version === undefined ? undefined : await this.options.loadSnapshot?.(storeId, version);
    const products = snapshot ?? (await this.options.loadProducts(storeId));
    // Products a full feed no longer lists stay in the table for history; shoppers never see them.
    const index = SearchIndex.build(products.filter(isAvailable));
    entry.index = index;
    entry.version = version;
    entry.checkedAt = this.now();
    return index;
  }
}
