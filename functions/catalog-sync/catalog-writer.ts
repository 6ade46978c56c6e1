import type { CatalogSnapshots } from '../catalog/catalog-snapshot';
import type { Product } from '../catalog/product';

/** What committing a catalog change needs: the store's version counter, the products, the snapshots. */
export interface CatalogWriterPorts {
  stores: { bumpCatalogVersion(storeId: string): Promise<number> };
  products: { list(storeId: string): Promise<Product[]> };
  snapshots?: CatalogSnapshots;
  /** This process's own search indexes, dropped at once (other processes see the version within 60 s). */
  catalog?: { invalidate(storeId: string): void };
}

/**
 * The one way a catalog change becomes visible: bump the store's catalog version (warm processes compare it
 * every 30 s), then write the snapshot of that version for cold starts. A snapshot that fails to write, or is
 * overtaken by a concurrent change, only sends cold starts to the table: readers accept a snapshot of exactly
 * the current version.
 */
export async function commitCatalogChange(ports: CatalogWriterPorts, storeId: string): Promise<number> {
  const version = await ports.stores.bumpCatalogVersion(storeId);
  ports.catalog?.invalidate(storeId);
  if (ports.snapshots) await ports.snapshots.save(storeId, version, await ports.products.list(storeId));
  return version;
}
