import { gunzipSync, gzipSync } from 'node:zlib';
import type { Logger } from '../observability/logger';
import type { Product } from './product';

/**
 * A compressed copy of a store's whole catalog at one catalog version, written after every change so a cold
 * process loads one object instead of paging the catalog out of DynamoDB. It is a cache: a missing, stale
 * or unreadable snapshot only means the catalog comes from the table.
 */
export interface CatalogSnapshot {
  storeId: string;
  version: number;
  createdAt: string;
  products: Product[];
}

/** Where snapshot bytes live: S3 in AWS (`storage/s3-snapshot-store.ts`), a file under DATA_DIR locally. */
export interface SnapshotStore {
  /** The stored bytes, or undefined when there are none. */
  read(storeId: string): Promise<Buffer | undefined>;
  write(storeId: string, bytes: Buffer): Promise<void>;
}

const FORMAT = 1;

export function encodeSnapshot(snapshot: CatalogSnapshot): Buffer {
  // Level 6 (the default) compresses a 100k catalog ~8x; writes are off the shopper's path.
  return gzipSync(JSON.stringify({ format: FORMAT, ...snapshot }));
}

export function decodeSnapshot(bytes: Buffer): CatalogSnapshot {
  const parsed = JSON.parse(gunzipSync(bytes).toString('utf8')) as CatalogSnapshot & { format?: number };
  if (parsed.format !== FORMAT || !Array.isArray(parsed.products) || typeof parsed.version !== 'number') {
    throw new Error('Unsupported catalog snapshot format');
  }
  return parsed;
}

/** Reads and writes snapshots, treating every failure as "no snapshot" (logged), never as a failed request. */
export class CatalogSnapshots {
  constructor(
    private readonly store: SnapshotStore,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** The products of `version`, or undefined when the snapshot is missing, of another version or unreadable. */
  async load(storeId: string, version: number): Promise<Product[] | undefined> {
    try {
      const bytes = await this.store.read(storeId);
      if (!bytes) return undefined;
      const snapshot = decodeSnapshot(bytes);
      if (snapshot.storeId !== storeId || snapshot.version !== version) return undefined;
      return snapshot.products;
    } catch (error) {
      this.logger.warn('Catalog snapshot unreadable; loading from the table', {
        storeId,
        error: String(error),
      });
      return undefined;
    }
  }

  async save(storeId: string, version: number, products: Product[]): Promise<boolean> {
    try {
      const snapshot = { storeId, version, createdAt: this.now().toISOString(), products };
      await this.store.write(storeId, encodeSnapshot(snapshot));
      return true;
    } catch (error) {
      this.logger.warn('Catalog snapshot not written; cold starts read the table', {
        storeId,
        version,
        error: String(error),
      });
      return false;
    }
  }
}
