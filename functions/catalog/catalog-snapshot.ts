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

const FORMAT = 2;

/**
 * Fields whose values repeat across a catalog (a store has a few categories, brands and policy texts): stored
 * once in a dictionary and referenced by index, which shrinks what a cold start decompresses and parses.
 */
const DICTIONARY_FIELDS = new Set(['category', 'brand', 'currency', 'warranty', 'shipping', 'returnPolicy']);

interface EncodedSnapshot {
  format: number;
  storeId: string;
  version: number;
  createdAt: string;
  /** Column names; each product is one row of values in this order (no repeated keys). */
  fields: string[];
  dictionary: string[];
  rows: unknown[][];
}

export function encodeSnapshot(snapshot: CatalogSnapshot): Buffer {
  const fields = [...new Set(snapshot.products.flatMap((p) => Object.keys(p)))];
  const dictionary: string[] = [];
  const positions = new Map<string, number>();
  const intern = (value: string) => {
    let position = positions.get(value);
    if (position === undefined) {
      position = dictionary.push(value) - 1;
      positions.set(value, position);
    }
    return position;
  };
  const rows = snapshot.products.map((product) =>
    fields.map((field) => {
      const value = (product as unknown as Record<string, unknown>)[field];
      if (value === undefined) return null;
      return DICTIONARY_FIELDS.has(field) && typeof value === 'string' ? intern(value) : value;
    }),
  );
  const encoded: EncodedSnapshot = {
    format: FORMAT,
    storeId: snapshot.storeId,
    version: snapshot.version,
    createdAt: snapshot.createdAt,
    fields,
    dictionary,
    rows,
  };
  // Level 6 (the default) compresses a 100k catalog ~5x; writes are off the shopper's path.
  return gzipSync(JSON.stringify(encoded));
}

export function decodeSnapshot(bytes: Buffer): CatalogSnapshot {
  const encoded = JSON.parse(gunzipSync(bytes).toString('utf8')) as EncodedSnapshot;
  if (encoded.format !== FORMAT || !Array.isArray(encoded.rows) || typeof encoded.version !== 'number') {
    throw new Error('Unsupported catalog snapshot format');
  }
  const { fields, dictionary } = encoded;
  const fromDictionary = fields.map((field) => DICTIONARY_FIELDS.has(field));
  const products = encoded.rows.map((row) => {
    const product: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) {
      const value = row[i];
      if (value === null || value === undefined) continue;
      product[fields[i]] = fromDictionary[i] && typeof value === 'number' ? dictionary[value] : value;
    }
    return product as unknown as Product;
  });
  return { storeId: encoded.storeId, version: encoded.version, createdAt: encoded.createdAt, products };
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
