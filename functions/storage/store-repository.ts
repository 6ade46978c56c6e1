import type { Store } from '../stores/store';
import type { StoreDirectory } from '../ports/stores';
import { keys } from './keys';
import type { Table } from './table';

type StoreItem = Store & { pk: string; sk: string; gsi1pk: string; gsi1sk: string; entity: 'store' };

/**
 * Stores change rarely (an admin edits one) and are read on every request, so a warm process keeps them for
 * `cacheMs`. Writes through this repository update the cache at once; another process's edit shows within
 * `cacheMs`.
 */
export class StoreRepository implements StoreDirectory {
  private readonly cache = new Map<string, { at: number; store: Store | undefined }>();

  constructor(
    private readonly table: Table,
    private readonly cacheMs = 0,
    private readonly clock: () => number = Date.now,
  ) {}

  async get(storeId: string, options: { fresh?: boolean } = {}): Promise<Store | undefined> {
    const cached = this.cache.get(storeId);
    if (!options.fresh && cached && this.clock() - cached.at < this.cacheMs) return cached.store;
    const item = await this.table.get<StoreItem>(keys.store(storeId));
    const store = item ? stripStore(item) : undefined;
    // Unknown ids are not cached: a store created elsewhere must be usable at once.
    if (store && this.cacheMs > 0) this.cache.set(storeId, { at: this.clock(), store });
    return store;
  }

  /** Creates the store; returns false when the id is taken. */
  async create(store: Store): Promise<boolean> {
    this.cache.delete(store.id);
    return this.table.putIfAbsent(toItem(store));
  }

  async save(store: Store): Promise<void> {
    this.cache.delete(store.id);
    await this.table.put(toItem(store));
  }

  async list(): Promise<Store[]> {
    const items = await this.table.query<StoreItem>(keys.storeList(), { index: 'gsi1' });
    return items.map(stripStore);
  }

  /**
   * Sets (or, with `null`, removes) catalog-sync settings without rewriting the store, so a concurrent
   * catalog version bump is never undone.
   */
  async updateSync(
    storeId: string,
    settings: { feed?: Store['feed'] | null; shopify?: Store['shopify'] | null },
  ) {
    this.cache.delete(storeId);
    const set: string[] = [];
    const remove: string[] = [];
    const values: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(settings)) {
      if (value === undefined) continue;
      if (value === null) remove.push(name);
      else {
        set.push(`${name} = :${name}`);
        values[`:${name}`] = value;
      }
    }
    if (set.length === 0 && remove.length === 0) return;
    await this.table.update({
      Key: keys.store(storeId),
      UpdateExpression: [
        set.length ? `SET ${set.join(', ')}` : '',
        remove.length ? `REMOVE ${remove.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join(' '),
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: set.length ? values : undefined,
    });
  }

  /** Atomically bumps the catalog version after an import, so warm search indexes rebuild. */
  async bumpCatalogVersion(storeId: string): Promise<number> {
    this.cache.delete(storeId);
    const out = await this.table.update({
      Key: keys.store(storeId),
      UpdateExpression: 'ADD catalogVersion :one',
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':one': 1 },
    });
    return Number(out?.catalogVersion ?? 0);
  }
}

function toItem(store: Store): StoreItem {
  return { ...keys.store(store.id), gsi1pk: keys.storeList(), gsi1sk: store.id, entity: 'store', ...store };
}

function stripStore(item: StoreItem): Store {
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g1s, entity: _t, ...store } = item;
  return store;
}
