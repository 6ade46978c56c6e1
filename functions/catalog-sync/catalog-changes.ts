import * as z from 'zod/mini';
import { describeIssues, productFields, validateProductRecords } from '../catalog/import';
import type { Product } from '../catalog/product';
import { ValidationError } from '../errors/errors';
import { commitCatalogChange, type CatalogWriterPorts } from './catalog-writer';

/**
 * Incremental catalog changes, as the product webhook, Shopify and feeds send them: whole products to upsert,
 * partial patches, ids to delete. Applying the same change twice changes nothing the second time (no write,
 * no new catalog version), so retries and replays are harmless.
 */

export interface CatalogChanges {
  upsert?: unknown[];
  patch?: unknown[];
  delete?: unknown[];
}

export interface CatalogItemError {
  section: 'upsert' | 'patch' | 'delete';
  /** 1-based position in that section's list. */
  row: number;
  id?: string;
  message: string;
}

export interface CatalogChangeResult {
  upserted: number;
  patched: number;
  deleted: number;
  unchanged: number;
  errors: CatalogItemError[];
  /** The new catalog version, or the current one when nothing changed. */
  catalogVersion?: number;
}

export interface CatalogChangePorts extends CatalogWriterPorts {
  products: CatalogWriterPorts['products'] & {
    getMany(storeId: string, ids: readonly string[]): Promise<Map<string, Product>>;
    putMany(storeId: string, products: Product[]): Promise<void>;
    delete(storeId: string, productId: string): Promise<void>;
  };
}

/** Most items one request may carry: bounded work per call, under any Lambda timeout. */
export const MAX_CHANGES_PER_REQUEST = 1000;

const productPatch = z.object({
  id: productFields.id,
  title: z.optional(productFields.title),
  description: z.optional(productFields.description),
  category: z.optional(productFields.category),
  brand: productFields.brand,
  price: z.optional(productFields.price),
  currency: productFields.currency,
  stock: z.optional(productFields.stock),
  tags: z.optional(productFields.tags),
  rating: productFields.rating,
  discountPercentage: productFields.discountPercentage,
  sku: productFields.sku,
  warranty: productFields.warranty,
  shipping: productFields.shipping,
  returnPolicy: productFields.returnPolicy,
  thumbnail: productFields.thumbnail,
  available: productFields.available,
});
type ProductPatch = z.infer<typeof productPatch>;

/** Parses the `{upsert, patch, delete}` body; throws ValidationError when its shape is wrong as a whole. */
export function parseCatalogChanges(body: unknown): Required<CatalogChanges> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ValidationError('Body must be an object with "upsert", "patch" and/or "delete" lists');
  }
  const record = body as Record<string, unknown>;
  const unknownKeys = Object.keys(record).filter((k) => !['upsert', 'patch', 'delete'].includes(k));
  if (unknownKeys.length > 0) throw new ValidationError(`Unknown key "${unknownKeys[0]}"`);
  const list = (key: 'upsert' | 'patch' | 'delete'): unknown[] => {
    const value = record[key];
    if (value === undefined) return [];
    if (!Array.isArray(value)) throw new ValidationError(`"${key}" must be a list`);
    return value;
  };
  const changes = { upsert: list('upsert'), patch: list('patch'), delete: list('delete') };
  const total = changes.upsert.length + changes.patch.length + changes.delete.length;
  if (total === 0) throw new ValidationError('Nothing to change: send "upsert", "patch" or "delete" items');
  if (total > MAX_CHANGES_PER_REQUEST) {
    throw new ValidationError(`Send at most ${MAX_CHANGES_PER_REQUEST} items per request (got ${total})`);
  }
  return changes;
}

/** Validates every item, applies the valid ones, and commits a new catalog version if anything changed. */
export async function applyCatalogChanges(
  ports: CatalogChangePorts,
  store: { id: string; currency: string; catalogVersion?: number },
  changes: CatalogChanges,
  /** The store's current products when the caller already has them all (a full feed); otherwise read by id. */
  known?: Map<string, Product>,
): Promise<CatalogChangeResult> {
  const errors: CatalogItemError[] = [];
  const upserts = validateProductRecords(changes.upsert ?? [], store.currency);
  for (const e of upserts.errors) errors.push({ section: 'upsert', row: e.row, message: e.message });

  const patches: { row: number; patch: ProductPatch }[] = [];
  (changes.patch ?? []).forEach((raw, index) => {
    const parsed = productPatch.safeParse(withoutBlanks(raw));
    if (parsed.success) patches.push({ row: index + 1, patch: parsed.data });
    else errors.push({ section: 'patch', row: index + 1, message: describeIssues(parsed.error) });
  });
  const deletions: string[] = [];
  (changes.delete ?? []).forEach((raw, index) => {
    if ((typeof raw === 'string' && raw.trim() !== '') || typeof raw === 'number')
      deletions.push(String(raw));
    else errors.push({ section: 'delete', row: index + 1, message: 'must be a product id' });
  });

  const ids = [...upserts.products.map((p) => p.id), ...patches.map((p) => String(p.patch.id)), ...deletions];
  const current = known ? new Map(known) : await ports.products.getMany(store.id, ids);
  const writes = new Map<string, Product>();
  const result: CatalogChangeResult = { upserted: 0, patched: 0, deleted: 0, unchanged: 0, errors };

  for (const product of upserts.products) {
    if (sameProduct(current.get(product.id), product)) result.unchanged += 1;
    else {
      writes.set(product.id, product);
      current.set(product.id, product);
      result.upserted += 1;
    }
  }
  for (const { row, patch } of patches) {
    const existing = current.get(patch.id);
    if (!existing) {
      errors.push({ section: 'patch', row, id: patch.id, message: 'unknown product (send it in "upsert")' });
      continue;
    }
    const merged = mergePatch(existing, patch, store.currency);
    if (sameProduct(existing, merged)) result.unchanged += 1;
    else {
      writes.set(merged.id, merged);
      current.set(merged.id, merged);
      result.patched += 1;
    }
  }
  const toDelete = deletions.filter((id) => {
    const exists = current.has(id);
    if (!exists) result.unchanged += 1;
    return exists;
  });
  for (const id of toDelete) writes.delete(id);

  await ports.products.putMany(store.id, [...writes.values()]);
  for (const id of new Set(toDelete)) await ports.products.delete(store.id, id);
  result.deleted = new Set(toDelete).size;
  result.catalogVersion =
    writes.size > 0 || toDelete.length > 0
      ? await commitCatalogChange(ports, store.id)
      : store.catalogVersion;
  return result;
}

function mergePatch(existing: Product, patch: ProductPatch, currency: string): Product {
  const merged: Product = { ...existing };
  for (const [key, value] of Object.entries(patch)) {
    if (value !== undefined) Object.assign(merged, { [key]: value });
  }
  if (patch.currency === undefined) merged.currency = existing.currency || currency;
  // `available: true` is the default, so it is stored as absence.
  if (merged.available === true) delete merged.available;
  return merged;
}

function withoutBlanks(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return raw;
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null && v !== ''));
}

/** Field-by-field equality, independent of key order. */
export function sameProduct(a: Product | undefined, b: Product): boolean {
  if (!a) return false;
  return canonical(a) === canonical(b);
}

function canonical(product: Product): string {
  const record = product as unknown as Record<string, unknown>;
  return JSON.stringify(
    Object.keys(record)
      .filter((k) => record[k] !== undefined)
      .sort()
      .map((k) => [k, record[k]]),
  );
}
