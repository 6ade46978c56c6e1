import { VersionedStoreCache } from '../stores/versioned-cache';
import type { Product } from './product';
import { SearchIndex } from './search-index';

export interface CatalogServiceOptions {
  loadProducts: (storeId: string) => Promise<Product[]>;
  /** The store's catalog version; undefined for a store that has never imported a catalog. */
  loadCatalogVersion: (storeId: string) => Promise<number | undefined>;
  /** How long a warm index is trusted before the version is read again. Default 30 s. */
  versionCheckMs?: number;
  now?: () => number;
}

const DEFAULT_VERSION_CHECK_MS = 30_000;

/**
 * Keeps one search index per store for the life of a warm process. The index is rebuilt only when the
 * store's catalog version changes, the version is read at most once per `versionCheckMs`, and concurrent
 * callers share a single load and build.
 */
export class CatalogService {
  private readonly cache: VersionedStoreCache<SearchIndex>;

  constructor(options: CatalogServiceOptions) {
    this.cache = new VersionedStoreCache({
      load: async (storeId) => SearchIndex.build(await options.loadProducts(storeId)),
      loadVersion: options.loadCatalogVersion,
      versionCheckMs: options.versionCheckMs ?? DEFAULT_VERSION_CHECK_MS,
      now: options.now,
    });
  }

  /** The store's current index. Loader errors reach the caller; the next call tries again. */
  async getIndex(storeId: string): Promise<SearchIndex> {
    return this.cache.get(storeId);
  }

  /** Forgets a store's index, so the next call loads it again (after an import in this process). */
  invalidate(storeId: string): void {
    this.cache.invalidate(storeId);
  }
}
